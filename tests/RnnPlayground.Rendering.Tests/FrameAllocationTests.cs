using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

/// <summary>What building and drawing a frame allocates once warmed up (as the core's allocation tests do for a training step).</summary>
public class FrameAllocationTests : OffscreenTestBase
{
    /// <summary>
    /// Bytes a warm frame of the synthetic snapshot may allocate: the text of the numbers it shows
    /// and a few small layout objects; no buffer per weight, point or shape (the strongest weights
    /// of a 32×32 block once cost 24 KB a frame; the draw list and vertex buffers are kept).
    /// </summary>
    private const int MaxBytesPerFrame = 24 * 1024;

    [Test]
    public void AWarmFrameAllocatesLittle()
    {
        using var scene = new SceneRenderer(Context.Gl, Atlas);
        var snapshot = SyntheticSnapshots.Full();
        for (var i = 0; i < 5; i++)
        {
            scene.Render(snapshot, FrameWidth, FrameHeight, new Views.FrameStats(60, 4));
        }

        const int frames = 10;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < frames; i++)
        {
            scene.Render(snapshot, FrameWidth, FrameHeight, new Views.FrameStats(60, 4));
        }

        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
        TestContext.Out.WriteLine($"{perFrame} bytes per frame");
        Assert.That(perFrame, Is.LessThan(MaxBytesPerFrame));
    }

    [Test]
    public void RedrawingOnlyWhatChangedAllocatesNothingMoreThanAWholeFrame()
    {
        using var scene = new SceneRenderer(Context.Gl, Atlas);
        var snapshots = new[] { SyntheticSnapshots.Full(), SyntheticSnapshots.Full() with { Step = 12346, Loss = 0.0987, Paused = true } };
        long PerFrame(bool retained)
        {
            scene.RetainsFrame = retained;
            for (var i = 0; i < 6; i++)
            {
                scene.Render(snapshots[i % 2], FrameWidth, FrameHeight, new Views.FrameStats(60, 4));
            }

            const int frames = 10;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < frames; i++)
            {
                scene.Render(snapshots[i % 2], FrameWidth, FrameHeight, new Views.FrameStats(60, 4));
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
        }

        var whole = PerFrame(retained: false);
        var partial = PerFrame(retained: true);
        TestContext.Out.WriteLine($"{whole} bytes per whole frame, {partial} per partly redrawn one");
        Assert.That(scene.LastRedrawnPixels, Is.LessThan((long)FrameWidth * FrameHeight), "the frames were redrawn in part");
        Assert.That(partial, Is.LessThanOrEqualTo(whole + 64));
    }
}
