using System.Globalization;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;

namespace RnnPlayground.App;

/// <summary>Prints what a run came to: the model's scores on validation and test beside the baselines on test.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter o, RunSummary s, string? outputDirectory)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(c, $"{s.Name}: {s.Status.ToString().ToLowerInvariant()} — {s.Message} ({s.Steps} steps, {s.Epochs} epochs, {s.Seconds:F1} s, {s.StepsPerSecond:F0} steps/s)"));
        if (s.BestStep != s.Steps) o.WriteLine(string.Create(c, $"  model selected from step {s.BestStep} (best validation score)"));
        if (s.Validation is { } v) o.WriteLine($"  validation: {ConsoleProgress.Describe(v)}");
        if (s.Test is { } t)
        {
            o.WriteLine($"  test:       {ConsoleProgress.Describe(t)}");
            PrintBaselines(o, t, s.Baselines);
        }
        if (outputDirectory is not null)
            o.WriteLine($"  outputs in {Relative(outputDirectory)}: {ExperimentRun.MetricsFile}, {ExperimentRun.SummaryFile}" +
                (s.CheckpointPath is null ? "" : $", {Path.GetFileName(s.CheckpointPath)}") +
                (File.Exists(Path.Combine(outputDirectory, ExperimentRun.BestWeightsFile)) ? $", {ExperimentRun.BestWeightsFile}" : ""));
    }

    private static void PrintBaselines(TextWriter o, EvaluationResult test, IReadOnlyList<BaselineResult> baselines)
    {
        if (baselines.Count == 0) return;
        var c = CultureInfo.InvariantCulture;
        o.WriteLine("  baselines on the same test samples:");
        foreach (IGrouping<string, BaselineResult> target in baselines.GroupBy(b => b.Target))
        {
            foreach (BaselineResult b in target)
            {
                double model = b.Metric switch
                {
                    "accuracy" => test.Accuracy,
                    "mae" => test.MeanAbsoluteError,
                    "rmse" => test.RootMeanSquaredError,
                    _ => double.NaN,
                };
                bool higher = b.Metric == "accuracy";
                string value = higher ? b.Value.ToString("P1", c) : b.Value.ToString("G4", c);
                string verdict = double.IsNaN(model) || target.Key != FirstTarget(baselines, b.Metric) ? ""
                    : (higher ? model > b.Value : model < b.Value) ? "  (model better)" : "  (model not better)";
                o.WriteLine($"    {b.Name,-12} {b.Target,-12} {b.Metric,-9} {value}{verdict}");
            }
        }
    }

    /// <summary>The model's MAE/RMSE are for its first value target; only that target's baselines get a verdict.</summary>
    private static string FirstTarget(IReadOnlyList<BaselineResult> baselines, string metric) =>
        baselines.First(b => b.Metric == metric).Target;

    /// <summary>A table of the variants' outcomes and, when tracked, their gradient norm per time step.</summary>
    public static void PrintComparison(TextWriter o, IReadOnlyList<(string Name, RunSummary Summary)> results)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine("comparison (test split):");
        foreach ((string name, RunSummary s) in results)
        {
            string score = s.Test is null ? s.Message : ConsoleProgress.Describe(s.Test);
            o.WriteLine(string.Create(c, $"  {name,-12} {s.Status.ToString().ToLowerInvariant(),-12} final train loss {s.FinalLoss,-10:G4} {score}"));
        }
        if (results.All(r => r.Summary.GradientNormPerStep is null)) return;
        o.WriteLine();
        o.WriteLine("gradient norm |dL/dh_t| by time step (average over the last training steps; t = 0 is the first input):");
        foreach ((string name, RunSummary s) in results)
        {
            if (s.GradientNormPerStep is not { Length: > 0 } n) continue;
            int last = n.Length - 1;
            int[] at = [0, last / 4, last / 2, 3 * last / 4, last];
            string cells = string.Join("  ", at.Distinct().Select(t => string.Create(c, $"t={t}: {n[t]:0.0e+0}")));
            double ratio = n[0] / Math.Max(n[last], 1e-30);
            o.WriteLine(string.Create(c, $"  {name,-12} {cells}   first/last {ratio:0.0e+0}"));
        }
    }

    public static string Relative(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
