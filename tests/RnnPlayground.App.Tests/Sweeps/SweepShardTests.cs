using System.Diagnostics;

namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>
/// A sweep cut into shards run as separate processes (as a scheduler's job array would), then
/// merged: the same table as one machine's run, apart from the timing column; and the index read
/// from the scheduler's variable with <c>--shard auto/N</c>.
/// </summary>
public class SweepShardTests
{
    [Test]
    public void ThreeShardsInSeparateProcessesMergeIntoTheTableOfOneRun()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string whole = project.Output("whole");
        RnnplayResult one = project.Run("sweep", script, "--grid", SweepFixture.Grid, "--seeds", "2", "-j", "2", "--out", whole);
        Assert.That(one.ExitCode, Is.EqualTo(0), one.ToString());

        string[] shards = [.. Enumerable.Range(1, 3).Select(i => project.Output($"shard{i}"))];
        using (var processes = new ProcessGroup())
        {
            for (int i = 0; i < 3; i++)
                processes.Add(Rnnplay.Start(project.Root, "sweep", script, "--grid", SweepFixture.Grid, "--seeds", "2", "--shard", $"{i + 1}/3", "--out", shards[i]));
            processes.WaitAll(TimeSpan.FromMinutes(2));
        }
        for (int i = 0; i < 3; i++)
            Assert.That(File.ReadAllLines(Path.Combine(shards[i], "runs.csv")), Has.Length.EqualTo(1 + 4), $"shard {i + 1} wrote its own 4 of the 12 runs");

        string merged = project.Output("merged");
        RnnplayResult merge = project.Run(["sweep", "--merge", .. shards, "--out", merged]);
        Assert.That(merge.ExitCode, Is.EqualTo(0), merge.ToString());
        Assert.That(merge.Stdout, Does.Contain("merged 3 shards"));
        Assert.That(SweepFixture.WithoutTiming(Path.Combine(merged, "results.csv")), Is.EqualTo(SweepFixture.WithoutTiming(Path.Combine(whole, "results.csv"))));
        Assert.That(SweepFixture.WithoutTiming(Path.Combine(merged, "runs.csv")), Is.EqualTo(SweepFixture.WithoutTiming(Path.Combine(whole, "runs.csv"))));
        Assert.That(SweepFixture.MarkdownWithoutTiming(Path.Combine(merged, "results.md")), Is.EqualTo(SweepFixture.MarkdownWithoutTiming(Path.Combine(whole, "results.md"))));
        Assert.That(File.Exists(Path.Combine(merged, "sweep.png")));
    }

    [Test]
    public void AutoTakesTheShardFromTheSchedulersIndex()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string output = project.Output("k8s");
        RnnplayResult r = Rnnplay.Run(project.Root, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" },
            "sweep", script, "--grid", SweepFixture.Grid, "--shard", "auto/3", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.StartWith("shard 3/3 of sweep of scripts/knobs.lua"));
        Assert.That(Directory.GetDirectories(Path.Combine(output, "runs")).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "002-lr=0.01-hidden=4-seed=1", "005-lr=0.03-hidden=8-seed=1" }), "runs 2 and 5 of 6: the third of every three");
    }

    /// <summary>Processes started together and waited for together; any still running at the end is killed.</summary>
    private sealed class ProcessGroup : IDisposable
    {
        private readonly List<Process> _processes = [];

        public void Add(Process p) => _processes.Add(p);

        public void WaitAll(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            foreach (Process p in _processes)
            {
                Assert.That(p.WaitForExit(timeout - clock.Elapsed), Is.True, "a shard did not finish in time");
                Assert.That(p.ExitCode, Is.EqualTo(0), "a shard failed");
            }
        }

        public void Dispose()
        {
            foreach (Process p in _processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
        }
    }
}
