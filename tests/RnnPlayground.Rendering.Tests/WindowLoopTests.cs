using System.Diagnostics;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>The loop driven on an offscreen context (no display): pacing, snapshots, screenshots, FPS.</summary>
public class WindowLoopTests : OffscreenLoopTestBase
{
    [Test]
    public void EachFrameDrawsTheLatestSnapshotWithoutWaitingForIt()
    {
        var published = SyntheticSnapshots.Full();
        var calls = 0;
        var loop = new WindowLoop(Context, Scene, () =>
        {
            calls++;
            return calls < 3 ? null : published;
        });
        for (var i = 0; i < 4; i++)
        {
            Assert.That(loop.RunFrame(), Is.True);
        }

        Assert.That(calls, Is.EqualTo(4));
        Assert.That(loop.LastSnapshot, Is.SameAs(published));
        Assert.That(loop.FrameRate.FramesCounted, Is.EqualTo(4));
        Assert.That(loop.FrameRate.FramesPerSecond, Is.GreaterThan(0));
    }

    [Test]
    public void TheFrameCapPacesTheLoop()
    {
        var loop = new WindowLoop(Context, Scene, () => null) { MaxFramesPerSecond = 50 };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            loop.RunFrame();
        }

        Assert.That(watch.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(6 * 20 * 0.9));
        Assert.That(() => loop.MaxFramesPerSecond = -1, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void AScreenshotIsTheNextFrameAsDrawn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rnnplay-shot-{Guid.NewGuid():N}.png");
        try
        {
            var loop = new WindowLoop(Context, Scene, () => SyntheticSnapshots.Full());
            string? saved = null;
            loop.ScreenshotSaved += p => saved = p;
            loop.RequestScreenshot(path);
            loop.RunFrame();
            Assert.That(saved, Is.EqualTo(path));
            Assert.That(PngFile.ReadSize(path), Is.EqualTo((FrameWidth, FrameHeight)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void StopEndsRun()
    {
        var frames = 0;
        WindowLoop loop = null!;
        loop = new WindowLoop(Context, Scene, () =>
        {
            if (++frames == 3)
            {
                loop.Stop();
            }

            return (Snapshot?)null;
        });
        loop.Run();
        Assert.That(frames, Is.EqualTo(3));
    }

    [Test]
    public void FrameRateCountsFramesOverTheWindow()
    {
        var counter = new FrameRateCounter(TimeSpan.FromSeconds(1));
        var tick = Stopwatch.Frequency / 50; // 50 frames per second
        for (var i = 0; i < 120; i++)
        {
            counter.FrameEnded(i * tick, 4.0);
        }

        Assert.That(counter.FramesPerSecond, Is.EqualTo(50).Within(0.5));
        Assert.That(counter.Stats.FrameMilliseconds, Is.EqualTo(4.0).Within(1e-9));
    }

    [Test]
    public void TheFrameCapKeepsItsRateWhenEverySleepWakesLate()
    {
        // 60 FPS in microsecond ticks; each frame works 9 ms and each sleep wakes 0.7 ms late, as
        // Thread.Sleep does, which a cap that sleeps a period from each frame's start turns into 57.6 FPS.
        const long period = 1_000_000 / 60;
        long start = 0, due = 0;
        for (var frame = 0; frame < 600; frame++)
        {
            var now = start + 9_000;
            due = WindowLoop.NextFrameDue(due, start, now, period);
            start = Math.Max(now, due) + 700;
        }

        Assert.That(600.0 * 1_000_000 / start, Is.EqualTo(60.0).Within(0.1), "frames a second");
    }

    [Test]
    public void FramesThatRunOverNowAndThenAreMadeUpByTheFramesAfterThem()
    {
        // 60 FPS in microsecond ticks; three frames in four work 13 ms, the fourth 21 ms (15 ms on
        // average, so the frames fit), and each sleep wakes 0.7 ms late. A cap that starts its schedule
        // again after every frame that ran over gives 55.8 FPS; making up the debt gives the 60.
        const long period = 1_000_000 / 60;
        long start = 0, due = 0;
        for (var frame = 0; frame < 600; frame++)
        {
            var now = start + (frame % 4 == 3 ? 21_000 : 13_000);
            due = WindowLoop.NextFrameDue(due, start, now, period);
            start = due - now > 1_000 ? due + 700 : now;
        }

        Assert.That(600.0 * 1_000_000 / start, Is.EqualTo(60.0).Within(0.1), "frames a second");
    }

    [Test]
    public void AStallStartsTheScheduleAgainRatherThanABurst()
    {
        const long period = 1_000_000 / 60;
        var due = WindowLoop.NextFrameDue(0, 0, 5_000, period);
        Assert.That(due, Is.EqualTo(period), "the first frame: a period after it began");
        due = WindowLoop.NextFrameDue(due, period + 300, period + 5_000, period);
        Assert.That(due, Is.EqualTo(2 * period), "on schedule: a period after this frame was due, not after it began");

        // The third frame takes 50 ms: the frames after it are paced from it, not squeezed in to catch up.
        var start = 2 * period;
        due = WindowLoop.NextFrameDue(due, start, start + 50_000, period);
        Assert.That(due, Is.EqualTo(start + period));
        start += 50_000;
        due = WindowLoop.NextFrameDue(due, start, start + 5_000, period);
        Assert.That(due, Is.EqualTo(start + period), "the frame after the long one gets its whole period");
    }
}
