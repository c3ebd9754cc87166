using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

public class DrawListRendererTests : OffscreenTestBase
{
    [Test]
    public void RectanglesOnWholePixelsHaveExactColoursAndCrispEdges()
    {
        var color = new Rgba(200, 100, 50);
        var image = Render(list => list.FillRect(new RectF(100, 50, 20, 10), color));
        Assert.That(image[100, 50], Is.EqualTo(color));
        Assert.That(image[119, 59], Is.EqualTo(color));
        Assert.That(image[99, 55], Is.EqualTo(Theme.Background));
        Assert.That(image[120, 55], Is.EqualTo(Theme.Background));
        Assert.That(image[110, 60], Is.EqualTo(Theme.Background));
        Assert.That(Renderer.LastDrawCalls, Is.EqualTo(1));
    }

    [Test]
    public void TranslucentShapesBlendOverWhatIsBelow()
    {
        var image = Render(list =>
        {
            list.FillRect(new RectF(0, 0, 50, 50), new Rgba(0, 0, 255));
            list.FillRect(new RectF(0, 0, 50, 50), new Rgba(255, 0, 0, 128));
        });
        var p = image[25, 25];
        Assert.That(p.R, Is.InRange(125, 130));
        Assert.That(p.B, Is.InRange(125, 130));
    }

    [Test]
    public void ThickLinesCoverTheirWidthAlongTheirLength()
    {
        var image = Render(list => list.Line(new Vector2(100, 100), new Vector2(300, 300), Theme.Warning, 4f));
        for (var t = 0.1f; t < 1f; t += 0.1f)
        {
            var x = (int)(100 + (200 * t));
            Assert.That(Near(image[x, x], Theme.Warning, 4), $"on the line at {x}");
            Assert.That(IsBackground(image[x + 6, x - 6]), $"off the line at {x}");
        }
    }

    [Test]
    public void PolylinesBreakAtNaN()
    {
        Vector2[] points = [new(100, 200), new(200, 200), new(float.NaN, float.NaN), new(300, 200), new(400, 200)];
        var image = Render(list => list.Polyline(points, Theme.Text, 3f));
        Assert.That(Near(image[150, 200], Theme.Text, 4));
        Assert.That(IsBackground(image[250, 200]), "the gap over the NaN point");
        Assert.That(Near(image[350, 200], Theme.Text, 4));
    }

    /// <summary>
    /// Points within half a device pixel of the segment past them are merged into it (at most 64
    /// points a segment); farther ones keep their own segments.
    /// </summary>
    [TestCase(0f, 2, 2)]
    [TestCase(0.4f, 2, 4)]
    [TestCase(1.5f, 100, 100)]
    public void PolylinePointsCloseToTheLineAreMerged(float wiggle, int least, int most)
    {
        var points = Enumerable.Range(0, 101).Select(i => new Vector2(100 + (2 * i), 200 + (i % 2 == 0 ? 0f : wiggle))).ToArray();
        var list = new DrawList(Atlas);
        list.Polyline(points, Theme.Text, 3f);
        Assert.That(list.ShapeCount, Is.InRange(least, most));
    }

    [Test]
    public void BackgroundsGoBeneathShapesAddedBeforeThem()
    {
        var image = Render(list =>
        {
            list.FillRect(new RectF(10, 10, 10, 10), Theme.Danger);
            list.FillBackground(new RectF(0, 0, 100, 100), Theme.Panel);
        });
        Assert.That(image[15, 15], Is.EqualTo(Theme.Danger));
        Assert.That(image[50, 50], Is.EqualTo(Theme.Panel));
        Assert.That(image[150, 50], Is.EqualTo(Theme.Background));
    }

    [Test]
    public void TextIsDrawnWhereItsBoxIsAndMeasuresAsDrawn()
    {
        RectF box = default;
        var image = Render(list => box = list.Text("Hidden state h_t", 40, 40, TextStyle.Heading, Theme.Text));
        var ink = image.Count(box, c => !IsBackground(c));
        var outside = image.Count(new RectF(box.X - 20, box.Bottom + 2, box.Width + 40, 30), c => !IsBackground(c));
        Assert.That(ink, Is.GreaterThan(200));
        Assert.That(outside, Is.Zero);
        Assert.That(box.Width, Is.EqualTo(new DrawList(Atlas).MeasureText("Hidden state h_t", TextStyle.Heading).X).Within(0.01));
        Assert.That(Renderer.LastDrawCalls, Is.EqualTo(1));
    }

