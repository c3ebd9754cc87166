using System.Diagnostics;

namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>rnnplay run … --frame-profile</c> and <c>rnnplay bench --window</c> for real, in a small window
/// under Xvfb (skipped without a display): what they print, not how fast it is.
/// </summary>
public class WindowBenchTests
{
    [Test]
    public void ATimedWindowWithFrameProfilePrintsThePhasesAndEachThreadsCpu()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        string output = Directory.CreateTempSubdirectory("rnnplay-profile-").FullName;
        try
        {
            RnnplayResult r = RunWithDisplay("run", "scripts/weather.lua", "--speed", "max", "--seconds", "5", "--size", "320x200", "--frame-profile", "--out", output);
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            Assert.That(r.Stdout, Does.Match(@"frame profile: \d+ frames after 10 warm-up in [\d.]+ s, [\d.]+ FPS"));
            foreach (string phase in new[] { "events", "snapshot (take)", "build (layout, text)", "submit (GL calls)", "raster (glFinish)", "swap", "pace (sleep to cap)", "whole frame" })
                Assert.That(r.Stdout, Does.Contain(phase));
            Assert.That(r.Stdout, Does.Match(@"per frame: \d+ shapes, \d+ glyphs, \d+ background fills, [\d.]+ draw calls submitting \d+ quads; \d+ bytes allocated"));
            Assert.That(r.Stdout, Does.Contain("CPU per thread (cores busy):").And.Contain("simulation"));
            Assert.That(r.Stdout, Does.Match(@"snapshots built on the simulation thread: [\d.]+/s, [\d.]+ ms each"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void TheWindowBenchComparesEachWindowRunWithTheSameSimulationHeadless()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        RnnplayResult r = RunWithDisplay("bench", "--window", "--script", "scripts/weather.lua", "--seconds", "3", "--rounds", "1", "--size", "320x200", "--fps", "30");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("at --speed max, 1 round(s) of 3 s headless then 3 s in a 320×200 window"));
        Assert.That(r.Stdout, Does.Match(@"round 1: headless \d+ steps/s; window 320×200 [\d.]+ FPS, training \d+ steps/s \(\d+ % of headless\)"));
        Assert.That(r.Stdout, Does.Match(@"median: [\d.]+ FPS, training \d+ steps/s while drawn = \d+ % of headless"));
    }

    [Test]
    public void AWrongBenchWindowOptionIsOneLine()
    {
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, "bench", "--window", "--rounds", "0");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.Trim(), Does.StartWith("error: --rounds must be an integer from 1 to 100").And.Not.Contain("\n"));
    }

    /// <summary>Runs rnnplay from the repository with this process's display (<see cref="Rnnplay.Run"/> takes it away).</summary>
    private static RnnplayResult RunWithDisplay(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Rnnplay.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Rnnplay.Dll);
        foreach (string a in arguments) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rnnplay {string.Join(' ', arguments)} did not finish within 3 minutes");
        }
        process.WaitForExit();
        return new RnnplayResult(arguments, process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
