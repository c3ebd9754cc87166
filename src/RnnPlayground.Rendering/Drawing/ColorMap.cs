namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// A piecewise-linear colour ramp over [<see cref="Min"/>, <see cref="Max"/>]: values outside are
/// clamped, NaN gives <see cref="Missing"/>.
/// </summary>
public sealed class ColorMap
{
    private readonly Rgba[] _stops;

    /// <param name="stops">At least two colours, evenly spaced from <paramref name="min"/> to <paramref name="max"/>.</param>
    public ColorMap(float min, float max, IReadOnlyList<Rgba> stops, Rgba missing)
    {
        ArgumentNullException.ThrowIfNull(stops);
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"must be > min ({min})");
        }

        if (stops.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(stops), stops.Count, "need at least two colour stops");
        }

        Min = min;
        Max = max;
        Missing = missing;
        _stops = [.. stops];
    }

    /// <summary>
    /// Blue–white–red, symmetric around 0 on [−1, 1] (the RdBu ramp of ColorBrewer, reversed so
    /// that negative is blue). Activations are coloured with it.
    /// </summary>
    public static ColorMap BlueWhiteRed { get; } = new(
        -1f,
        1f,
        [Rgba.FromRgbHex(0x2166AC), Rgba.FromRgbHex(0x67A9CF), Rgba.FromRgbHex(0xF7F7F7), Rgba.FromRgbHex(0xEF8A62), Rgba.FromRgbHex(0xB2182B)],
        Theme.MissingValue);

    /// <summary>Viridis on [0, 1] (dark violet to yellow): sigmoid gates and normalised counts.</summary>
    public static ColorMap Viridis { get; } = new(
        0f,
        1f,
        [Rgba.FromRgbHex(0x440154), Rgba.FromRgbHex(0x3B528B), Rgba.FromRgbHex(0x21918C), Rgba.FromRgbHex(0x5EC962), Rgba.FromRgbHex(0xFDE725)],
        Theme.MissingValue);

    public float Min { get; }

    public float Max { get; }

    public Rgba Missing { get; }

    /// <summary>A diverging map on [−1, 1] from <paramref name="negative"/> through light grey to <paramref name="positive"/>.</summary>
    public static ColorMap Diverging(Rgba negative, Rgba positive) =>
        new(-1f, 1f, [negative, Rgba.FromRgbHex(0xF7F7F7), positive], Theme.MissingValue);

    public Rgba Map(float value)
    {
        if (float.IsNaN(value))
        {
            return Missing;
        }

        var t = Math.Clamp((value - Min) / (Max - Min), 0f, 1f) * (_stops.Length - 1);
        var i = Math.Min((int)t, _stops.Length - 2);
        return Rgba.Lerp(_stops[i], _stops[i + 1], t - i);
    }
}
