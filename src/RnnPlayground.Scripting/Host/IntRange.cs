using System.Globalization;

namespace RnnPlayground.Scripting.Host;

/// <summary>Which integers an argument reader accepts, and how the error message names them.</summary>
public readonly record struct IntRange
{
    private IntRange(long min, long max, string description)
    {
        Min = min;
        Max = max;
        Description = description;
    }

    public long Min { get; }
    public long Max { get; }

    /// <summary>What the message says the value must be, e.g. "a positive integer".</summary>
    public string Description { get; }

    /// <summary>Any integer that fits a 32-bit int.</summary>
    public static IntRange Any { get; } = new(int.MinValue, int.MaxValue, "an integer");

    /// <summary>1, 2, 3, … (up to <see cref="int.MaxValue"/>).</summary>
    public static IntRange Positive { get; } = new(1, int.MaxValue, "a positive integer");

    /// <summary>0, 1, 2, … (up to <see cref="int.MaxValue"/>).</summary>
    public static IntRange NonNegative { get; } = new(0, int.MaxValue, "a non-negative integer");

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static IntRange Between(int min, int max)
    {
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), max, $"must be >= min ({min})");
        return new IntRange(min, max,
            string.Create(CultureInfo.InvariantCulture, $"an integer between {min} and {max}"));
    }

    public bool Contains(long value) => value >= Min && value <= Max;
}
