namespace RnnPlayground.Core.Layers;

/// <summary>
/// One stage of a sequence model. <see cref="Forward"/> keeps what <see cref="Backward"/> needs;
/// <see cref="Backward"/> adds the parameter gradients into the store and returns the gradient
/// with respect to the input (when asked). Buffers are reused between calls: after the first
/// call at the largest shape, neither method allocates.
/// </summary>
public abstract class Module
{
    /// <summary>A short name of the module kind (<c>lstm</c>, <c>linear</c>…).</summary>
    public abstract string Kind { get; }

    /// <summary>The width of the output for an input of width <paramref name="inputWidth"/>.</summary>
    public abstract int OutputWidth(int inputWidth);

    /// <summary>Runs the module; the result is owned by the module until its next call.</summary>
    public abstract Activations Forward(in Activations input, bool training);

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (shaped like the last output), adding into
    /// parameter gradients. Returns the input gradient when <paramref name="needInputGradient"/>
    /// (otherwise an empty value).
    /// </summary>
    public abstract Activations Backward(in Activations outputGradient, bool needInputGradient);

    /// <summary>Re-initialises the parameters the PyTorch way.</summary>
    public abstract void ResetParameters(RandomSource random);

    /// <summary>Grows <paramref name="buffer"/> to hold at least <paramref name="length"/> values.</summary>
    protected static float[] Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
        return buffer;
    }

    /// <summary>Checks that an input has the width this module was built for.</summary>
    protected void CheckWidth(in Activations input, int expected)
    {
        if (input.IsTokens)
            throw new ArgumentException($"{Kind}: expected float input of width {expected}, got token ids {input}", nameof(input));
        if (input.Width != expected)
            throw new ArgumentException($"{Kind}: expected input shape [{input.Steps}, {input.Batch}, {expected}], got {input}", nameof(input));
    }
}
