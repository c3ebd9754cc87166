using System.Globalization;
using System.Text.Json.Nodes;

namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>
/// <c>rnnplay sweep</c> as a user runs it: one folder per run, the table sorted by the validation
/// metric with mean ± std over seeds computed from the runs' own summaries, the plot, the same
/// table with <c>-j 2</c> as with <c>-j 1</c>, and a rerun that trains only the unfinished runs.
/// </summary>
public class SweepCommandTests
{
    [Test]
    public void AGridSweepWritesEveryRunAndATableSortedByTheValidationMetric()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string output = project.Output("sweep");
        RnnplayResult r = project.Run("sweep", script, "--grid", SweepFixture.Grid, "--seeds", "2", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("6 combinations × 2 seeds = 12 runs"));
        Assert.That(r.Stdout.Split('\n').Count(l => l.StartsWith('[')), Is.EqualTo(12), "a progress line per run");
        string[] runs = [.. Directory.GetDirectories(Path.Combine(output, "runs")).Select(Path.GetFileName).Order().Select(n => n!)];
        Assert.That(runs, Has.Length.EqualTo(12));
        Assert.That(runs[0], Is.EqualTo("000-lr=0.003-hidden=4-seed=1"));
        Assert.That(runs[11], Is.EqualTo("011-lr=0.03-hidden=8-seed=2"));
        foreach (string f in new[] { "sweep.json", "runs.csv", "results.csv", "results.md", "sweep.png" })
            Assert.That(File.Exists(Path.Combine(output, f)), f);

