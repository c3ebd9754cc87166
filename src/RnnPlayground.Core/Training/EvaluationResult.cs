using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Training;

/// <summary>
/// A model's scores on one split: mean loss; for class targets accuracy, per-class precision and
/// recall and the confusion matrix; for value targets MAE and RMSE in the data's raw units.
/// <see cref="Metrics"/> holds them by name (<c>loss</c>, <c>accuracy</c>, <c>mae</c>, <c>rmse</c>,
/// <c>precision_{class}</c>, <c>recall_{class}</c>).
/// </summary>
public sealed record EvaluationResult(
    Split Split,
    int Samples,
    double Loss,
    double Accuracy,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    IReadOnlyList<string> ClassNames,
    int[] Confusion,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The metric called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such metric; the message lists the known ones.</exception>
    public double this[string name] => Metrics.TryGetValue(name, out double v) ? v
        : throw new KeyNotFoundException($"no metric '{name}'; this evaluation has: {string.Join(", ", Metrics.Keys)}");
}
