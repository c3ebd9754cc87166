using RnnPlayground.App.Sharding;
using RnnPlayground.App.Sweeps;

namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>The table from run records: mean and sample std over seeds, the metric's direction, failed runs, and runs.csv round trips.</summary>
public class SweepTableTests
{
    private static SweepPlan Plan() => new("scripts/x.lua", "abc", ["lr"],
        [new SweepConfig(0, [new("lr", 0.1)]), new SweepConfig(1, [new("lr", 0.01)]), new SweepConfig(2, [new("lr", 0.001)])],
        [1UL, 2UL], new Dictionary<string, string>(), null, null, "grid lr=0.1,0.01,0.001");

    private static SweepRunRecord Run(int index, double val, double test, string status = "completed") =>
        new(index, status, 10, double.IsNaN(val) ? new Dictionary<string, double>() : new Dictionary<string, double> { ["rmse"] = val, ["loss"] = val * 2 },
            double.IsNaN(test) ? new Dictionary<string, double>() : new Dictionary<string, double> { ["rmse"] = test }, 1.5);

    private static readonly SweepRunRecord[] Records =
    [
        Run(0, 0.30, 0.31), Run(1, 0.50, 0.52), // lr 0.1: mean 0.4
        Run(2, 0.20, 0.25), Run(3, 0.10, 0.15), // lr 0.01: mean 0.15
        Run(4, double.NaN, double.NaN, "diverged"), Run(5, 0.60, 0.61), // lr 0.001: one run scored
    ];

    [Test]
    public void LowerIsBetterSortsAscendingWithSampleStd()
    {
        var table = new SweepTable(new SweepManifest(Plan(), ShardSpec.Whole, "rmse", Maximize: false), Records);
        Assert.That(table.Rows.Select(r => r.Config.Index), Is.EqualTo(new[] { 1, 0, 2 }));
        SweepTableRow best = table.Rows[0];
        Assert.That((best.Rank, best.ValidationMean, best.TestMean), Is.EqualTo((1, 0.15, 0.2)).Using<(int, double, double)>((a, b) =>
            a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-12 && Math.Abs(a.Item3 - b.Item3) < 1e-12));
        Assert.That(best.ValidationStd, Is.EqualTo(Math.Sqrt(0.005)).Within(1e-12), "sqrt(((0.05)² + (0.05)²) / (2 − 1))");
        Assert.That((table.Rows[2].Scored, table.Rows[2].Runs, double.IsNaN(table.Rows[2].ValidationStd)), Is.EqualTo((1, 2, true)));
        Assert.That(table.Markdown(), Does.Contain("| 3 | 0.001 | 0.6 | 0.61 | 1 of 2 | 1.5 |"));
        Assert.That(table.Markdown(), Does.Contain("| 1 | 0.01 | 0.15 ± 0.07071 | 0.2 ± 0.07071 | 2 | 1.5 |"));
    }

    [Test]
    public void HigherIsBetterSortsDescendingAndUnscoredLast()
    {
        var table = new SweepTable(new SweepManifest(Plan(), ShardSpec.Whole, "rmse", Maximize: true), Records);
        Assert.That(table.Rows.Select(r => r.Config.Index), Is.EqualTo(new[] { 2, 0, 1 }));
        var none = new SweepTable(new SweepManifest(Plan(), ShardSpec.Whole, "accuracy", Maximize: true), Records);
        Assert.That(none.Rows.All(r => double.IsNaN(r.ValidationMean) && r.Scored == 0), "no run reports accuracy");
        Assert.That(none.Rows.Select(r => r.Config.Index), Is.EqualTo(new[] { 0, 1, 2 }), "unscored rows keep the sweep's order");
    }

    [Test]
    public void RunsCsvReadsBackQuotedCommasQuotesAndLineBreaks()
    {
        const string awkward = "a, \"b\"\nc";
        var plan = new SweepPlan("scripts/x.lua", "abc", ["name", "lr"],
            [new SweepConfig(0, [new("name", awkward), new("lr", 0.1)])], [1UL], new Dictionary<string, string>(), null, null, "grid");
        SweepRunRecord[] records =
        [
            new(0, "stopped, \"by hand\"\nearly", 7, new Dictionary<string, double> { ["f1, \"macro\"\n"] = 0.25, ["rmse"] = 0.5 },
                new Dictionary<string, double> { ["rmse"] = 0.75 }, 2.5),
        ];
        string path = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        try
        {
            SweepRecordsCsv.Write(path, plan, records);
            Assert.That(File.ReadAllText(path), Does.Contain("\"a, \"\"b\"\"\nc\""), "the value is written quoted, its quotes doubled");
            List<SweepRunRecord> back = SweepRecordsCsv.Read(path, plan);
            Assert.That(back, Has.Count.EqualTo(1));
            Assert.That((back[0].Index, back[0].Status, back[0].Steps, back[0].Seconds), Is.EqualTo((0, records[0].Status, 7L, 2.5)));
            Assert.That(back[0].Validation, Is.EqualTo(records[0].Validation));
            Assert.That(back[0].Test, Is.EqualTo(records[0].Test));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void RunsCsvReadsBackExactly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        try
        {
            SweepRecordsCsv.Write(path, Plan(), Records);
            List<SweepRunRecord> back = SweepRecordsCsv.Read(path, Plan());
            Assert.That(back.Select(r => (r.Index, r.Status, r.Steps, r.Seconds)), Is.EqualTo(Records.Select(r => (r.Index, r.Status, r.Steps, r.Seconds))));
            Assert.That(back.Select(r => r.Validation), Is.EqualTo(Records.Select(r => r.Validation)));
            Assert.That(back.Select(r => r.Test), Is.EqualTo(Records.Select(r => r.Test)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
