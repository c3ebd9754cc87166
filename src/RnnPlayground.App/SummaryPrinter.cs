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

    public static string Relative(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
