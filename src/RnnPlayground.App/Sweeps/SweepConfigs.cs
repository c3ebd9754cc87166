using RnnPlayground.Core;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// The combinations a sweep trains, in a fixed order every machine agrees on (so shards can split
/// them): a grid's cartesian product with the first parameter varying slowest, or a random
/// sweep's draws from a seeded source.
/// </summary>
internal static class SweepConfigs
{
    /// <summary>The largest number of combinations a sweep may have.</summary>
    public const int MaxConfigs = 100_000;

    /// <summary>Every combination of the axes' values.</summary>
    public static IReadOnlyList<SweepConfig> Grid(IReadOnlyList<SweepAxis> axes)
    {
        long total = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (total > MaxConfigs) throw new ArgumentException($"--grid makes {total} combinations; a sweep takes at most {MaxConfigs}");
        var configs = new List<SweepConfig>((int)total);
        var index = new int[axes.Count];
        for (int c = 0; c < total; c++)
        {
            configs.Add(new SweepConfig(c, [.. axes.Select((a, i) => new KeyValuePair<string, object>(a.Name, a.Values[index[i]]))]));
            for (int i = axes.Count - 1; i >= 0 && ++index[i] == axes[i].Values.Count; i--) index[i] = 0;
        }
        return configs;
    }

    /// <summary>
    /// <paramref name="count"/> draws, each axis in turn from one <see cref="RandomSource"/> seeded
    /// with <paramref name="seed"/>: a list's values equally likely, a range uniform (or log-uniform)
    /// between its ends, numbers rounded to 3 significant digits so they read and round-trip as text.
    /// </summary>
    public static IReadOnlyList<SweepConfig> Random(IReadOnlyList<SweepAxis> axes, int count, ulong seed)
    {
        if (count > MaxConfigs) throw new ArgumentException($"--random {count}: a sweep takes at most {MaxConfigs} combinations");
        var random = new RandomSource(seed);
        var configs = new List<SweepConfig>(count);
        for (int c = 0; c < count; c++)
            configs.Add(new SweepConfig(c, [.. axes.Select(a => new KeyValuePair<string, object>(a.Name, Draw(a, random)))]));
        return configs;
    }

    private static object Draw(SweepAxis axis, RandomSource random)
    {
        if (axis.Range is not { } r) return axis.Values[random.NextInt(axis.Values.Count)];
        double u = random.NextDouble();
        if (r.Integer)
        {
            if (!r.Log) return (long)r.Low + (long)Math.Floor(u * (r.High - r.Low + 1));
            double drawn = Math.Exp(Math.Log(r.Low) + u * (Math.Log(r.High + 1) - Math.Log(r.Low)));
            return Math.Min((long)Math.Floor(drawn), (long)r.High);
        }
        double value = r.Log ? Math.Exp(Math.Log(r.Low) + u * (Math.Log(r.High) - Math.Log(r.Low))) : r.Low + u * (r.High - r.Low);
        return Math.Clamp(double.Parse(value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), r.Low, r.High);
    }
}
