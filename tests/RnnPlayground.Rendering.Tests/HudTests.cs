using RnnPlayground.Snapshots;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

public class HudTests : OffscreenTestBase
{
    private static readonly RectF Bar = new(0, 0, FrameWidth, Hud.Height);

    private RgbaImage Draw(Snapshot? snapshot, double fps = 59.7) =>
        Render(list => new Hud().Draw(list, Bar, snapshot, new FrameStats(fps, 3), ViewPanel.All));

    private static int Ink(RgbaImage image, RectF area) => image.Count(area, c => !Near(c, Theme.Panel, 6));

    [Test]
    public void TheBarCarriesText()
    {
        var image = Draw(SyntheticSnapshots.Full());
        Assert.That(Ink(image, Bar), Is.GreaterThan(1500));
        Assert.That(image.Count(Bar with { Y = Bar.Bottom + 2, Height = 40 }, c => !IsBackground(c)), Is.Zero, "nothing below the bar");
    }

    [Test]
    public void DifferentScriptNamesGiveDifferentPixels()
    {
        var nameArea = new RectF(0, 0, 200, Hud.Height - 1);
        var a = Draw(SyntheticSnapshots.Full(scriptName: "weather_lstm.lua"));
        var b = Draw(SyntheticSnapshots.Full(scriptName: "char_gru.lua"));
        var differing = 0;
        for (var y = 0; y < (int)nameArea.Height; y++)
        {
            for (var x = 0; x < (int)nameArea.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    differing++;
                }
            }
        }

        Assert.That(differing, Is.GreaterThan(100));
    }

    [Test]
    public void FpsIsShownAtTheRight()
    {
        var right = new RectF(FrameWidth - 70, 0, 70, Hud.Height - 1);
        var measured = Draw(SyntheticSnapshots.Full(), fps: 60);
        var other = Draw(SyntheticSnapshots.Full(), fps: 7);
        Assert.That(measured.Count(right, c => Near(c, Theme.Good, 40)), Is.GreaterThan(40));
        Assert.That(Enumerable.Range(0, 70).Any(dx => Enumerable.Range(0, 33).Any(y => measured[FrameWidth - 70 + dx, y] != other[FrameWidth - 70 + dx, y])));
    }

    [Test]
    public void PausedShowsABadge()
    {
        var running = Draw(SyntheticSnapshots.Full(paused: false));
        var paused = Draw(SyntheticSnapshots.Full(paused: true));
        PngFile.Write(Path.Combine(PictureDirectory, "hud_paused.png"), paused);
        Assert.That(paused.Count(Bar, c => Near(c, Theme.Warning, 10)), Is.GreaterThan(running.Count(Bar, c => Near(c, Theme.Warning, 10)) + 300));
    }
}
