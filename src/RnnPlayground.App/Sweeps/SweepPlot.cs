using System.Globalization;
using RnnPlayground.Core.Experiments;
using ScottPlot;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// <c>sweep.png</c>: the validation metric against each parameter the sweep varied, one panel per
/// parameter side by side — every run a dot, the mean over the runs at each value a line — drawn on
/// the CPU (ScottPlot), so it works on a machine without a GPU stack. A parameter whose values span
/// a decade or more gets a log axis; strings and booleans are categories.
/// </summary>
internal static class SweepPlot
{
    public const string FileName = "sweep.png";

    /// <summary>Draws the picture; false when no run scored the metric (nothing to draw).</summary>
    public static bool Save(SweepTable table, SweepManifest manifest, string path, int panelWidth = 420, int height = 420)
    {
        SweepPlan plan = manifest.Plan;
        string metric = manifest.Metric;
        var points = table.Records
            .Select(r => (Run: plan.Runs[r.Index], Value: r.Validation.GetValueOrDefault(metric, double.NaN)))
            .Where(p => double.IsFinite(p.Value)).ToList();
        if (points.Count == 0) return false;
        IReadOnlyList<string> parameters = plan.Parameters.Count > 0 ? plan.Parameters : ["seed"];
        var multiplot = new Multiplot();
        multiplot.AddPlots(parameters.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int p = 0; p < parameters.Count; p++)
        {
            Plot plot = multiplot.GetPlot(p);
            string name = parameters[p];
            object[] values = [.. points.Select(x => ValueOf(x.Run, name))];
            Axis axis = Axis.For(values.Distinct().ToArray());
            double[] xs = [.. values.Select(axis.Position)];
            double[] ys = [.. points.Select(x => x.Value)];
            var dots = plot.Add.ScatterPoints(xs, ys, Colors.SteelBlue.WithAlpha(0.6));
            dots.MarkerSize = 6;
            dots.LegendText = "a run";
            var means = xs.Zip(ys).GroupBy(q => q.First).OrderBy(g => g.Key).Select(g => (X: g.Key, Y: g.Average(q => q.Second))).ToArray();
            var line = plot.Add.Scatter(means.Select(q => q.X).ToArray(), means.Select(q => q.Y).ToArray(), Colors.Crimson);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = "mean";
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(axis.Ticks, axis.Labels);
            plot.Axes.SetLimitsX(axis.Ticks.Min() - axis.Margin, axis.Ticks.Max() + axis.Margin);
            plot.XLabel(axis.Log ? $"{name} (log scale)" : name);
            plot.YLabel($"validation {metric}");
            plot.Title(p == 0 ? $"{manifest.ShardLabel}{plan.Script}" : "");
            if (p == 0) plot.ShowLegend(manifest.Maximize ? Alignment.LowerRight : Alignment.UpperRight);
            else plot.HideLegend();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, panelWidth * parameters.Count, height);
        return true;
    }

    private static object ValueOf(SweepRunSpec run, string name) =>
        name == "seed" && run.Config.Values.Count == 0 ? (long)run.Seed : run.Config.Values.First(kv => kv.Key == name).Value;

    /// <summary>Where a parameter's values go along the x axis, and its ticks.</summary>
    private sealed record Axis(Func<object, double> Position, double[] Ticks, string[] Labels, bool Log, double Margin)
    {
        public static Axis For(object[] distinct)
        {
            if (distinct.All(v => v is long or double))
            {
                object[] ordered = [.. distinct.OrderBy(v => Convert.ToDouble(v, CultureInfo.InvariantCulture))];
                double first = Convert.ToDouble(ordered[0], CultureInfo.InvariantCulture), last = Convert.ToDouble(ordered[^1], CultureInfo.InvariantCulture);
                bool log = first > 0 && last / first >= 10;
                double At(object v) => log ? Math.Log10(Convert.ToDouble(v, CultureInfo.InvariantCulture)) : Convert.ToDouble(v, CultureInfo.InvariantCulture);
                double[] ticks = [.. ordered.Select(At)];
                double span = ticks[^1] - ticks[0];
                return new Axis(At, ticks, [.. ordered.Select(ExperimentParameters.Format)], log, span > 0 ? span * 0.08 : 1);
            }
            string[] labels = [.. distinct.Select(ExperimentParameters.Format).Order(StringComparer.Ordinal)];
            return new Axis(v => Array.IndexOf(labels, ExperimentParameters.Format(v)), [.. labels.Select((_, i) => (double)i)], labels, false, 0.5);
        }
    }
}
