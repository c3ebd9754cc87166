namespace RnnPlayground.Core.Data;

/// <summary>Shared pieces of the baselines: majority class and day-of-year climatology.</summary>
internal static class BaselineMath
{
    /// <summary>The most frequent of <paramref name="labels"/> (class indices in [0, classes)); lower index on a tie.</summary>
    public static int MostFrequent(IEnumerable<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (int l in labels) if ((uint)l < (uint)classes) counts[l]++;
        return ArgMax(counts);
    }

    private static int ArgMax(ReadOnlySpan<int> counts)
    {
        int best = 0;
        for (int c = 1; c < counts.Length; c++) if (counts[c] > counts[best]) best = c;
        return best;
    }

    private static int CircularDistance(int a, int b, int period)
    {
        int d = Math.Abs(a - b) % period;
        return Math.Min(d, period - d);
    }

    /// <summary>
    /// Per day of year [YearLength]: the most frequent label over <paramref name="rows"/> whose day of
    /// year lies within ±<paramref name="halfWindow"/> days (circularly); <paramref name="fallback"/> where none does.
    /// </summary>
    public static int[] ClimatologyClasses(TimeSeries series, IReadOnlyList<int> rows, int classes, int halfWindow, int fallback)
    {
        int year = series.YearLength;
        var countsByDay = new int[year, classes];
        foreach (int r in rows) countsByDay[series.DayOfYear(r), series.Labels[r]]++;
        var result = new int[year];
        var pooled = new int[classes];
        for (int day = 0; day < year; day++)
        {
            Array.Clear(pooled);
            for (int other = 0; other < year; other++)
                if (CircularDistance(day, other, year) <= halfWindow)
                    for (int c = 0; c < classes; c++) pooled[c] += countsByDay[other, c];
            result[day] = pooled.Sum() == 0 ? fallback : ArgMax(pooled);
        }
        return result;
    }

    /// <summary>
    /// Per day of year [YearLength]: the mean of <paramref name="column"/> over <paramref name="rows"/> whose day
    /// of year lies within ±<paramref name="halfWindow"/> days (circularly); <paramref name="fallback"/> where none does.
    /// </summary>
    public static double[] ClimatologyMeans(TimeSeries series, ReadOnlySpan<float> column, IReadOnlyList<int> rows, int halfWindow, double fallback)
    {
        int year = series.YearLength;
        var sums = new double[year];
        var counts = new int[year];
        foreach (int r in rows)
        {
            int day = series.DayOfYear(r);
            sums[day] += column[r];
            counts[day]++;
        }
        var result = new double[year];
        for (int day = 0; day < year; day++)
        {
            double sum = 0;
            int n = 0;
            for (int other = 0; other < year; other++)
                if (CircularDistance(day, other, year) <= halfWindow) { sum += sums[other]; n += counts[other]; }
            result[day] = n == 0 ? fallback : sum / n;
        }
        return result;
    }
}
