namespace RnnPlayground.App;

/// <summary>What the benchmarks report over their rounds.</summary>
internal static class RoundStatistics
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two when their count is even).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0) throw new ArgumentException("no values", nameof(values));
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
