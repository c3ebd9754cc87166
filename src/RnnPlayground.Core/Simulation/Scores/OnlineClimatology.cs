namespace RnnPlayground.Core.Simulation;

/// <summary>
/// Climatology learnt from the stream as it goes: per day of year, how often each class came and
/// the mean value, pooled over the days within ±<see cref="HalfWindow"/> of the day asked about
/// (circularly). It forecasts a day from every day seen before it, so it follows a changing
/// climate only as fast as years of data accumulate. Allocates nothing per day.
/// </summary>
public sealed class OnlineClimatology
{
    private readonly double[] _classCounts;
    private readonly double[] _valueSums;
    private readonly int[] _valueCounts;
    private readonly int _classes;

    public OnlineClimatology(int daysPerYear, int classes, int halfWindow = 15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysPerYear, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        ArgumentOutOfRangeException.ThrowIfNegative(halfWindow);
        DaysPerYear = daysPerYear;
        _classes = classes;
        HalfWindow = Math.Min(halfWindow, (daysPerYear - 1) / 2);
        _classCounts = new double[daysPerYear * Math.Max(1, classes)];
        _valueSums = new double[daysPerYear];
        _valueCounts = new int[daysPerYear];
    }

    public int DaysPerYear { get; }

    public int HalfWindow { get; }

    /// <summary>Records a day: its day of year, class (−1: none) and value (NaN: none).</summary>
    public void Add(int dayOfYear, int label, double value)
    {
        if ((uint)dayOfYear >= (uint)DaysPerYear) throw new ArgumentOutOfRangeException(nameof(dayOfYear), dayOfYear, $"must be in [0, {DaysPerYear})");
        if ((uint)label < (uint)_classes) _classCounts[dayOfYear * _classes + label]++;
        if (!double.IsNaN(value))
        {
            _valueSums[dayOfYear] += value;
            _valueCounts[dayOfYear]++;
        }
    }

    /// <summary>
    /// The class probabilities for <paramref name="dayOfYear"/> (counts with one pseudo-count per
    /// class, so no class is ever impossible) into <paramref name="probabilities"/> [classes], and
    /// the mean value (NaN before any).
    /// </summary>
    public double Forecast(int dayOfYear, Span<float> probabilities)
    {
        if ((uint)dayOfYear >= (uint)DaysPerYear) throw new ArgumentOutOfRangeException(nameof(dayOfYear), dayOfYear, $"must be in [0, {DaysPerYear})");
        if (probabilities.Length < _classes) throw new ArgumentException($"needs {_classes} probabilities, got {probabilities.Length}", nameof(probabilities));
        probabilities[.._classes].Fill(1f);
        double total = _classes, sum = 0;
        long n = 0;
        for (int offset = -HalfWindow; offset <= HalfWindow; offset++)
        {
            int d = ((dayOfYear + offset) % DaysPerYear + DaysPerYear) % DaysPerYear;
            for (int c = 0; c < _classes; c++)
            {
                double k = _classCounts[d * _classes + c];
                probabilities[c] += (float)k;
                total += k;
            }
            sum += _valueSums[d];
            n += _valueCounts[d];
        }
        for (int c = 0; c < _classes; c++) probabilities[c] = (float)(probabilities[c] / total);
        return n > 0 ? sum / n : double.NaN;
    }
}
