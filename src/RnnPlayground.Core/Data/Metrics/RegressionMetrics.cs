namespace RnnPlayground.Core.Data;

/// <summary>
/// Accumulates absolute and squared errors of value predictions, sample by sample or batch by
/// batch, without allocating; gives MAE and RMSE (in whatever units it was fed). NaN actual values
/// are skipped (no target). <see cref="Reset"/> starts over.
/// </summary>
public sealed class RegressionMetrics
{
    private double _absSum;
    private double _sqSum;

    public long Count { get; private set; }

    /// <summary>Mean absolute error; NaN before any sample.</summary>
    public double MeanAbsoluteError => Count == 0 ? double.NaN : _absSum / Count;

    /// <summary>Root mean squared error; NaN before any sample.</summary>
    public double RootMeanSquaredError => Count == 0 ? double.NaN : Math.Sqrt(_sqSum / Count);

    public void Add(double actual, double predicted)
    {
        if (double.IsNaN(actual)) return;
        double e = predicted - actual;
        _absSum += Math.Abs(e);
        _sqSum += e * e;
        Count++;
    }

    /// <summary>Adds element-wise pairs (same length).</summary>
    public void Add(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual values for {predicted.Length} predictions", nameof(predicted));
        for (int i = 0; i < actual.Length; i++) Add(actual[i], predicted[i]);
    }

    public void Reset()
    {
        _absSum = 0;
        _sqSum = 0;
        Count = 0;
    }
}
