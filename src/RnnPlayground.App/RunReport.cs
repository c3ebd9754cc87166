using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using ScottPlot;
using SkiaSharp;

namespace RnnPlayground.App;

/// <summary>
/// <c>report.png</c> beside a headless run's metrics.csv, drawn on the CPU (ScottPlot on SkiaSharp, no
/// GPU or display needed): a grid of panels — training loss with the validation loss, the validation
/// score (accuracy or RMSE), the learning rate, the gradient norm per step, and when there is one the
/// gradient norm per time step (tracked runs) and the test confusion matrix (classifiers).
/// </summary>
internal static class RunReport
{
    public const string FileName = "report.png";

    /// <summary>Each panel's size; the picture is three panels wide and one or two high.</summary>
    public const int PanelWidth = 520, PanelHeight = 400;

    /// <summary>Beyond this many classes (a character model's alphabet) the confusion matrix is not drawn: its cells would be unreadable.</summary>
    public const int MaxConfusionClasses = 12;

    /// <summary>Draws the report of a finished run into <paramref name="folder"/>; returns the file, or null when there is nothing to draw.</summary>
    public static string? Save(RunSummary summary, string folder)
    {
        string metrics = Path.Combine(folder, ExperimentRun.MetricsFile);
        if (!File.Exists(metrics)) return null;
        RunReportData data = RunReportData.Read(metrics);
        if (data.Steps.Length == 0) return null;
        List<Plot> panels = [LossPanel(data), LearningRatePanel(data), GradientPanel(data)];
        if (ScorePanel(data) is { } score) panels.Insert(1, score);
        if (summary.GradientNormPerStep is { Length: > 1 } norms) panels.Add(TimeStepPanel(norms));
        if (summary.Test is { ClassNames.Count: > 1 and <= MaxConfusionClasses } test && test.Confusion.Length == test.ClassNames.Count * test.ClassNames.Count)
            panels.Add(ConfusionPanel(test));
        string path = Path.Combine(folder, FileName);
        Compose(panels, summary.Name, path);
        return path;
    }

    /// <summary>
    /// <see cref="Save"/> for runs that must not fail for want of a picture: a machine without the plot's
    /// native library, or a full disk, costs only report.png (said on the console of a headless run).
    /// </summary>
    public static void TrySave(ExperimentRun run, RunSummary summary, string folder) => TrySave(summary, folder, null);

    public static string? TrySave(RunSummary summary, string folder, TextWriter? say)
    {
        try
        {
            return Save(summary, folder);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or UnauthorizedAccessException)
        {
            say?.WriteLine($"  {FileName} not drawn: {(e.InnerException ?? e).Message}");
            return null;
        }
    }

    private static void Compose(IReadOnlyList<Plot> panels, string title, string path)
    {
        const int columns = 3, header = 36;
        int rows = (panels.Count + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(columns * PanelWidth, header + rows * PanelHeight));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, 20))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            canvas.DrawText(title, 12, 26, SKTextAlign.Left, font, paint);
        for (int i = 0; i < panels.Count; i++)
        {
            using SKBitmap bitmap = SKBitmap.Decode(panels[i].GetImageBytes(PanelWidth, PanelHeight, ImageFormat.Png));
            canvas.DrawBitmap(bitmap, i % columns * PanelWidth, header + i / columns * PanelHeight);
        }
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    private static Plot Panel(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        plot.XLabel(x, 12);
        plot.YLabel(y, 12);
        return plot;
    }

    private static Plot LossPanel(RunReportData d)
    {
        Plot plot = Panel("loss", "training step", "loss");
        var train = plot.Add.ScatterLine(d.Steps, d.Loss, Colors.RoyalBlue);
        train.LegendText = "training";
        if (d.EvaluationSteps.Length > 0)
        {
            var val = plot.Add.Scatter(d.EvaluationSteps, d.ValidationLoss, Colors.Crimson);
            val.LegendText = "validation";
            val.LineWidth = 2;
            val.MarkerSize = 6;
        }
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot? ScorePanel(RunReportData d)
    {
        if (d.EvaluationSteps.Length == 0) return null;
        bool accuracy = d.ValidationAccuracy.Any(double.IsFinite);
        double[] values = accuracy ? [.. d.ValidationAccuracy.Select(a => 100 * a)] : d.ValidationRmse;
        if (!values.Any(double.IsFinite)) return null;
        Plot plot = Panel(accuracy ? "validation accuracy" : "validation RMSE", "training step", accuracy ? "%" : "RMSE");
        var line = plot.Add.Scatter(d.EvaluationSteps, values, Colors.Crimson);
        line.LineWidth = 2;
        line.MarkerSize = 6;
        return plot;
    }

    private static Plot LearningRatePanel(RunReportData d)
    {
        Plot plot = Panel("learning rate", "training step", "lr");
        plot.Add.ScatterLine(d.Steps, d.LearningRate, Colors.SeaGreen).LineWidth = 2;
        // From 0, so a constant rate is a line at its height rather than one in the middle of an axis around it.
        double highest = d.LearningRate.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, highest > 0 ? 1.1 * highest : 1);
        return plot;
    }

    private static Plot GradientPanel(RunReportData d)
    {
        Plot plot = Panel("gradient norm (before clipping)", "training step", "‖g‖");
        plot.Add.ScatterLine(d.Steps, d.GradientNorm, Colors.DarkOrange);
        return plot;
    }

    private static Plot TimeStepPanel(float[] norms)
    {
        Plot plot = Panel("|dL/dh_t| by time step (log10)", "time step t (0 = first input)", "log10 |dL/dh_t|");
        double[] t = [.. Enumerable.Range(0, norms.Length).Select(i => (double)i)];
        double[] log = [.. norms.Select(n => Math.Log10(Math.Max(n, 1e-30)))];
        var line = plot.Add.Scatter(t, log, Colors.Purple);
        line.LineWidth = 2;
        line.MarkerSize = 4;
        return plot;
    }

    private static Plot ConfusionPanel(EvaluationResult test)
    {
        int n = test.ClassNames.Count;
        Plot plot = Panel("test confusion (rows: true, columns: predicted)", "predicted", "true");
        var counts = new double[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                counts[r, c] = test.Confusion[r * n + c];
        double most = Math.Max(1, counts.Cast<double>().Max());
        var colormap = new ScottPlot.Colormaps.Blues();
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                // One square per cell (x: predicted, y: true, the first class on top), shaded by its count.
                var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, r - 0.5, r + 0.5);
                cell.FillStyle.Color = colormap.GetColor(1 - counts[r, c] / most); // Blues runs from dark to light: the most is darkest
                cell.LineStyle.Width = 0;
                var text = plot.Add.Text(counts[r, c].ToString(CultureInfo.InvariantCulture), c, r);
                text.LabelFontSize = n > 6 ? 10 : 14;
                text.LabelFontColor = counts[r, c] > most / 2 ? Colors.White : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        double[] positions = [.. Enumerable.Range(0, n).Select(i => (double)i)];
        string[] names = [.. test.ClassNames];
        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Left.SetTicks(positions, names);
        plot.Axes.SetLimits(-0.5, n - 0.5, n - 0.5, -0.5);
        return plot;
    }
}
