using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

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

    private static IReadOnlyList<string> Fields(Snapshot snapshot, float width = 1280f)
    {
        var hud = new Hud();
        var list = new DrawList(Atlas);
        hud.Draw(list, new RectF(0, 0, width, Hud.Height), snapshot, new FrameStats(60, 3), ViewPanel.All);
        return hud.Shown;
    }

    [Test]
    public void NoLossIsShownBeforeTheFirstStep()
    {
        Assert.That(Fields(SyntheticSnapshots.Full() with { Step = 0, Loss = 0 }), Has.Member("loss –"));
        Assert.That(Fields(SyntheticSnapshots.Full()), Has.Member("loss 0.123"));
    }

    [Test]
    public void RatesAreTheMeasuredOnesBesideTheSpeedAskedFor()
    {
        var fields = Fields(SyntheticSnapshots.Full() with { StepsPerSecond = 12, MeasuredTicksPerSecond = 412, TicksPerSecond = double.PositiveInfinity });
        Assert.That(fields, Has.Member("steps/s 12.0").And.Member("ticks/s 412").And.Member("speed max").And.Member("FPS 60"));
        Assert.That(Fields(SyntheticSnapshots.Full() with { StepsPerSecond = double.NaN }), Has.Member("steps/s –"), "not measured is not zero");
    }

    [Test]
    public void ShowsTheVariantClippingAndStatus()
    {
        var snapshot = SyntheticSnapshots.Full() with { Variant = "plain SGD · 1 of 3", Message = "day 3 · 3 Jan 14:00" };
        var fields = Fields(snapshot);
        Assert.That(fields, Has.Member("plain SGD · 1 of 3").And.Member("day 3 · 3 Jan 14:00"));
        Assert.That(fields.Any(f => f.StartsWith("clip ", StringComparison.Ordinal)));
    }

    [Test]
    public void FieldsThatDoNotFitAreLeftOutAndReported()
    {
        var list = new DrawList(Atlas);
        var hud = new Hud();
        hud.Draw(list, new RectF(0, 0, 520, Hud.Height), SyntheticSnapshots.Full(), new FrameStats(60, 3), ViewPanel.All);
        Assert.That(hud.Shown, Has.Some.StartsWith("step "), "the most important field stays");
        Assert.That(list.Cuts, Has.Some.StartsWith("HUD left out"));
        Assert.That(LayoutReport.Problems(list, 520, 800).Where(p => !p.StartsWith("HUD left out", StringComparison.Ordinal)), Is.Empty, "what is drawn does not overlap");
    }
}
