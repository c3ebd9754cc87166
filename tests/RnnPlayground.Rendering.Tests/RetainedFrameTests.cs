using System.Numerics;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// A frame drawn over the previous one in a retained framebuffer redraws only the tiles that
/// changed, and its pixels are exactly those of a whole redraw.
/// </summary>
public class RetainedFrameTests : OffscreenSceneFixture
{
    private const int Width = 1280;
    private const int Height = 800;

    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Context.Resize(Width, Height);
        Scene.Panel = ViewPanel.All;
    }

    [TearDown]
    public void WholeFramesAgain() => Scene.RetainsFrame = false;

    [Test]
    public void ASceneDrawnOverThePreviousFrameMatchesAWholeRedrawPixelForPixel()
    {
        var first = SyntheticSnapshots.Full();
        var second = first with { Step = 12346, Loss = 0.0987, Paused = true, Network = SyntheticSnapshots.Lstm(clipped: false) };
        Scene.RetainsFrame = true;
        Scene.Render(first, Width, Height, new FrameStats(60, 4.2));
        Assert.That(Scene.LastRedrawnPixels, Is.EqualTo((long)Width * Height), "the first frame is drawn whole");

        Scene.Render(second, Width, Height, new FrameStats(57, 5.1));
        var redrawn = Scene.LastRedrawnPixels;
        var partial = Read();
        PngFile.Write(Path.Combine(TestContext.CurrentContext.WorkDirectory, "pictures", "retained_frame.png"), partial);
        Scene.Render(second, Width, Height, new FrameStats(57, 5.1));
        Assert.That(Scene.LastRedrawnPixels, Is.Zero, "nothing changed, nothing is drawn");
        Assert.That(Differences(Read(), partial), Is.Zero, "the unchanged frame stays as it was");

        Scene.RetainsFrame = false;
        Scene.Render(second, Width, Height, new FrameStats(57, 5.1));
        var whole = Read();
        Assert.That(redrawn, Is.GreaterThan(0).And.LessThan((long)Width * Height), "only part of the frame was drawn again");
        Assert.That(Differences(partial, whole), Is.Zero, "bytes that differ from a whole redraw");
    }

    [Test]
    public void MovedShapesAndChangedTextLeaveNoTraceBehind()
    {
        using var renderer = new DrawListRenderer(Context.Gl, GlyphAtlas.CreateDefault());
        void Draw(DrawList list, bool moved)
        {
            list.Clear();
            list.FillBackground(new RectF(40, 40, 600, 400), Theme.PlotBackground);
            list.FillRect(new RectF(moved ? 300 : 100, 100, 60, 40), new Rgba(200, 100, 50));
            list.FillRect(new RectF(90, 90, 400, 200), new Rgba(50, 200, 100, 90));
            list.Line(new Vector2(50, 500), moved ? new Vector2(900, 60) : new Vector2(800, 700), Theme.Warning, 1.5f);
            list.Text(moved ? "loss 0.0987" : "loss 0.1234", 700, 300, TextStyle.Body, Theme.Text);
            list.Text("a label that stays", 700, 340, TextStyle.Body, Theme.Text);
        }

        var list = new DrawList(renderer.Atlas);
        Draw(list, moved: false);
        renderer.RenderFrame(list, Theme.Panel, Width, Height, retained: true);
        Draw(list, moved: true);
        renderer.RenderFrame(list, Theme.Panel, Width, Height, retained: true);
        Assert.That(renderer.LastRedrawnPixels, Is.GreaterThan(0).And.LessThan((long)Width * Height));
        var partial = Read();
        renderer.RenderFrame(list, Theme.Panel, Width, Height, retained: false);
        Assert.That(Differences(partial, Read()), Is.Zero);
    }

    private RgbaImage Read() => FrameCapture.ReadRgba(Context.Gl, Width, Height);

    private static int Differences(RgbaImage a, RgbaImage b)
    {
        var n = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            n += a.Pixels[i] != b.Pixels[i] ? 1 : 0;
        }

        return n;
    }
}
