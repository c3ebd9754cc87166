using System.Globalization;
using RnnPlayground.Core.Simulation;
using ScottPlot;

namespace RnnPlayground.App;

/// <summary>
/// The picture of a live weather run (<c>live.png</c> beside live.txt): the rolling accuracy of the
/// model, persistence and climatology over the simulated days, years marked on the axis, each change
/// made to the world a vertical line, and the model's level before each change of climate (over the 90 days before it) with the
/// band of two points under it that counts as recovered.
/// </summary>
internal static class LiveScoresPlot
{
    public const string FileName = "live.png";

    /// <summary>Draws <paramref name="curves"/> into a PNG at <paramref name="path"/>; false when there is no day to draw.</summary>
    public static bool Save(LiveScoreCurves curves, string title, string path, int width = 1200, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Model.Length < 2) return false;
        var plot = new Plot();
        double[] days = Enumerable.Range(1, curves.Model.Length).Select(d => (double)d).ToArray();
        AddLine(plot, days, curves.Climatology, "climatology", Colors.Gray);
        AddLine(plot, days, curves.Persistence, "persistence", Colors.DarkOrange);
        AddLine(plot, days, curves.Model, "model", Colors.RoyalBlue, 2);
        foreach (WorldChangeRecord change in curves.Changes)
        {
            var line = plot.Add.VerticalLine(change.Day + 1, 1, change.ChangedClimate ? Colors.Crimson : Colors.SeaGreen);
            line.LinePattern = LinePattern.Dashed;
            line.Text = change.Description;
        }
        foreach (RecoveryFigures f in curves.Recoveries)
        {
            double from = f.ChangeDay - f.LevelDays + 1, to = f.ChangeDay + f.WithinDays;
            var band = plot.Add.Rectangle(from, to, 100 * (f.Level - f.Tolerance), 100 * f.Level);
            band.FillStyle.Color = Colors.Crimson.WithAlpha(0.15);
            band.LineStyle.Width = 0;
        }
        plot.Title(title);
        plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"simulated day (a year is {curves.DaysPerYear} days)"));
        plot.YLabel(string.Create(CultureInfo.InvariantCulture, $"rain accuracy over the last {curves.SpanDays} days, %"));
        plot.Axes.SetLimits(0, curves.Model.Length + 1, Math.Max(0, 100 * Lowest(curves) - 5), 100);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
        return true;
    }

    private static void AddLine(Plot plot, double[] days, double[] accuracy, string name, Color color, float width = 1)
    {
        var line = plot.Add.ScatterLine(days, accuracy.Select(a => 100 * a).ToArray(), color);
        line.LegendText = name;
        line.LineWidth = width;
    }

    private static double Lowest(LiveScoreCurves curves)
    {
        // The first span of days is noisy (few days scored); the axis is set by what follows.
        int skip = Math.Min(curves.SpanDays, curves.Model.Length - 1);
        return new[] { curves.Model, curves.Persistence, curves.Climatology }.Min(c => c.Skip(skip).Min());
    }
}
