using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// The frame profile (<c>--frame-profile</c>) on an offscreen loop: it leaves out the warm-up, times
/// every phase, counts what was drawn and reports it; and the frame path's allocations stay bounded.
/// </summary>
public class FrameProfileTests : OffscreenLoopTestBase
{
    [Test]
    public void TheProfileCountsTheFramesAfterItsWarmupAndEveryPhase()
    {
        var snapshot = SyntheticSnapshots.Full();
        var loop = new WindowLoop(Context, Scene, () => snapshot) { Profile = new FrameProfile(warmupFrames: 3) };
        for (var i = 0; i < 8; i++)
        {
            loop.RunFrame();
        }

        var profile = loop.Profile!;
        Assert.That(profile.FramesSeen, Is.EqualTo(8));
        Assert.That(profile.FramesCounted, Is.EqualTo(5));
        Assert.That(profile.MillisecondsPerFrame(FramePhase.Build), Is.GreaterThan(0));
        Assert.That(profile.MillisecondsPerFrame(FramePhase.Raster), Is.GreaterThan(0));
        Assert.That(profile.CpuMillisecondsPerFrame(FramePhase.Build), Is.GreaterThan(0), "the loop thread's CPU clock");
        profile.Finish();
        var report = string.Join("\n", profile.Report());
        Assert.That(report, Does.Contain("5 frames after 3 warm-up"));
        foreach (var phase in new[] { "events", "snapshot", "build", "tiles", "submit", "raster (glFinish)", "swap", "pace", "frame work (all but pacing): median" })
        {
            Assert.That(report, Does.Contain(phase));
        }

        // The counts are means over the counted frames; the HUD's frame rate, a few glyphs wider or
        // narrower from frame to frame, may move the glyphs' by one or two.
        var counts = System.Text.RegularExpressions.Regex.Match(report, @"per frame: (\d+) shapes, (\d+) glyphs");
        Assert.That(counts.Success, Is.True, report);
        Assert.That(int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Scene.DrawList.ShapeCount));
        Assert.That(int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Scene.DrawList.GlyphCount).Within(4));
        var submitted = System.Text.RegularExpressions.Regex.Match(report, @"draw calls submitting (\d+) quads");
        Assert.That(submitted.Success, Is.True, report);
        Assert.That(int.Parse(submitted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Scene.DrawList.ShapeCount + Scene.DrawList.GlyphCount).Within(4), "a whole frame submits each item once");
        Assert.That(report, Does.Contain("CPU per thread"));
    }

    [Test]
    public void TheWorkLineSaysHowManyFramesRanOverTheirBudget()
    {
        // 100 frames: 95 of 12 ms and 5 of 30 ms; a mean of 12.9 ms fits 16.7, but 5 frames do not.
        var frames = Enumerable.Repeat(12f, 95).Concat(Enumerable.Repeat(30f, 5)).ToArray();
        var line = FrameProfile.WorkLine(frames, 1000.0 / 60);
        Assert.That(line, Does.Contain("median 12.0 ms").And.Contain("90 % under 12.0").And.Contain("99 % under 30.0").And.Contain("longest 30.0"));
        Assert.That(line, Does.Contain("5 of 100 frames (5 %) over the 16.7 ms budget"));
        Assert.That(FrameProfile.WorkLine(frames, 0), Does.Not.Contain("budget"), "no cap, no budget");
    }

    [Test]
    public void ATooShortRunSaysSo()
    {
        var loop = new WindowLoop(Context, Scene, () => null) { Profile = new FrameProfile(warmupFrames: 10) };
        loop.RunFrame();
        Assert.That(loop.Profile!.Report().Single(), Does.Contain("only 1 frames").And.Contain("run longer"));
    }

    [Test]
    public void WithoutAProfileTheLoopDoesNotWaitForTheRasterizer()
    {
        var loop = new WindowLoop(Context, Scene, () => SyntheticSnapshots.Full());
        loop.RunFrame();
        Assert.That(loop.Profile, Is.Null);
        Assert.That(loop.FrameRate.FramesCounted, Is.EqualTo(1));
    }

    [Test]
    public void ThreadStatLinesParseWithSpacesAndParenthesesInTheName()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
        var parsed = ThreadCpuTimes.Parse("4242 (.NET Tiered (Com)) S 1 1 1 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0");
        Assert.That(parsed, Is.EqualTo((".NET Tiered (Com)", 3.0)));
        Assert.That(ThreadCpuTimes.Parse("garbage"), Is.Null);
        Assert.That(ThreadCpuTimes.Take(), Is.Not.Empty, "this process's threads, from /proc/self/task");
    }

    [Test]
    public void TheCpuLineListsTheBusiestThreadFirst()
    {
        var start = new Dictionary<string, double> { ["simulation"] = 1.0, ["rnnplay"] = 2.0 };
        var end = new Dictionary<string, double> { ["simulation"] = 10.0, ["rnnplay"] = 6.0, ["idle"] = 0.0 };
        Assert.That(FrameProfile.CpuLine(start, end, 10), Is.EqualTo("CPU per thread (cores busy): simulation 0.90, rnnplay 0.40, total 1.30"));
    }
}
