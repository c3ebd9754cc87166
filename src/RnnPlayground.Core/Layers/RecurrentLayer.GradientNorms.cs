using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// Gradient-norm tracking: the 2-norm of dLoss/dh_t at each step over all layers, summed by the
// time loops during Backward when TrackGradientNorms is set.
public abstract partial class RecurrentLayer
{
    private float[] _gradientNormPerStep = [];

    /// <summary>When set, <see cref="Backward"/> records the 2-norm of dLoss/dh_t at each step (over all layers) in <see cref="GradientNormPerStep"/>.</summary>
    public bool TrackGradientNorms { get; set; }

    /// <summary>[T] gradient norm per step of the latest backward pass when <see cref="TrackGradientNorms"/> is set.</summary>
    public ReadOnlySpan<float> GradientNormPerStep => _gradientNormPerStep.AsSpan(0, TrackGradientNorms ? _steps : 0);

    /// <summary>Adds Σ (dLoss/dh_t)² of a step (summed by the time loop) into the per-step gradient norm record.</summary>
    private protected void RecordStepGradient(int step, float sumOfSquares)
    {
        if (TrackGradientNorms) _gradientNormPerStep[step] += sumOfSquares;
    }

    /// <summary>Adds Σ dh² of a step's dLoss/dh_t [B, H] into the per-step gradient norm record (when tracking).</summary>
    private protected void RecordStepGradient(int step, ReadOnlySpan<float> dHidden)
    {
        if (TrackGradientNorms) _gradientNormPerStep[step] += (float)VectorMath.SumOfSquares(dHidden);
    }

    /// <summary>Clears the record before a backward pass of <paramref name="steps"/> steps (when tracking).</summary>
    private void BeginGradientNorms(int steps)
    {
        if (TrackGradientNorms) _gradientNormPerStep.AsSpan(0, steps).Clear();
    }

    /// <summary>Turns the summed squares of the record into norms after a backward pass (when tracking).</summary>
    private void FinishGradientNorms(int steps)
    {
        if (!TrackGradientNorms) return;
        Span<float> norms = _gradientNormPerStep.AsSpan(0, steps);
        for (int t = 0; t < steps; t++) norms[t] = MathF.Sqrt(norms[t]);
    }
}
