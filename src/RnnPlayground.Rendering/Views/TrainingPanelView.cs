using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Training at a glance: loss and validation curves, gradient norm (log scale, with the clipping
/// threshold and the steps above it marked), learning rate, rates and metrics, and a live confusion
/// matrix (rows: actual class, columns: predicted; colour: share of the row).
/// </summary>
public sealed class TrainingPanelView
{
    public static readonly Rgba TrainColor = Theme.Accent;
    public static readonly Rgba ValidationColor = Theme.Model;

    public TrainingPanelLayout Draw(DrawList list, RectF area, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(snapshot);
        var training = snapshot.Training;
        var nameWidth = training.ClassNames.Count is > 0 and <= 12 ? training.ClassNames.Max(c => list.MeasureText(c, TextStyle.Small).X) : 0f;
        var layout = TrainingPanelLayout.Compute(training, area, nameWidth > 0f ? nameWidth + 6f : 0f, nameWidth);

        // Loss.
        var loss = layout.LossChart;
        ChartPainter.Frame(list, loss);
        ChartPainter.Series(list, loss, training.LossHistory, TrainColor, 1.6f);
        DrawValidation(list, loss, training.ValidationHistory);
        var title = list.Text("loss", loss.Plot.X, loss.Plot.Y - 2f, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Bottom);
        var scale = list.Text(TrainingPanelLayout.LossIsLog(training) ? "log" : "linear", loss.Plot.Right, loss.Plot.Y - 2f, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Bottom);
        var x = title.Right + 12f;
        var legend = new List<(string Text, Rgba Color)> { ($"train {NumberFormat.Compact(Last(training.LossHistory))}", TrainColor) };
        if (training.ValidationHistory.Length > 0)
        {
            legend.Add(($"valid {NumberFormat.Compact(Last(training.ValidationHistory))}", ValidationColor));
        }

        foreach (var (text, color) in legend)
        {
            if (x + list.MeasureText(text, TextStyle.Small).X > scale.X - 8f)
            {
                break;
            }

            x = list.Text(text, x, loss.Plot.Y - 2f, TextStyle.Small, color, HAlign.Left, VAlign.Bottom).Right + 10f;
        }
        if (training.LossHistory.Length == 0)
        {
            list.Text("no training step yet", loss.Plot.Center.X, loss.Plot.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Center, VAlign.Middle);
        }

        DrawGradientNorm(list, layout.GradientChart, training);

        var lr = layout.LearningRateChart;
        ChartPainter.Frame(list, lr);
        ChartPainter.Series(list, lr, training.LearningRateHistory, Theme.Good, 1.6f);
        list.Text(list.Fit(TextStyle.Body.Bolded, lr.Plot.Width, $"lr {NumberFormat.Compact(snapshot.LearningRate)}", "lr"), lr.Plot.X, lr.Plot.Y - 2f, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Bottom);

        var statsBottom = DrawStats(list, layout.Stats, snapshot);
        if (snapshot.Sample is { } sample)
        {
            TextSamplePainter.Draw(list, RectF.FromEdges(layout.Stats.X, statsBottom + 10f, layout.Stats.Right, layout.Stats.Bottom), sample);
        }

        if (layout.HasConfusion)
        {
            DrawConfusion(list, layout, training);
        }

        return layout;
    }

    private static void DrawValidation(DrawList list, ChartGeometry chart, float[] validation)
    {
        // Validation runs less often than training steps: stretch it over the same span, with dots.
        if (validation.Length == 0)
        {
            return;
        }

        var span = chart with { Count = Math.Max(2, validation.Length) };
        ChartPainter.Series(list, span, validation, ValidationColor, 1.6f);
        if (validation.Length <= 64)
        {
            for (var i = 0; i < validation.Length; i++)
            {
                var p = new Vector2(span.XOf(i, validation.Length), span.YOf(validation[i]));
                list.FillRect(new RectF(p.X - 2f, p.Y - 2f, 4f, 4f), ValidationColor);
            }
        }
    }

    private static void DrawGradientNorm(DrawList list, ChartGeometry chart, TrainingSnapshot training)
    {
        ChartPainter.Frame(list, chart);
        var norms = training.GradientNormHistory;
        var clip = training.ClipThreshold;
        if (float.IsFinite(clip) && clip > 0f)
        {
            var y = chart.YOf(clip);
            list.DashedPolyline([new Vector2(chart.Plot.X, y), new Vector2(chart.Plot.Right, y)], Theme.Danger, 1.2f);

            // A red tick on top of the plot for every logged step whose norm was clipped.
            var previous = float.NaN;
            for (var i = 0; i < norms.Length; i++)
            {
                if (norms[i] > clip)
                {
                    var x = MathF.Round(chart.XOf(i, norms.Length));
                    if (x != previous)
                    {
                        list.FillRect(new RectF(x - 1f, chart.Plot.Y + 1f, 2f, 6f), Theme.Danger);
                        previous = x;
                    }
                }
            }
        }

        ChartPainter.Series(list, chart, norms, Theme.Warning, 1.4f);
        var norm = NumberFormat.Compact(Last(norms));
        list.Text(list.Fit(TextStyle.Body.Bolded, chart.Plot.Width, $"grad norm {norm}", $"grad {norm}", "grad"), chart.Plot.X, chart.Plot.Y - 2f, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Bottom);
        if (float.IsFinite(clip) && clip > 0f)
        {
            // Above the threshold line, or below it when the line runs along the top (where the title is).
            var clipY = chart.YOf(clip);
            var below = clipY - chart.Plot.Y < 16f;
            list.Text($"clip {NumberFormat.Compact(clip)}", chart.Plot.Right - 3f, below ? clipY + 2f : clipY - 2f, TextStyle.Small, Theme.Danger, HAlign.Right, below ? VAlign.Top : VAlign.Bottom);
        }
    }

    /// <summary>Draws the metric lines; returns the bottom of the last one (the top of <paramref name="area"/> when none).</summary>
    private static float DrawStats(DrawList list, RectF area, Snapshot snapshot)
    {
        if (area.Height < 14f)
        {
            return area.Y;
        }

        // Rates are in the HUD; here the run's metrics, counts as whole numbers.
        var lines = snapshot.Training.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (Key: m.Key.Replace('_', ' '), Value: Math.Abs(m.Value) < 1e15 && m.Value == Math.Round(m.Value) && Math.Abs(m.Value) >= 2 ? NumberFormat.Integer((long)m.Value) : NumberFormat.Compact(m.Value)))
            .ToList();
        if (lines.Count == 0)
        {
            return area.Y;
        }


        // Columns as wide as the widest name and value, as many as fit; what does not fit is reported.
        const float lineHeight = TrainingPanelLayout.StatLineHeight;
        var keyWidth = lines.Max(l => list.MeasureText(l.Key, TextStyle.Small).X);
        var valueWidth = lines.Max(l => list.MeasureText(l.Value, TextStyle.Small.Bolded).X);
        var columnWidth = keyWidth + valueWidth + 14f;
        var columns = Math.Max(1, (int)((area.Width + 14f) / (columnWidth + 14f)));
        var rows = Math.Max(1, (int)((area.Height - 2f) / lineHeight));
        if (columnWidth > area.Width || lines.Count > rows * columns)
        {
            list.RecordCut($"training stats: {lines.Count} lines, room for {(columnWidth > area.Width ? 0 : rows * columns)}");
            if (columnWidth > area.Width)
            {
                return area.Y;
            }
        }

        for (var i = 0; i < Math.Min(lines.Count, rows * columns); i++)
        {
            var (key, value) = lines[i];
            var x = area.X + ((i / rows) * (columnWidth + 14f));
            var y = area.Y + 2f + ((i % rows) * lineHeight);
            list.Text(key, x, y, TextStyle.Small, Theme.TextDim);
            list.Text(value, x + columnWidth, y, TextStyle.Small.Bolded, Theme.Text, HAlign.Right);
        }

        return area.Y + 2f + (Math.Min(lines.Count, rows) * lineHeight);
    }

    private static void DrawConfusion(DrawList list, TrainingPanelLayout layout, TrainingSnapshot training)
    {
        var n = training.ClassNames.Count;
        var area = layout.ConfusionArea;
        list.Text("confusion", area.X, area.Y, TextStyle.Body.Bolded, Theme.Text);
        if (area.Width > 200f)
        {
            list.Text("actual ↓ predicted →", area.Right, area.Y + 2f, TextStyle.Small, Theme.TextDim, HAlign.Right);
        }
        var size = layout.ConfusionCellSize;
        var total = training.Confusion.Sum(c => (long)c);
        var correct = 0L;
        for (var a = 0; a < n; a++)
        {
            long rowTotal = 0;
            for (var p = 0; p < n; p++)
            {
                rowTotal += training.Confusion[(a * n) + p];
            }

            correct += training.Confusion[(a * n) + a];
            var first = layout.ConfusionCell(a, 0);
            if (size >= 9f)
            {
                // Labels only where a line of text fits beside a row (not for 60 characters of a text model).
                var label = list.Ellipsize(training.ClassNames[a], TextStyle.Small, layout.RowLabelWidth - 4f);
                list.Text(label, first.X - 4f, first.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle);
            }
            for (var p = 0; p < n; p++)
            {
                var count = training.Confusion[(a * n) + p];
                var share = rowTotal > 0 ? (float)count / rowTotal : float.NaN;
                var cell = layout.ConfusionCell(a, p);
                var color = ColorMap.Viridis.Map(share);
                list.FillRect(cell, color);
                if (size >= 22f)
                {
                    var ink = share > 0.6f ? Theme.Background : Theme.Text;
                    list.Text(NumberFormat.Integer(count), cell.Center.X, cell.Center.Y, TextStyle.Small, ink, HAlign.Center, VAlign.Middle);
                }
            }
        }

        // Column labels over their cells; on two lines they take turns (the first nearest the cells), each two cells wide, kept inside the column.
        var lines = layout.ColumnLabelLines;
        for (var p = 0; p < n && size >= 9f; p++)
        {
            var cell = layout.ConfusionCell(0, p);
            var label = list.Ellipsize(training.ClassNames[p], TextStyle.Small, lines > 1 ? (2f * size) - 4f : MathF.Max(size, 10f));
            var half = list.MeasureText(label, TextStyle.Small).X / 2f;
            var x = Math.Clamp(cell.Center.X, area.X + half, MathF.Max(area.X + half, area.Right - half));
            var y = cell.Y - 3f - (p % lines * TrainingPanelLayout.ColumnLabelLineHeight);
            list.Text(label, x, y, TextStyle.Small, Theme.TextDim, HAlign.Center, VAlign.Bottom);
        }

        var bottom = layout.ConfusionCell(n - 1, 0).Bottom;
        var accuracy = total > 0 ? (double)correct / total : double.NaN;
        var left = layout.ConfusionCell(0, 0).X;
        var rate = NumberFormat.Compact(accuracy);
        list.Text(list.Fit(TextStyle.Small, area.Right - left, $"accuracy {rate} over {NumberFormat.Integer(total)}", $"accuracy {rate}", $"acc {rate}"), left, bottom + 6f, TextStyle.Small, Theme.Text);
    }

    private static float Last(float[] values) => values.Length > 0 ? values[^1] : float.NaN;
}
