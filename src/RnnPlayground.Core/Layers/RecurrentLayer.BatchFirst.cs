namespace RnnPlayground.Core.Layers;

// Batch-first layout: input and gradients laid out [B, T, W] are transposed to the time-major
// layout the passes use, and the results back, through buffers kept between passes.
public abstract partial class RecurrentLayer
{
    private float[] _timeMajorInput = [];
    private float[] _batchFirstOutput = [];
    private float[] _timeMajorGradient = [];
    private float[] _batchFirstGradient = [];

    /// <summary>
    /// When set, <see cref="Forward"/> takes input laid out [B, T, in] and returns output
    /// [B, T, D·H] (and <see cref="Backward"/> takes and returns gradients laid out the same way);
    /// the <see cref="Activations"/> still say Steps = T and Batch = B.
    /// </summary>
    public bool BatchFirst { get; set; }

    /// <summary>Copies [T, B, W] to [B, T, W] (or back) into <paramref name="buffer"/>.</summary>
    private static Activations Transposed(in Activations a, ref float[] buffer, bool toBatchFirst)
    {
        int t = a.Steps, b = a.Batch, w = a.Width;
        Ensure(ref buffer, t * b * w);
        ReadOnlySpan<float> src = a.Data;
        for (int ti = 0; ti < t; ti++)
            for (int bi = 0; bi < b; bi++)
            {
                int tm = (ti * b + bi) * w, bf = (bi * t + ti) * w;
                src.Slice(toBatchFirst ? tm : bf, w).CopyTo(buffer.AsSpan(toBatchFirst ? bf : tm, w));
            }
        return new Activations(buffer, t, b, w);
    }
}
