namespace RnnPlayground.Core.Checkpoints;

/// <summary>One tensor of a safetensors file, converted to float32 (or int32 for I32/I64 data).</summary>
public sealed record SafeTensor(string Name, string DType, int[] Shape, float[] Floats, int[] Ints)
{
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}
