using System.Globalization;
using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The variants of a comparison side by side: a legend (name in its colour, how it stands: running
/// k of n steps, its final loss, DIVERGED at step N, waiting), the loss curves of all of them over
/// one step axis, and their gradient profiles |∂L/∂h_t| over one time-step axis (log scale) — the
/// picture of vanishing or exploding gradients. A variant that diverged gets a red banner; while the
/// sequence is held on it, the banner says how to move on.
/// </summary>
public sealed class ComparisonView
{
    private const float TitleHeight = 18f;
    private const float Gap = 16f;

    /// <summary>The colour of variant <paramref name="index"/> in every part of the panel.</summary>
    public static Rgba ColorOf(int index) => Theme.SeriesPalette[index % Theme.SeriesPalette.Length];

    /// <summary>Draws <paramref name="comparison"/> into <paramref name="area"/> and returns where everything went.</summary>
    public ComparisonLayout Draw(DrawList list, RectF area, ComparisonSnapshot comparison)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(comparison);
        var variants = comparison.Variants;
        var (banner, bannerText) = DrawBanner(list, area, comparison);
        var body = banner.IsEmpty ? area : area.SkipTop(banner.Height + 8f);

        var legend = new (string Name, string Status)[variants.Count];
        var wordings = new string[variants.Count][];
        var ratios = new string?[variants.Count];
        for (var i = 0; i < variants.Count; i++)
        {
            wordings[i] = StatusWordings(variants[i], i == comparison.Current);
            legend[i] = (variants[i].Name, wordings[i][0]);
            ratios[i] = FirstOverLast(variants[i].GradientProfile);
        }

        var lineHeight = list.MeasureText("Ag", TextStyle.Body).Y + 2f;
        var legendWidth = 0f;
        foreach (var (name, status) in legend)
        {
            legendWidth = MathF.Max(legendWidth, MathF.Max(list.MeasureText(name, TextStyle.Body.Bolded).X + 18f, list.MeasureText(status, TextStyle.Small).X + 18f));
        }

        // The legend in as many columns (up to two) as its entries need to fit the height; when three lines
        // an entry leave some out, the entries leave out their first/last ratio lines instead.
        int PerColumn(float lines) => Math.Max(1, (int)((body.Height + 7f) / ((lineHeight * lines) + 6f)));
        if (ratios.Any(r => r is not null) && variants.Count > 2 * PerColumn(3f) && variants.Count <= 2 * PerColumn(2f))
        {
            list.RecordCut("comparison legend left out the first/last ratios");
            Array.Clear(ratios);
        }

        foreach (var ratio in ratios)
        {
            legendWidth = ratio is null ? legendWidth : MathF.Max(legendWidth, list.MeasureText(ratio, TextStyle.Small).X + 18f);
        }

        var entryLines = ratios.Any(r => r is not null) ? 3f : 2f;
        var entryHeight = (lineHeight * entryLines) + 6f;
        var perColumn = PerColumn(entryLines);
        var columns = Math.Clamp((variants.Count + perColumn - 1) / perColumn, 1, 2);
        var columnWidth = MathF.Min(MathF.Ceiling(legendWidth), MathF.Round(body.Width * 0.3f / columns));
        for (var c = 0; c < columns; c++)
        {
            var first = c * perColumn;
            var count = c == columns - 1 ? variants.Count - first : perColumn;
            DrawLegend(list, body.SkipLeft(c * (columnWidth + 8f)).TakeLeft(columnWidth), legend, wordings, ratios, first, count, lineHeight, entryHeight, comparison.Current);
        }

        var charts = body.SkipLeft((columns * columnWidth) + ((columns - 1) * 8f) + Gap);
        var tracked = variants.Any(v => v.GradientProfile.Length > 0);
        var lossArea = tracked ? charts.Column(0, 2, Gap) : charts;
        var lossPlot = lossArea.SkipTop(TitleHeight).Inset(0f, 0f, 0f, 16f).Snapped();
        DrawLoss(list, lossArea, lossPlot, variants);
        var gradientPlot = default(RectF);
        if (tracked)
        {
            var gradientArea = charts.Column(1, 2, Gap);
            gradientPlot = gradientArea.SkipTop(TitleHeight).Inset(0f, 0f, 0f, 16f).Snapped();
            DrawProfiles(list, gradientArea, gradientPlot, variants);
        }

        return new ComparisonLayout(banner, bannerText, legend, lossPlot, gradientPlot);
    }

    /// <summary>How a variant stands, in shorter and shorter words: the legend shows the first that fits; the first is the whole wording.</summary>
    public static string[] StatusWordings(VariantSnapshot v, bool current)
    {
        ArgumentNullException.ThrowIfNull(v);
        var loss = double.IsFinite(v.FinalLoss) ? $"loss {NumberFormat.Compact(v.FinalLoss)}" : "";
        var progress = $"{NumberFormat.Integer(v.Step)} of {NumberFormat.Integer(v.TotalSteps)}";
        return v.State switch
        {
            VariantState.Diverged => [string.Create(CultureInfo.InvariantCulture, $"DIVERGED at step {v.DivergedAtStep}"), string.Create(CultureInfo.InvariantCulture, $"DIVERGED @ {v.DivergedAtStep}"), "DIVERGED"],
            VariantState.Waiting => ["waiting"],
            VariantState.Finished => loss.Length > 0 ? [$"done, {loss}", loss, "done"] : ["done"],
            _ when current => loss.Length > 0 ? [$"{progress} steps, {loss}", $"{progress} steps", progress] : [$"{progress} steps", progress],
            _ => [loss],
        };
    }

    private static (RectF Banner, string? Text) DrawBanner(DrawList list, RectF area, ComparisonSnapshot comparison)
    {
        var diverged = comparison.Variants.Where(v => v.State == VariantState.Diverged)
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} DIVERGED at step {v.DivergedAtStep}")).ToList();
        if (diverged.Count == 0)
        {
            return (default, null);
        }

        var text = string.Join(" · ", diverged);
        if (comparison.HeldDivergence is not null)
        {
            text += double.IsFinite(comparison.HoldSecondsLeft)
                ? string.Create(CultureInfo.InvariantCulture, $" — next variant in {Math.Ceiling(comparison.HoldSecondsLeft):0} s (N: now)")
                : " — N: next variant";
        }

        var style = TextStyle.Heading;
        if (list.MeasureText(text, style).X > area.Width - 20f)
        {
            style = TextStyle.Body.Bolded;
        }

        text = list.Ellipsize(text, style, area.Width - 20f);
        var height = MathF.Ceiling(list.MeasureText(text, style).Y + 10f);
        var banner = area.TakeTop(height).Snapped();
        list.FillRect(banner, Theme.ErrorBackground);
        list.StrokeRect(banner, Theme.Danger, comparison.HeldDivergence is null ? 1f : 2f);
        list.Text(text, banner.X + 10f, banner.Center.Y, style, Theme.Danger, HAlign.Left, VAlign.Middle);
        return (banner, text);
    }

    /// <summary>"first/last 5e-20": |∂L/∂h_0| over |∂L/∂h_T-1| (null without a profile).</summary>
    public static string? FirstOverLast(float[] profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Length < 2 || !(profile[^1] > 0f) ? null : $"first/last {NumberFormat.Compact(profile[0] / profile[^1])}";
    }

    private static void DrawLegend(DrawList list, RectF area, (string Name, string Status)[] legend, string[][] wordings, string?[] ratios, int first, int count, float lineHeight, float entryHeight, int current)
    {
        var y = area.Y;
        for (var i = first; i < first + count; i++)
        {
            if (y + entryHeight > area.Bottom + 7f)
            {
                list.RecordCut($"comparison legend left out {first + count - i} variants");
                break;
            }

            var color = ColorOf(i);
            list.FillRect(new RectF(area.X, y + 4f, 10f, 10f), color);
            list.Text(list.Ellipsize(legend[i].Name, TextStyle.Body.Bolded, area.Width - 16f), area.X + 16f, y, TextStyle.Body.Bolded, i == current ? Theme.Text : color);
            var statusColor = legend[i].Status.StartsWith("DIVERGED", StringComparison.Ordinal) ? Theme.Danger : Theme.TextDim;
            list.Text(list.Fit(TextStyle.Small, area.Width - 16f, wordings[i]), area.X + 16f, y + lineHeight, TextStyle.Small, statusColor);
            if (ratios[i] is { } ratio)
            {
                list.Text(list.Ellipsize(ratio, TextStyle.Small, area.Width - 16f), area.X + 16f, y + (2f * lineHeight), TextStyle.Small, Theme.TextDim);
            }
            y += entryHeight;
        }
    }

    private static void DrawLoss(DrawList list, RectF area, RectF plot, IReadOnlyList<VariantSnapshot> variants)
    {
        long steps = 1;
        foreach (var v in variants)
        {
            steps = Math.Max(steps, Math.Max(v.Step, v.TotalSteps));
        }

        var log = IsLog(variants.Select(v => v.Loss));
        var (min, max) = ChartGeometry.RangeOf(variants.Select(v => v.Loss), log);
        var chart = new ChartGeometry(plot, 2, min, max, log);
        ChartPainter.Frame(list, chart);
        list.Text("training loss" + (log ? " (log)" : ""), area.X, area.Y, TextStyle.Body.Bolded, Theme.Text);
        list.Text("0", plot.X, plot.Bottom + 2f, TextStyle.Small, Theme.TextDim);
        list.Text($"{NumberFormat.Integer(steps)} steps", plot.Right, plot.Bottom + 2f, TextStyle.Small, Theme.TextDim, HAlign.Right);
        Span<Vector2> points = stackalloc Vector2[1024];
        for (var i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var n = Math.Min(v.Loss.Length, points.Length);
            for (var p = 0; p < n; p++)
            {
                // Point p averages steps p·stride + 1 … (p+1)·stride: drawn at its middle.
                var step = (p + 0.5f) * v.StepsPerPoint;
                points[p] = new Vector2(plot.X + (MathF.Min(step, steps) / steps * plot.Width), chart.YOf(v.Loss[p]));
            }

            list.Polyline(points[..n], ColorOf(i), 1.8f);
            if (v.State == VariantState.Diverged && n > 0)
            {
                // An X where the loss stopped being a number.
                var end = new Vector2(plot.X + (MathF.Min(v.DivergedAtStep ?? v.Step, steps) / (float)steps * plot.Width), points[n - 1].Y);
                list.Line(end - new Vector2(5f, 5f), end + new Vector2(5f, 5f), Theme.Danger, 2f);
                list.Line(end + new Vector2(-5f, 5f), end + new Vector2(5f, -5f), Theme.Danger, 2f);
            }
        }
    }

    private static void DrawProfiles(DrawList list, RectF area, RectF plot, IReadOnlyList<VariantSnapshot> variants)
    {
        var (min, max) = ChartGeometry.RangeOf(variants.Select(v => v.GradientProfile), logY: true);
        var chart = new ChartGeometry(plot, 2, min, max, LogY: true);
        ChartPainter.Frame(list, chart);
        list.Text("|∂L/∂h_t| per time step (log)", area.X, area.Y, TextStyle.Body.Bolded, Theme.Text);
        var longest = variants.Max(v => v.GradientProfile.Length);
        list.Text("t = 0", plot.X, plot.Bottom + 2f, TextStyle.Small, Theme.TextDim);
        list.Text(string.Create(CultureInfo.InvariantCulture, $"t = {Math.Max(0, longest - 1)}"), plot.Right, plot.Bottom + 2f, TextStyle.Small, Theme.TextDim, HAlign.Right);
        Span<Vector2> points = stackalloc Vector2[512];
        for (var i = 0; i < variants.Count; i++)
        {
            var profile = variants[i].GradientProfile;
            var n = Math.Min(profile.Length, points.Length);
            for (var t = 0; t < n; t++)
            {
                var x = longest <= 1 ? plot.Center.X : plot.X + (t / (float)(longest - 1) * plot.Width);
                points[t] = new Vector2(x, chart.YOf(profile[t]));
            }

            list.Polyline(points[..n], ColorOf(i), 1.8f);
        }
    }

    /// <summary>Log scale when every finite value is positive and they span more than a factor of 10.</summary>
    private static bool IsLog(IEnumerable<float[]> series)
    {
        var min = float.PositiveInfinity;
        var max = 0f;
        foreach (var values in series)
        {
            foreach (var v in values)
            {
                if (!float.IsFinite(v))
                {
                    continue;
                }

                if (v <= 0f)
                {
                    return false;
                }

                min = MathF.Min(min, v);
                max = MathF.Max(max, v);
            }
        }

        return float.IsFinite(min) && max / min > 10f;
    }
}
