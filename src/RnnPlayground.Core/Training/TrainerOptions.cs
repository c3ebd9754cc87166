namespace RnnPlayground.Core.Training;

/// <summary>How a <see cref="Trainer"/> draws batches and treats gradients.</summary>
public sealed record TrainerOptions
{
    /// <summary>Samples per mini-batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Truncated BPTT: sequences are processed in chunks of this many steps; the hidden state is
    /// carried to the next chunk and its gradient is cut there. Null for full BPTT.
    /// </summary>
    public int? TruncatedBptt { get; init; }

    /// <summary>Clip gradients to this global 2-norm before each update (null: no clipping).</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Clamp every gradient to [−v, v] before each update (null: no clipping).</summary>
    public float? ClipValue { get; init; }

    /// <summary>Whether to shuffle the training samples every epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Record dLoss/dh_t norms per time step in every backward pass (for views and reports).</summary>
    public bool TrackGradientNorms { get; init; }

    /// <summary>Checks the options, naming the offending value.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 1");
        if (TruncatedBptt is < 1) throw new ArgumentOutOfRangeException(nameof(TruncatedBptt), TruncatedBptt, "truncated BPTT length must be ≥ 1");
        if (ClipNorm is { } n && (!(n > 0) || double.IsInfinity(n))) throw new ArgumentOutOfRangeException(nameof(ClipNorm), n, "clip norm must be finite and > 0");
        if (ClipValue is { } v && (!(v > 0) || float.IsInfinity(v))) throw new ArgumentOutOfRangeException(nameof(ClipValue), v, "clip value must be finite and > 0");
    }
}
