using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

public class SceneRendererTests : OffscreenSceneFixture
{
    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Context.Resize(1280, 800);
        Scene.Panel = ViewPanel.All;
    }

    private RgbaImage RenderFrame(Snapshot? snapshot, string? pictureName = null)
    {
        Scene.Render(snapshot, Context.Width, Context.Height, new FrameStats(60, 4.2));
        Context.SwapBuffers();
        var image = FrameCapture.ReadRgba(Context.Gl, Context.Width, Context.Height);
        if (pictureName is not null)
        {
            PngFile.Write(Path.Combine(TestContext.CurrentContext.WorkDirectory, "pictures", pictureName), image);
        }

        return image;
    }

    [Test]
    public void FullSceneDrawsEveryPanelInTwoDrawCalls()
    {
        var image = RenderFrame(SyntheticSnapshots.Full(), "scene_all.png");
        var layout = Scene.LastLayout!;
        Assert.That(Scene.LastDrawCalls, Is.EqualTo(2));
        Assert.That(Scene.LastNetworkLayout, Is.Not.Null);
        Assert.That(Scene.LastWeatherLayout, Is.Not.Null);
        Assert.That(Scene.LastTrainingLayout, Is.Not.Null);
        foreach (var panel in new[] { layout.Network, layout.Weather, layout.Training })
        {
            var inked = image.Count(panel, c => !Near(c, Theme.Panel, 4) && !Near(c, Theme.PlotBackground, 4));
            Assert.That(inked, Is.GreaterThan(panel.Width * panel.Height / 100), $"panel {panel} is nearly empty");
        }
    }

    [Test]
    public void PanelsTileTheFrameWithoutOverlapForEverySizeAndPanel()
    {
        foreach (var (w, h) in new[] { (1280, 800), (640, 400), (1920, 1080), (300, 200) })
        {
            foreach (var panel in Enum.GetValues<ViewPanel>())
            {
                var layout = SceneLayout.Compute(w, h, panel);
                var frame = new RectF(0, 0, w, h);
                var shown = new[] { layout.Network, layout.Weather, layout.Training }.Where(r => !r.IsEmpty).ToArray();
                Assert.That(shown, Has.Length.EqualTo(panel == ViewPanel.All ? 3 : 1), $"{panel} at {w}x{h}");
                foreach (var r in shown.Append(layout.Hud))
                {
                    Assert.That(frame.Contains(r), $"{r} outside {w}x{h}");
                    Assert.That(r.Y >= layout.Hud.Bottom || r == layout.Hud, $"{r} under the HUD");
                }

                for (var i = 0; i < shown.Length; i++)
                {
                    for (var j = i + 1; j < shown.Length; j++)
                    {
                        var a = shown[i];
                        var b = shown[j];
                        var overlap = a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;
                        Assert.That(overlap, Is.False, $"{a} overlaps {b}");
                    }
                }
            }
        }
    }

    [Test]
    public void GapsAndPanelsCoverTheFrameBelowTheHudExactlyOnce()
    {
        foreach (var panel in Enum.GetValues<ViewPanel>())
        {
            var layout = SceneLayout.Compute(1280, 800, panel);
            var pieces = layout.Gaps().Concat(new[] { layout.Network, layout.Weather, layout.Training }.Where(r => !r.IsEmpty)).ToArray();
            var area = pieces.Sum(r => (double)r.Width * r.Height);
            Assert.That(area, Is.EqualTo(1280.0 * (800 - layout.Hud.Height)).Within(0.5), $"{panel}");
            for (var y = (int)layout.Hud.Bottom; y < 800; y += 7)
            {
                for (var x = 0; x < 1280; x += 7)
                {
                    Assert.That(pieces.Count(r => r.Contains(x + 0.5f, y + 0.5f)), Is.EqualTo(1), $"({x},{y}) in {panel}");
                }
            }
        }
    }

    [Test]
    public void TabCyclesThroughThePanels()
    {
        var seen = new List<ViewPanel> { Scene.Panel };
        for (var i = 0; i < 4; i++)
        {
            seen.Add(Scene.CyclePanel());
        }

        Assert.That(seen, Is.EqualTo(new[] { ViewPanel.All, ViewPanel.Network, ViewPanel.Weather, ViewPanel.Training, ViewPanel.All }));
    }

    [Test]
    public void EachSinglePanelFillsTheFrame()
    {
        foreach (var (panel, name) in new[] { (ViewPanel.Network, "scene_network.png"), (ViewPanel.Weather, "scene_weather.png"), (ViewPanel.Training, "scene_training.png") })
        {
            Scene.Panel = panel;
            RenderFrame(SyntheticSnapshots.Full(), name);
            var layout = Scene.LastLayout!;
            Assert.That(layout.FrameOf(panel).Width, Is.GreaterThan(1200));
            Assert.That(Scene.LastNetworkLayout is not null, Is.EqualTo(panel == ViewPanel.Network));
            Assert.That(Scene.LastWeatherLayout is not null, Is.EqualTo(panel == ViewPanel.Weather));
            Assert.That(Scene.LastTrainingLayout is not null, Is.EqualTo(panel == ViewPanel.Training));
        }
    }

    [Test]
    public void TheScriptsPanelRequestIsFollowedWhenItChanges()
    {
        var asksForWeather = SyntheticSnapshots.Full(view: new ViewSettings(Panel: ViewPanel.Weather));
        RenderFrame(asksForWeather);
        Assert.That(Scene.Panel, Is.EqualTo(ViewPanel.Weather));

        // The user presses Tab: the same request no longer overrides the user's choice.
        Scene.CyclePanel();
        RenderFrame(asksForWeather);
        Assert.That(Scene.Panel, Is.EqualTo(ViewPanel.Training));

        RenderFrame(SyntheticSnapshots.Full(view: new ViewSettings(Panel: ViewPanel.Network)));
        Assert.That(Scene.Panel, Is.EqualTo(ViewPanel.Network));
    }

    [Test]
    public void OverlayItemsAreDrawnInTheirPanelsCoordinates()
    {
        var overlay = new OverlayItem[]
        {
            new OverlayRect(ViewPanel.Network, 0x00FF00FF, 0.5f, 0.5f, 0.1f, 0.1f, Filled: true),
            new OverlayLine(ViewPanel.Weather, 0xFF00FFFF, 0f, 0.5f, 1f, 0.5f, Thickness: 3f),
            new OverlayText(ViewPanel.All, 0xFFFF00FF, 0.45f, 0.95f, "overlay text", 15f),
        };
        var image = RenderFrame(SyntheticSnapshots.Full(overlay: overlay), "scene_overlay.png");
        var layout = Scene.LastLayout!;
        var network = layout.ContentOf(ViewPanel.Network);
        var center = OverlayPainter.ToPixels(network, 0.55f, 0.55f);
        Assert.That(image[(int)center.X, (int)center.Y], Is.EqualTo(new Rgba(0, 255, 0)));
        var weather = layout.ContentOf(ViewPanel.Weather);
        var lineY = (int)OverlayPainter.ToPixels(weather, 0f, 0.5f).Y;
        var magenta = image.Count(new RectF(weather.X, lineY - 2, weather.Width, 5), c => Near(c, new Rgba(255, 0, 255), 8));
        Assert.That(magenta, Is.GreaterThan(weather.Width * 2));
        var textArea = new RectF(1280 * 0.45f, 800 * 0.95f, 120, 20);
        Assert.That(image.Count(textArea, c => c.R > 200 && c.G > 200 && c.B < 80), Is.GreaterThan(30));

        // Items for a panel that is not shown are skipped.
        Scene.Panel = ViewPanel.Training;
        var hidden = RenderFrame(SyntheticSnapshots.Full(overlay: overlay));
        Assert.That(hidden.Count(new RectF(0, 0, 1280, 800), c => c == new Rgba(0, 255, 0)), Is.Zero);
    }

    [Test]
    public void ResizingLaysTheSceneOutForTheNewSize()
    {
        Context.Resize(640, 480);
        var image = RenderFrame(SyntheticSnapshots.Full(), "scene_640x480.png");
        Assert.That((image.Width, image.Height), Is.EqualTo((640, 480)));
        Assert.That(Scene.LastLayout!.Width, Is.EqualTo(640));
        var cell = Scene.LastNetworkLayout!.HiddenCell(5, 1, 0);
        Assert.That(Scene.LastLayout.Network.Contains(cell), Is.True);
        var expected = ColorMap.BlueWhiteRed.Map(SyntheticSnapshots.Hidden(1, 5, 0));
        var actual = image[(int)cell.Center.X, (int)cell.Center.Y];
        Assert.That(Math.Abs(actual.R - expected.R) + Math.Abs(actual.G - expected.G) + Math.Abs(actual.B - expected.B), Is.LessThan(8), $"{actual} vs {expected}");
    }

    [Test]
    public void WithoutASnapshotTheHudSaysItIsWaiting()
    {
        var image = RenderFrame(null);
        var hud = Scene.LastLayout!.Hud;
        Assert.That(image.Count(hud, c => c.R > 100), Is.GreaterThan(50));
        Assert.That(Scene.LastNetworkLayout, Is.Null);
    }

    [Test]
    public void AMalformedNetworkIsReportedInItsPanelInsteadOfThrowing()
    {
        var broken = SyntheticSnapshots.Lstm() with { Inputs = new float[3] };
        var image = RenderFrame(SyntheticSnapshots.Full(network: broken));
        var content = Scene.LastLayout!.ContentOf(ViewPanel.Network);
        Assert.That(image.Count(content.TakeTop(20), c => c.R > 180 && c.G < 120), Is.GreaterThan(20));
    }

    [Test]
    public void RepeatedFramesOfOneSnapshotAreTheSame()
    {
        var snapshot = SyntheticSnapshots.Full();
        var first = RenderFrame(snapshot);
        int shapes = Scene.DrawList.ShapeCount, glyphs = Scene.DrawList.GlyphCount;
        for (var i = 0; i < 5; i++)
        {
            Scene.Render(snapshot, 1280, 800, new FrameStats(60, 4));
            Context.SwapBuffers();
        }

        var again = RenderFrame(snapshot);
        Assert.That((Scene.DrawList.ShapeCount, Scene.DrawList.GlyphCount), Is.EqualTo((shapes, glyphs)), "the draw list is rebuilt, not grown");
        Assert.That(again.Pixels, Is.EqualTo(first.Pixels), "the same snapshot draws the same frame");
    }
}