        // The table from the runs' own summary.json: rmse is lower-better, so ascending means.
        var byConfig = runs.GroupBy(n => n[4..n.IndexOf("-seed", StringComparison.Ordinal)]).Select(g =>
        {
            double[] v = [.. g.Select(n => (double)JsonNode.Parse(File.ReadAllText(Path.Combine(output, "runs", n, "summary.json")))!["validation"]!["metrics"]!["rmse"]!)];
            double mean = v.Average();
            return (Config: g.Key, Mean: mean, Std: Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)));
        }).OrderBy(c => c.Mean).ToList();
        string[] rows = [.. File.ReadAllLines(Path.Combine(output, "results.csv")).Skip(1)];
        Assert.That(rows, Has.Length.EqualTo(6));
        for (int i = 0; i < rows.Length; i++)
        {
            string[] cells = rows[i].Split(',');
            Assert.That(cells[0], Is.EqualTo((i + 1).ToString(CultureInfo.InvariantCulture)), "rank");
            Assert.That($"lr={cells[2]}-hidden={cells[3]}", Is.EqualTo(byConfig[i].Config));
            Assert.That(double.Parse(cells[6], CultureInfo.InvariantCulture), Is.EqualTo(byConfig[i].Mean).Within(1e-12));
            Assert.That(double.Parse(cells[7], CultureInfo.InvariantCulture), Is.EqualTo(byConfig[i].Std).Within(1e-12));
        }
        Assert.That(File.ReadAllText(Path.Combine(output, "results.md")), Does.Contain("| rank | lr | hidden | val rmse (mean ± std) | test rmse (mean ± std) | runs | seconds |"));
        Assert.That(r.Stdout, Does.Contain("| rank | lr | hidden |"), "the table is printed too");
    }

    [Test]
    public void TwoJobsGiveTheTableOfOne()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string one = project.Output("one"), two = project.Output("two");
        RnnplayResult a = project.Run("sweep", script, "--grid", SweepFixture.Grid, "--seeds", "2", "-j", "1", "--out", one);
        RnnplayResult b = project.Run("sweep", script, "--grid", SweepFixture.Grid, "--seeds", "2", "-j", "2", "--out", two);
        Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a + "\n" + b);
        Assert.That(SweepFixture.WithoutTiming(Path.Combine(two, "results.csv")), Is.EqualTo(SweepFixture.WithoutTiming(Path.Combine(one, "results.csv"))));
        Assert.That(SweepFixture.WithoutTiming(Path.Combine(two, "runs.csv")), Is.EqualTo(SweepFixture.WithoutTiming(Path.Combine(one, "runs.csv"))));
        Assert.That(b.Stdout, Does.Match(@"12 runs trained in [0-9.]+ s wall time; their own times add up to [0-9.]+ s"));
    }

    [Test]
    public void ARerunTrainsOnlyTheRunsThatHadNotFinished()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string output = project.Output("resume");
        string[] sweep = ["sweep", script, "--grid", SweepFixture.Grid, "--out", output];
        RnnplayResult first = project.Run(sweep);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        string complete = File.ReadAllText(Path.Combine(output, "results.csv"));

        // As a kill leaves it: one run never started, one cut short (metrics but no summary), one summary half written.
        string runs = Path.Combine(output, "runs");
        string[] folders = [.. Directory.GetDirectories(runs).Order()];
        Directory.Delete(folders[1], recursive: true);
        File.Delete(Path.Combine(folders[3], "summary.json"));
        File.WriteAllText(Path.Combine(folders[4], "summary.json"), "{\"name\": \"knobs\", \"sta");
        Dictionary<string, string> untouched = SweepFixture.Contents(folders[0]);

        RnnplayResult again = project.Run(sweep);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Stdout, Does.Contain("resuming: 3 of 6 runs finished already, 3 to train"));
        string[] trained = [.. again.Stdout.Split('\n').Where(l => l.StartsWith('['))];
        Assert.That(trained, Has.Length.EqualTo(3));
        Assert.That(trained.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\[\s*\d+/\d+\] ([^:]+):").Groups[1].Value), Is.EquivalentTo(new[] { "lr=0.003 hidden=8 seed=1", "lr=0.01 hidden=8 seed=1", "lr=0.03 hidden=4 seed=1" }));
        Assert.That(SweepFixture.Contents(folders[0]), Is.EqualTo(untouched), "a finished run is not redone");
        Assert.That(WithoutSeconds(File.ReadAllText(Path.Combine(output, "results.csv"))), Is.EqualTo(WithoutSeconds(complete)));
    }

    private static string WithoutSeconds(string csv) => string.Join('\n', csv.Split('\n').Select(l => l.Contains(',') ? l[..l.LastIndexOf(',')] : l));

    [Test]
    public void RunsCsvSaysWhichRunsAScriptStoppedShortOfTheirSteps()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("stops.lua", SweepFixture.Script
            .Replace("steps = 16, cell", "steps = 16, stop_at = 0, cell", StringComparison.Ordinal)
            .Replace("  steps = p.steps,\n", "  steps = p.steps,\n  on_step = function(ctx) if ctx.step == p.stop_at then ctx.stop('enough') end end,\n", StringComparison.Ordinal));
        string output = project.Output("sweep");
        RnnplayResult r = project.Run("sweep", script, "--grid", "stop_at=0,5,16", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(output, "runs.csv"));
        string[] header = lines[0].Split(',');
        int stopAt = Array.IndexOf(header, "stop_at"), status = Array.IndexOf(header, "status"), steps = Array.IndexOf(header, "steps");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[stopAt], c => (c[status], c[steps]));
        Assert.That(rows["0"], Is.EqualTo(("completed", "16")));
        Assert.That(rows["5"], Is.EqualTo(("stopped", "5")), "ctx.stop at step 5 of 16");
        Assert.That(rows["16"], Is.EqualTo(("completed", "16")), "a stop in the last step leaves the run completed");
        var stopped = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(output, "runs"), "summary.json", SearchOption.AllDirectories)
            .Single(f => f.Contains("stop_at=5", StringComparison.Ordinal))))!;
        Assert.That((string?)stopped["message"], Is.EqualTo("enough at step 5 of 16"));
    }
}
