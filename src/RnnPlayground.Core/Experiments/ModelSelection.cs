namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Which validation metric decides the best model (kept and restored at the end, as the usual
/// "best epoch" protocol) and, with <see cref="Patience"/>, when to stop early.
/// </summary>
/// <param name="Metric">A metric of the validation evaluation (<c>loss</c>, <c>accuracy</c>, <c>rmse</c>…).</param>
/// <param name="Maximize">Higher is better (accuracy) rather than lower (loss).</param>
/// <param name="Patience">Stop after this many evaluations without improvement; null never stops early.</param>
/// <param name="MinDelta">An improvement must exceed this much.</param>
/// <param name="RestoreBest">Put the best parameters back at the end (before the test evaluation).</param>
public sealed record ModelSelection(string Metric, bool Maximize, int? Patience = null, double MinDelta = 0, bool RestoreBest = true)
{
    /// <summary>The default: lowest validation loss, no early stop.</summary>
    public static ModelSelection LowestLoss { get; } = new("loss", false);

    /// <summary>Whether a higher <paramref name="metric"/> is better: accuracy, precision and recall; lower for loss and errors.</summary>
    public static bool HigherIsBetter(string metric) =>
        metric is "accuracy" ||
        metric.StartsWith("precision_", StringComparison.Ordinal) ||
        metric.StartsWith("recall_", StringComparison.Ordinal);

    public bool IsBetter(double candidate, double best) =>
        !double.IsNaN(candidate) && (double.IsNaN(best) || (Maximize ? candidate > best + MinDelta : candidate < best - MinDelta));
}
