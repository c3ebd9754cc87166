using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>The gradient strip shows every step, on a scale that follows the norms, and says what it shows.</summary>
public class GradientStripTests : OffscreenTestBase
{
    private static readonly RectF Area = new(10, 10, FrameWidth - 20, FrameHeight - 20);

    private (RgbaImage Image, NetworkLayout Layout, GradientStrip Strip, DrawList List) Draw(NetworkSnapshot network, ViewSettings? settings = null, bool trained = true)
    {
        var view = new UnrolledNetworkView();
        NetworkLayout layout = null!;
        DrawList drawn = null!;
        var image = Render(list =>
        {
            layout = view.Draw(list, Area, network, settings, trained);
            drawn = list;
        });
        return (image, layout, view.LastGradientStrip!, drawn);
    }

    /// <summary>A vanishing gradient: 44 steps falling from 1 at the last step to 1e-20 at the first.</summary>
    private static float[] Vanishing(int steps) => [.. Enumerable.Range(0, steps).Select(t => MathF.Pow(10f, -20f * (steps - 1 - t) / (steps - 1)))];

    [Test]
    public void EveryStepHasABarWhenTheNetworkShowsOnlyTheLatest()
    {
        var (image, layout, strip, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: Vanishing(44), steps: 44), new ViewSettings(MaxSteps: 10));
        PngFile.Write(Path.Combine(PictureDirectory, "gradient_strip_44.png"), image);
        Assert.That(layout.FirstStep, Is.EqualTo(34), "the network shows the latest 10 steps");
        Assert.That(strip.Aligned, Is.False);
        for (var t = 0; t < 44; t++)
        {
            var slot = strip.Slot(t);
            Assert.That(strip.Plot.Contains(slot), $"step {t}'s bar is on the strip");
            if (t > 0)
            {
                Assert.That(slot.X, Is.GreaterThanOrEqualTo(strip.Slot(t - 1).Right - 0.01f), "bars do not overlap");
            }
        }

        Assert.That(strip.BarHeight(Vanishing(44)[0]), Is.GreaterThan(0f), "the smallest norm (1e-20) is a bar");
        Assert.That(strip.BarHeight(1f), Is.LessThanOrEqualTo(strip.Plot.Height));
        var first = strip.Slot(0);
        Assert.That(image.Count(first with { X = first.Center.X, Width = 1 }, c => !IsBackground(c) && !Near(c, Theme.Grid, 4)), Is.GreaterThan(0), "t = 0 is drawn");
    }

    [Test]
    public void TheScaleFollowsTheNorms()
    {
        var (_, _, small, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: Vanishing(14), steps: 14));
        Assert.That((small.LogMin, small.LogMax), Is.EqualTo((-21, 0)));
        var (_, _, large, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: [.. Enumerable.Range(0, 14).Select(t => MathF.Pow(10f, t))], steps: 14));
        Assert.That(large.LogMax, Is.EqualTo(13), "an explosion does not saturate");
        Assert.That(large.BarHeight(1e12f), Is.LessThan(large.Plot.Height));
    }

    [Test]
    public void TheRatioOfTheFirstToTheLastStepIsPrinted()
    {
        var (_, _, strip, list) = Draw(SyntheticSnapshots.Lstm(gradientNorms: Vanishing(44), steps: 44));
        Assert.That(strip.Caption, Is.EqualTo("∂L/∂h₀ is 1.0e−20 of ∂L/∂h₄₃"));
        Assert.That(list.TextBoxes.Select(b => b.Text), Has.Member(strip.Caption));
        Assert.That(list.Atlas.FaceFor(TextStyle.Small).Has('₄'), "the atlas has subscript digits");
    }

    /// <summary>Truncated backpropagation through time: the gradient reaches the first chunk of the window only, and the ratio is over that chunk.</summary>
    [Test]
    public void TheRatioIsOverTheStepsTheGradientReaches()
    {
        var norms = new float[SyntheticSnapshots.Steps];
        norms[0] = 1e-3f;
        norms[1] = 1e-2f;
        norms[2] = 1e-1f;
        var (_, _, strip, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: norms), trained: true);
        Assert.That(strip.Caption, Is.EqualTo("∂L/∂h₀ is 0.010 of ∂L/∂h₂ · the gradient reaches t=0–2 only"));
    }

    [Test]
    public void SaysWhenGradientsAreNotTracked()
    {
        var (_, _, strip, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: []), trained: true);
        Assert.That(strip.Caption, Is.EqualTo("gradients not tracked for this model"));
        var (_, _, before, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: []), trained: false);
        Assert.That(before.Caption, Is.EqualTo("no backward pass yet"));
        var (_, _, zeros, _) = Draw(SyntheticSnapshots.Lstm(gradientNorms: new float[SyntheticSnapshots.Steps]), trained: true);
        Assert.That(zeros.Caption, Is.EqualTo("gradients not tracked for this model"), "only zeros are not a measurement");
    }
}
