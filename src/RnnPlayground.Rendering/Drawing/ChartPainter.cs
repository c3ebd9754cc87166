using System.Numerics;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>Draws the parts of strip charts (plot background, grid, series) into a <see cref="DrawList"/>.</summary>
public static class ChartPainter
{
    /// <summary>Plot background, a frame, and faint horizontal gridlines (decades on a log scale).</summary>
    public static void Frame(DrawList list, ChartGeometry chart, bool labels = true)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(chart);
        var plot = chart.Plot;
        list.FillBackground(plot, Theme.PlotBackground);
        list.StrokeRect(plot, Theme.Grid);
        if (chart.LogY)
        {
            var lo = (int)MathF.Round(MathF.Log10(chart.YMin));
            var hi = (int)MathF.Round(MathF.Log10(chart.YMax));
            var step = Math.Max(1, (hi - lo + 3) / 4);
            var labelHeight = list.MeasureText("1", TextStyle.Small).Y;
            var clearAbove = float.PositiveInfinity; // labels go up from the bottom one, each only where it clears the one below
            for (var e = lo; e <= hi; e += step)
            {
                var y = MathF.Round(chart.YOf(MathF.Pow(10, e)));
                list.FillRect(new RectF(plot.X, y, plot.Width, 1), Theme.Grid);
                var top = e == lo ? y - labelHeight : y;
                if (labels && plot.Height >= 34f && top + labelHeight <= clearAbove)
                {
                    clearAbove = list.Text(NumberFormat.Decade(e), plot.X + 3, y, TextStyle.Small, Theme.TextDim, HAlign.Left, e == lo ? VAlign.Bottom : VAlign.Top).Y;
                }
            }

            return;
        }

        for (var i = 1; i < 4; i++)
        {
            list.FillRect(new RectF(plot.X, MathF.Round(plot.Y + (plot.Height * i / 4f)), plot.Width, 1), Theme.Grid);
        }

        if (labels && plot.Height >= 34f)
        {
            list.Text(NumberFormat.Compact(chart.YMax), plot.X + 3, plot.Y + 2, TextStyle.Small, Theme.TextDim);
            list.Text(NumberFormat.Compact(chart.YMin), plot.X + 3, plot.Bottom - 2, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Bottom);
        }
    }

    /// <summary>
    /// <paramref name="values"/> as a line (NaN breaks it), right-aligned to the chart's sample count.
    /// A series denser than two samples per pixel is drawn per pixel column as its min–max band
    /// (faint) with the column means as the line, so long histories stay cheap and honest.
    /// </summary>
    public static void Series(DrawList list, ChartGeometry chart, ReadOnlySpan<float> values, Rgba color, float thickness = 1.5f, bool dashed = false)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(chart);
        if (values.Length == 0)
        {
            return;
        }

        var columns = Math.Max(2, (int)chart.Plot.Width);
        if (values.Length <= columns * 2)
        {
            Span<Vector2> points = values.Length <= 2048 ? stackalloc Vector2[values.Length] : new Vector2[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                points[i] = new Vector2(chart.XOf(i, values.Length), chart.YOf(values[i]));
            }

            Line(list, points, color, thickness, dashed);
            return;
        }

        // Dense: bucket into two-pixel columns spanning the part of the plot the series covers.
        var x0 = chart.XOf(0, values.Length);
        var x1 = chart.Plot.Right;
        var buckets = Math.Max(2, (int)((x1 - x0) / 2f));
        Span<Vector2> means = buckets <= 2048 ? stackalloc Vector2[buckets] : new Vector2[buckets];
        var band = color.WithAlpha(color.A / 255f * 0.25f);
        for (var b = 0; b < buckets; b++)
        {
            var start = (int)((long)b * values.Length / buckets);
            var end = (int)((long)(b + 1) * values.Length / buckets);
            float lo = float.PositiveInfinity, hi = float.NegativeInfinity, sum = 0;
            var n = 0;
            for (var i = start; i < end; i++)
            {
                var v = values[i];
                if (float.IsFinite(v) && (!chart.LogY || v > 0))
                {
                    lo = MathF.Min(lo, v);
                    hi = MathF.Max(hi, v);
                    sum += chart.LogY ? MathF.Log10(v) : v;
                    n++;
                }
            }

            var x = x0 + ((b + 0.5f) * (x1 - x0) / buckets);
            if (n == 0)
            {
                means[b] = new Vector2(float.NaN, float.NaN);
                continue;
            }

            var mean = chart.LogY ? MathF.Pow(10, sum / n) : sum / n;
            means[b] = new Vector2(x, chart.YOf(mean));
            var top = chart.YOf(hi);
            var bottom = chart.YOf(lo);
            if (bottom - top >= 1f)
            {
                list.FillRect(new RectF(x - 1f, top, 2f, bottom - top), band);
            }
        }

        Line(list, means, color, thickness, dashed);
    }

    private static void Line(DrawList list, ReadOnlySpan<Vector2> points, Rgba color, float thickness, bool dashed)
    {
        if (dashed)
        {
            list.DashedPolyline(points, color, thickness);
        }
        else
        {
            list.Polyline(points, color, thickness);
        }
    }
}
