namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// Where values land in a plot rectangle: sample <c>i</c> of <see cref="Count"/> goes left to right
/// (oldest at the left edge, newest at the right), values from <see cref="YMin"/> (bottom) to
/// <see cref="YMax"/> (top), linearly or on a log10 scale.
/// </summary>
public sealed record ChartGeometry(RectF Plot, int Count, float YMin, float YMax, bool LogY = false)
{
    /// <summary>X of sample <paramref name="index"/> of a series as long as <see cref="Count"/>.</summary>
    public float XOf(float index) => Count <= 1 ? Plot.Center.X : Plot.X + (index / (Count - 1) * Plot.Width);

    /// <summary>
    /// X of sample <paramref name="index"/> of a series <paramref name="length"/> long, aligned so that
    /// its last sample is the newest (right edge) when shorter than <see cref="Count"/>.
    /// </summary>
    public float XOf(int index, int length) => XOf(index + (Count - length));

    /// <summary>Y of <paramref name="value"/>, clamped to the plot; NaN stays NaN (a break in a line).</summary>
    public float YOf(float value)
    {
        if (float.IsNaN(value))
        {
            return float.NaN;
        }

        float t;
        if (LogY)
        {
            var lo = MathF.Log10(YMin);
            var hi = MathF.Log10(YMax);
            t = ((value > 0 ? MathF.Log10(value) : lo) - lo) / (hi - lo);
        }
        else
        {
            t = (value - YMin) / (YMax - YMin);
        }

        return Plot.Bottom - (Math.Clamp(t, 0f, 1f) * Plot.Height);
    }

    /// <summary>
    /// A range that holds the finite values with some padding: linear ranges grow by 8% at each end
    /// (and to ±0.5 around a constant); log ranges snap outwards to whole decades.
    /// </summary>
    public static (float Min, float Max) RangeOf(IEnumerable<float[]> series, bool logY, float? fixedMin = null, float? fixedMax = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var values in series)
        {
            foreach (var v in values)
            {
                if (float.IsFinite(v) && (!logY || v > 0))
                {
                    min = MathF.Min(min, v);
                    max = MathF.Max(max, v);
                }
            }
        }

        if (logY)
        {
            if (!float.IsFinite(min))
            {
                return (fixedMin ?? 1e-3f, fixedMax ?? 1f);
            }

            var lo = MathF.Floor(MathF.Log10(min));
            var hi = MathF.Ceiling(MathF.Log10(max));
            if (hi - lo < 1)
            {
                hi = lo + 1;
            }

            return (fixedMin ?? MathF.Pow(10, lo), fixedMax ?? MathF.Pow(10, hi));
        }

        if (!float.IsFinite(min))
        {
            return (fixedMin ?? 0f, fixedMax ?? 1f);
        }

        var pad = (max - min) * 0.08f;
        if (pad <= 1e-9f)
        {
            // A flat series: a band around it on its own scale (a learning rate of 3e-3 is not padded by 0.5).
            pad = max == 0f ? 0.5f : MathF.Abs(max) * 0.5f;
        }

        return (fixedMin ?? min - pad, fixedMax ?? max + pad);
    }
}
