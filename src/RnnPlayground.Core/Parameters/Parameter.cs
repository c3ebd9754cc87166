namespace RnnPlayground.Core.Parameters;

/// <summary>
/// A named view of <see cref="Length"/> values inside a <see cref="ParameterStore"/> (weights,
/// their gradients and any optimizer moments sit at the same offset in parallel buffers).
/// Names and shapes follow PyTorch (<c>lstm.weight_ih_l0</c> is [4H × in]).
/// </summary>
public sealed class Parameter
{
    internal Parameter(ParameterStore store, string name, int[] shape, int offset)
    {
        Store = store;
        Name = name;
        Shape = shape;
        Offset = offset;
        int length = 1;
        foreach (int d in shape) length *= d;
        Length = length;
    }

    public ParameterStore Store { get; }

    public string Name { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Start of this parameter in the store's buffers.</summary>
    public int Offset { get; }

    public int Length { get; }

    /// <summary>The parameter's values.</summary>
    public Span<float> Values => Store.Values.AsSpan(Offset, Length);

    /// <summary>The gradient accumulated for this parameter.</summary>
    public Span<float> Gradients => Store.Gradients.AsSpan(Offset, Length);

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public override string ToString() => $"{Name} {ShapeText}";
}