    [Test]
    public void EllipsizeCutsToTheWidth()
    {
        var list = new DrawList(Atlas);
        var cut = list.Ellipsize("a rather long script name.lua", TextStyle.Body, 80);
        Assert.That(cut, Does.EndWith("…"));
        Assert.That(list.MeasureText(cut, TextStyle.Body).X, Is.LessThanOrEqualTo(80));
        Assert.That(list.Ellipsize("short", TextStyle.Body, 80), Is.EqualTo("short"));
    }

    /// <summary>A character the atlas lacks is drawn as '?' and recorded, once per text; Latin-1 letters are in the atlas.</summary>
    [Test]
    public void AMissingGlyphIsRecorded()
    {
        var list = new DrawList(Atlas);
        list.Text("Zürich, café, ¿qué?", 10, 10, TextStyle.Body, Theme.Text);
        Assert.That(list.Cuts, Is.Empty, "Latin-1 is in the atlas");
        list.Text("snow ☃☃ tomorrow", 10, 40, TextStyle.Body, Theme.Text);
        Assert.That(list.Cuts, Has.Count.EqualTo(1));
        Assert.That(list.Cuts[0], Does.Contain("'☃' (U+2603)").And.Contains("'snow ☃☃ tomorrow'"));
    }

    [Test]
    public void FitSaysLessBeforeItCuts()
    {
        var list = new DrawList(Atlas);
        var shortWidth = list.MeasureText("grad 0.295", TextStyle.Body.Bolded).X;
        Assert.That(list.Fit(TextStyle.Body.Bolded, shortWidth + 1f, "grad norm 0.295", "grad 0.295", "grad"), Is.EqualTo("grad 0.295"));
        Assert.That(list.Fit(TextStyle.Body.Bolded, 1000f, "grad norm 0.295", "grad 0.295"), Is.EqualTo("grad norm 0.295"));
        Assert.That(list.Cuts, Is.Empty, "a shorter candidate that fits is no cut");
        var cut = list.Fit(TextStyle.Body.Bolded, list.MeasureText("gr…", TextStyle.Body.Bolded).X, "grad norm 0.295", "grad");
        Assert.That(cut, Is.EqualTo("gr…"), "none fits: the last, shortest candidate is cut");
        Assert.That(cut, Does.EndWith("…"));
        Assert.That(list.Cuts, Has.Count.EqualTo(1).And.Some.Contains("'grad'"));
    }

    [Test]
    public void TheAtlasUsesDejaVuSansAndHoldsTheSymbolsTheViewsUse()
    {
        Assert.That(Atlas.Note, Does.Contain("DejaVuSans.ttf").And.Not.Contains("not found"));
        var face = Atlas.FaceFor(TextStyle.Body);
        Assert.That(face.Size, Is.EqualTo(Theme.BodyText));
        foreach (var ch in "∂−–…·°→½ᵀ₋")
        {
            Assert.That(face.Has(ch), $"'{ch}' missing");
        }

        // Every character of the help, keys and legend, is in the atlas (a missing one is drawn as '?').
        foreach (var (key, text) in HelpOverlay.Keys.Concat(HelpOverlay.Legend))
        {
            foreach (var ch in key + text)
            {
                Assert.That(face.Has(ch), $"'{ch}' of \"{text}\" missing");
            }
        }
    }

    [Test]
    public void AMissingFontFallsBackWithANote()
    {
        var atlas = GlyphAtlas.Create("/nonexistent/font.ttf", "/nonexistent/bold.ttf", [12f]);
        Assert.That(atlas.Note, Does.Contain("/nonexistent/font.ttf not found").And.Contain("fonts-dejavu-core"));
        Assert.That(atlas.FaceFor(TextStyle.Body).Get('A').Advance, Is.GreaterThan(0));
    }
}
