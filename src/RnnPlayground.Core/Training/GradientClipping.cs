using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Training;

/// <summary>Gradient norm and clipping over all gradients of a store (as PyTorch's <c>clip_grad_norm_</c> / <c>clip_grad_value_</c>).</summary>
public static class GradientClipping
{
    /// <summary>The 2-norm of all gradients, accumulated in double.</summary>
    public static double GlobalNorm(ParameterStore parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Math.Sqrt(VectorMath.SumOfSquares(parameters.Gradients.AsSpan(0, parameters.Count)));
    }

    /// <summary>
    /// Scales all gradients by min(1, maxNorm / (norm + 1e-6)); returns the norm before clipping
    /// (NaN or ∞ when a gradient is not finite; the gradients are then left as they are).
    /// </summary>
    public static double ClipByNorm(ParameterStore parameters, double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "must be finite and > 0");
        double norm = GlobalNorm(parameters);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1.0) VectorMath.Scale(parameters.Gradients.AsSpan(0, parameters.Count), (float)coefficient);
        return norm;
    }

    /// <summary>Clamps every gradient to [−clip, clip]; returns the norm before clipping.</summary>
    public static double ClipByValue(ParameterStore parameters, float clip)
    {
        if (!(clip > 0f) || float.IsInfinity(clip)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "must be finite and > 0");
        double norm = GlobalNorm(parameters);
        VectorMath.Clamp(parameters.Gradients.AsSpan(0, parameters.Count), -clip, clip);
        return norm;
    }
}
