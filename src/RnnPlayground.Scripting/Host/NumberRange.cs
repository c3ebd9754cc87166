using System.Globalization;

namespace RnnPlayground.Scripting.Host;

/// <summary>Which (finite) numbers an argument reader accepts, and how the error message names them.</summary>
public readonly record struct NumberRange
{
    private NumberRange(double min, bool minInclusive, double max, string description)
    {
        Min = min;
        MinInclusive = minInclusive;
        Max = max;
        Description = description;
    }

    public double Min { get; }
    public bool MinInclusive { get; }
    public double Max { get; }

    /// <summary>What the message says the value must be, e.g. "a number > 0".</summary>
    public string Description { get; }

    /// <summary>Any finite number.</summary>
    public static NumberRange Any { get; } = new(double.MinValue, true, double.MaxValue, "a finite number");

    /// <summary>A finite number &gt; 0.</summary>
    public static NumberRange Positive { get; } = new(0, false, double.MaxValue, "a number > 0");

    /// <summary>A finite number ≥ 0.</summary>
    public static NumberRange NonNegative { get; } = new(0, true, double.MaxValue, "a number >= 0");

    /// <summary>A probability of dropping: a number in [0, 1).</summary>
    public static NumberRange Rate { get; } = new(0, true, Math.BitDecrement(1.0), "a number in [0, 1)");

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static NumberRange Between(double min, double max)
    {
        if (!double.IsFinite(min)) throw new ArgumentOutOfRangeException(nameof(min), min, "must be finite");
        if (!double.IsFinite(max) || max < min) throw new ArgumentOutOfRangeException(nameof(max), max, $"must be finite and >= min ({min})");
        return new NumberRange(min, true, max,
            string.Create(CultureInfo.InvariantCulture, $"a number between {Plain(min)} and {Plain(max)}"));
    }

    public bool Contains(double value) =>
        double.IsFinite(value) && (MinInclusive ? value >= Min : value > Min) && value <= Max;

    /// <summary>A bound as people write it: 0, 0.999999, 1e-09.</summary>
    private static string Plain(double v) => v.ToString("G14", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
