using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

/// <summary>The presentation scale, the layout's report of what it cut, and the error banner.</summary>
public class PresentationTests : OffscreenSceneFixture
{
    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Scene.UserScale = 1f;
    }

    [TestCase(1280, 720, 1f)]
    [TestCase(1280, 800, 1f)]
    [TestCase(1920, 1080, 1.5f)]
    [TestCase(2560, 1440, 2f)]
    [TestCase(800, 600, 1f)]
    public void ScaleFollowsTheWindowSize(int width, int height, float expected) =>
        Assert.That(PresentationScale.Auto(width, height), Is.EqualTo(expected));

    [Test]
    public void PresenterFactorStepsUpAndDownWithinBounds()
    {
        var up = PresentationScale.Next(1f, larger: true);
        Assert.That(up, Is.GreaterThan(1f));
        Assert.That(PresentationScale.Next(up, larger: false), Is.EqualTo(1f));
        var f = 1f;
        for (var i = 0; i < 40; i++)
        {
            f = PresentationScale.Next(f, larger: true);
        }

        Assert.That(f, Is.EqualTo(PresentationScale.MaxUser));
    }

    [Test]
    public void BodyTextIsAtLeast18PixelsAt1920x1080()
    {
        RenderAt(1920, 1080, SyntheticSnapshots.Full(), "presentation_1920.png");
        Assert.That(Scene.Scale, Is.EqualTo(1.5f));
        Assert.That(TextStyle.Body.Size * Scene.Scale, Is.GreaterThanOrEqualTo(18f));
        var face = Scene.DrawList.Atlas.FaceFor(TextStyle.Body with { Size = TextStyle.Body.Size * Scene.Scale });
        Assert.That(face.Size, Is.GreaterThanOrEqualTo(18f), "the atlas holds the scaled size, so text is crisp");
        Assert.That(Scene.LastLayout!.Width, Is.EqualTo(1280), "the layout is in layout pixels");
    }

    [Test]
    public void PresenterFactorEnlargesTheLayout()
    {
        RenderAt(1280, 800, SyntheticSnapshots.Full(), "presentation_user.png");
        var normal = Scene.LastLayout!.Width;
        Scene.UserScale = 1.25f;
        RenderAt(1280, 800, SyntheticSnapshots.Full(), "presentation_user125.png");
        Assert.That(Scene.Scale, Is.EqualTo(1.25f));
        Assert.That(Scene.LastLayout!.Width, Is.EqualTo((int)(normal / 1.25f)));
    }

    [Test]
    public void ErrorBannerShowsTheWholeMessageWithLineAndHint()
    {
        var message = "reload failed, still running the last good script:\n/tmp/a/very/long/path/to/the/presenters/scripts/folder/weather_experiment_with_a_long_name.lua:42: "
            + "attempt to index a nil value (global 'rnn_model'), which the experiment needs before it can build the model and start training"
            + "\nhint: check the spelling of the names the script uses";
        var image = RenderAt(1280, 800, SyntheticSnapshots.Full() with { Error = message }, "error_banner.png");
        var lines = Scene.BannerLines;
        Assert.That(lines.Count, Is.GreaterThan(3), "wrapped");
        Assert.That(string.Concat(lines).Replace(" ", ""), Is.EqualTo(message.Replace("\n", "").Replace(" ", "")), "every character is shown");
        Assert.That(lines.Any(l => l.Contains(".lua:42:")), "file:line stays readable on one line");
        var banner = Scene.LastLayout!.Banner;
        Assert.That(banner.IsEmpty, Is.False);
        Assert.That(Scene.LastLayout.Network.Bottom, Is.LessThanOrEqualTo(banner.Y), "the panels are laid out above the banner");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var pixel = image[(int)(banner.X + 3), (int)(banner.Bottom * Scene.Scale) - 3];
        Assert.That(pixel.R, Is.GreaterThan(pixel.B), "the banner is red");
    }

    [Test]
    public void NarrationIsWrappedAboveTheErrorBannerAndCutToItsLinesWithAMark()
    {
        var sentence = "the forget gate stays open, so the cell carries yesterday's pressure into today's forecast. ";
        RenderAt(1280, 800, SyntheticSnapshots.Full() with { Narration = sentence, Error = "script error: scripts/x.lua:3: boom" }, "narration.png");
        Assert.That(string.Concat(Scene.NarrationLines).Replace(" ", ""), Is.EqualTo(sentence.Trim().Replace(" ", "")), "every character is shown");
        Assert.That(Scene.BannerLines, Is.EqualTo(new[] { "script error: scripts/x.lua:3: boom" }));
        Assert.That(Scene.LayoutProblems(), Is.Empty);

        RenderAt(1280, 800, SyntheticSnapshots.Full() with { Narration = string.Concat(Enumerable.Repeat(sentence, 40)) }, "narration_cut.png");
        var lines = Scene.NarrationLines;
        Assert.That(lines, Has.Count.EqualTo(14));
        Assert.That(lines[^1], Is.EqualTo("…"), "the cut is marked");
        Assert.That(Scene.BannerLines, Is.Empty);
        Assert.That(Scene.LayoutProblems(), Has.Some.StartsWith("narration shows 14 of"));
    }

    [Test]
    public void LayoutReportsCutAndOverlappingText()
    {
        Context.Resize(640, 400);
        var list = Scene.DrawList;
        list.Clear();
        list.Region = new RectF(0, 0, 100, 50);
        list.Text(list.Ellipsize("a label far too long for its place", TextStyle.Body, 60f), 2, 2, TextStyle.Body, Theme.Text);
        list.Text("overlapping", 10, 4, TextStyle.Body, Theme.Text);
        list.Text("spills out of the region", 60, 30, TextStyle.Body, Theme.Text);
        var problems = LayoutReport.Problems(list, 640, 400);
        Assert.That(problems, Has.Some.Contains("cut 'a label far too long"));
        Assert.That(problems, Has.Some.Contains("overlaps 'overlapping'"));
        Assert.That(problems, Has.Some.Contains("'spills out of the region'").And.Contains("spills out of its panel"));
    }

    [TestCase(1280, 800)]
    [TestCase(1920, 1080)]
    public void HelpListsEveryKeyWhole(int width, int height)
    {
        Scene.ShowHelp = true;
        try
        {
            RenderAt(width, height, SyntheticSnapshots.Full(), $"help_{width}.png");
            var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
            foreach (var (keys, action) in HelpOverlay.Keys)
            {
                Assert.That(texts, Has.Member(keys).And.Member(action));
            }

            Assert.That(Scene.LayoutProblems(), Is.Empty);
            Assert.That(Scene.LastNetworkLayout, Is.Null, "the help is shown in place of the panels");
        }
        finally
        {
            Scene.ShowHelp = false;
        }
    }
}
