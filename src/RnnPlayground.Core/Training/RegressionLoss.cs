namespace RnnPlayground.Core.Training;

/// <summary>The loss for value targets.</summary>
public enum RegressionLossKind
{
    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Huber (smooth L1 with threshold δ): ½d² for |d| &lt; δ, else δ(|d| − ½δ); mean.</summary>
    Huber,
}

/// <summary>Mean squared error or Huber loss over value targets, averaged over every element (as PyTorch's 'mean').</summary>
public sealed class RegressionLoss
{
    public RegressionLoss(RegressionLossKind kind = RegressionLossKind.Mse, float delta = 1f)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown regression loss");
        if (!(delta > 0f) || float.IsInfinity(delta)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber delta must be > 0");
        Kind = kind;
        Delta = delta;
    }

    public RegressionLossKind Kind { get; }

    public float Delta { get; }

    /// <summary>
    /// Mean loss of <paramref name="rows"/>×<paramref name="width"/> predictions (row stride
    /// <paramref name="stride"/>) against targets [rows, width]; writes dLoss/dprediction ×
    /// <paramref name="scale"/> into the same columns of <paramref name="gradient"/>.
    /// </summary>
    public double Compute(ReadOnlySpan<float> predictions, int rows, int width, int stride, ReadOnlySpan<float> targets,
        Span<float> gradient, float scale = 1f)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "must be ≥ 1");
        if (targets.Length < rows * width) throw new ArgumentException($"{rows}×{width} predictions need as many targets, got {targets.Length}", nameof(targets));
        int count = rows * width;
        if (count == 0) return 0;
        double total = 0;
        float norm = scale / count;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> p = predictions.Slice(r * stride, width);
            ReadOnlySpan<float> t = targets.Slice(r * width, width);
            Span<float> g = gradient.Slice(r * stride, width);
            for (int c = 0; c < width; c++)
            {
                float d = p[c] - t[c];
                if (Kind == RegressionLossKind.Mse)
                {
                    total += (double)d * d;
                    g[c] = 2f * d * norm;
                }
                else if (MathF.Abs(d) < Delta)
                {
                    total += 0.5 * d * d;
                    g[c] = d * norm;
                }
                else
                {
                    total += Delta * (Math.Abs(d) - 0.5 * Delta);
                    g[c] = MathF.CopySign(Delta, d) * norm;
                }
            }
        }
        return total / count;
    }
}
