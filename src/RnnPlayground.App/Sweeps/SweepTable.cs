using System.Globalization;
using System.Text;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// A sweep's results by combination, best first by the validation metric's mean over the seeds,
/// with its standard deviation and the test figure beside it: <c>results.csv</c>,
/// <c>results.md</c> and the console table. Computed from the run records alone, so a merge of
/// shards gives the table one machine would; only the seconds column depends on the machine.
/// </summary>
internal sealed class SweepTable
{
    public const string CsvFile = "results.csv";
    public const string MarkdownFile = "results.md";

    private readonly SweepManifest _manifest;

    public SweepTable(SweepManifest manifest, IReadOnlyList<SweepRunRecord> records)
    {
        _manifest = manifest;
        Records = [.. records.OrderBy(r => r.Index)];
        string metric = manifest.Metric;
        var rows = new List<SweepTableRow>();
        foreach (IGrouping<int, SweepRunRecord> g in records.GroupBy(r => manifest.Plan.Runs[r.Index].Config.Index))
        {
            double[] val = [.. g.Select(r => r.Validation.GetValueOrDefault(metric, double.NaN)).Where(double.IsFinite)];
            double[] test = [.. g.Select(r => r.Test.GetValueOrDefault(metric, double.NaN)).Where(double.IsFinite)];
            rows.Add(new SweepTableRow(0, manifest.Plan.Configs[g.Key], val.Length, g.Count(), Mean(val), Std(val), Mean(test), Std(test),
                Mean([.. g.Select(r => r.Seconds).Where(double.IsFinite)])));
        }
        double sign = manifest.Maximize ? -1 : 1;
        Rows = [.. rows.OrderBy(r => double.IsNaN(r.ValidationMean) ? 1 : 0).ThenBy(r => double.IsNaN(r.ValidationMean) ? 0 : sign * r.ValidationMean)
            .ThenBy(r => r.Config.Index).Select((r, i) => r with { Rank = i + 1 })];
    }

    public IReadOnlyList<SweepTableRow> Rows { get; }

    public IReadOnlyList<SweepRunRecord> Records { get; }

    /// <summary>Writes results.csv and results.md into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        File.WriteAllText(Path.Combine(folder, CsvFile), Csv());
        File.WriteAllText(Path.Combine(folder, MarkdownFile), Markdown());
    }

    /// <summary>The table as CSV: rank, config, the parameters, runs scored, the metric's mean and std on validation and test, mean seconds last.</summary>
    public string Csv()
    {
        string m = _manifest.Metric;
        var text = new StringBuilder();
        text.AppendJoin(',', ["rank", "config", .. _manifest.Plan.Parameters.Select(SweepRecordsCsv.Quote), "runs", "scored",
            $"val_{m}_mean", $"val_{m}_std", $"test_{m}_mean", $"test_{m}_std", "seconds_mean"]).Append('\n');
        foreach (SweepTableRow r in Rows)
        {
            text.AppendJoin(',', [Int(r.Rank), Int(r.Config.Index), .. r.Config.Values.Select(kv => SweepRecordsCsv.Quote(ExperimentParameters.Format(kv.Value))),
                Int(r.Runs), Int(r.Scored), SweepRecordsCsv.Number(r.ValidationMean), SweepRecordsCsv.Number(r.ValidationStd),
                SweepRecordsCsv.Number(r.TestMean), SweepRecordsCsv.Number(r.TestStd), SweepRecordsCsv.Number(Math.Round(r.Seconds, 3))]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The table in Markdown, the way the console shows it.</summary>
    public string Markdown()
    {
        SweepPlan plan = _manifest.Plan;
        string m = _manifest.Metric;
        int runs = Records.Count;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_manifest.ShardLabel}sweep of {plan.Script}: validation {m} ({(_manifest.Maximize ? "higher" : "lower")} is better), ");
        text.Append(CultureInfo.InvariantCulture, $"{plan.Configs.Count} combinations × {plan.Seeds.Count} seeds; {runs} of {_manifest.ShardRuns.Count} runs in the table\n\n");
        string[] header = ["rank", .. plan.Parameters, $"val {m} (mean ± std)", $"test {m} (mean ± std)", "runs", "seconds"];
        text.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        text.Append('|').AppendJoin('|', header.Select((h, i) => i == 0 || i > plan.Parameters.Count ? "---:" : "---")).Append("|\n");
        foreach (SweepTableRow r in Rows)
        {
            string scored = r.Scored == r.Runs ? Int(r.Runs) : $"{r.Scored} of {r.Runs}";
            text.Append("| ").AppendJoin(" | ", [Int(r.Rank), .. r.Config.Values.Select(kv => ExperimentParameters.Format(kv.Value)),
                MeanStd(r.ValidationMean, r.ValidationStd), MeanStd(r.TestMean, r.TestStd), scored,
                r.Seconds.ToString("F1", CultureInfo.InvariantCulture)]).Append(" |\n");
        }
        return text.ToString();
    }

    private static string MeanStd(double mean, double std) =>
        double.IsNaN(mean) ? "–" : double.IsNaN(std) ? Figure(mean) : $"{Figure(mean)} ± {Figure(std)}";

    private static string Figure(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();

    /// <summary>The sample standard deviation (n − 1); NaN for fewer than two values.</summary>
    private static double Std(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
