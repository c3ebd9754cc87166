using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

public class UnrolledNetworkViewTests : OffscreenTestBase
{
    private static readonly RectF Area = new(10, 10, FrameWidth - 20, FrameHeight - 20);

    private NetworkLayout _layout = null!;

    private RgbaImage Draw(NetworkSnapshot network, ViewSettings? settings = null)
    {
        var image = Render(list => _layout = new UnrolledNetworkView().Draw(list, Area, network, settings));
        return image;
    }

    [Test]
    public void HiddenCellsHaveTheColourOfTheirActivation()
    {
        var image = Draw(SyntheticSnapshots.Lstm());
        PngFile.Write(Path.Combine(PictureDirectory, "network.png"), image);
        Assert.That(_layout.StepCount, Is.EqualTo(SyntheticSnapshots.Steps));
        for (var layer = 0; layer < SyntheticSnapshots.Layers; layer++)
        {
            for (var t = 0; t < SyntheticSnapshots.Steps; t++)
            {
                for (var u = 0; u < SyntheticSnapshots.Units; u++)
                {
                    var expected = ColorMap.BlueWhiteRed.Map(SyntheticSnapshots.Hidden(layer, t, u));
                    var actual = At(image, _layout.HiddenCell(t, layer, u).Center);
                    Assert.That(Near(actual, expected, 2), $"cell (t={t}, layer={layer}, unit={u}): {actual}, expected {expected}");
                }
            }
        }
    }

    [Test]
    public void NegativeActivationsAreBluePositiveRedAndZeroNearWhite()
    {
        // One layer of 3 units holding −0.9, 0 and +0.9 at every step.
        var n = SyntheticSnapshots.Lstm() with
        {
            HiddenSizes = [3],
            Hidden = [Enumerable.Range(0, SyntheticSnapshots.Steps * 3).Select(k => (k % 3 - 1) * 0.9f).ToArray()],
            Gates = [],
            GateOrder = [],
            InputWeights = [],
            RecurrentWeights = [],
        };
        var image = Draw(n);
        var negative = At(image, _layout.HiddenCell(2, 0, 0).Center);
        var zero = At(image, _layout.HiddenCell(2, 0, 1).Center);
        var positive = At(image, _layout.HiddenCell(2, 0, 2).Center);
        Assert.That(negative.B, Is.GreaterThan(negative.R + 60), $"−0.9 drawn as {negative}");
        Assert.That(positive.R, Is.GreaterThan(positive.B + 60), $"+0.9 drawn as {positive}");
        Assert.That(Math.Min(zero.R, Math.Min(zero.G, zero.B)), Is.GreaterThan(230), $"0 drawn as {zero}");
    }

    [Test]
    public void GateHeatmapsShowEachGateValue()
    {
        var image = Draw(SyntheticSnapshots.Lstm());
        Assert.That(_layout.ShowGates, Is.True);
        for (var gate = 0; gate < 4; gate++)
        {
            var name = SyntheticSnapshots.LstmGates[gate];
            foreach (var (t, u) in new[] { (0, 0), (3, 5), (5, 7) })
            {
                var expected = UnrolledNetworkView.GateColor(name, SyntheticSnapshots.Gate(1, t, gate, u), ColorMap.BlueWhiteRed);
                var actual = At(image, _layout.GateCell(t, 1, gate, u).Center);
                Assert.That(Near(actual, expected, 2), $"gate {name} (t={t}, unit={u}): {actual}, expected {expected}");
            }
        }
    }

    [Test]
    public void InputCellsUseTheInputScale()
    {
        var image = Draw(SyntheticSnapshots.Lstm());
        Assert.That(_layout.InputScale, Is.EqualTo(1.5f).Within(0.01f));
        var expected = ColorMap.BlueWhiteRed.Map(SyntheticSnapshots.Input(4, 2) / _layout.InputScale);
        Assert.That(Near(At(image, _layout.InputCell(4, 2).Center), expected, 2));
    }

    [Test]
    public void GradientBarsGrowWithTheNormOnALogScale()
    {
        var image = Draw(SyntheticSnapshots.Lstm());
        var strip = new GradientStrip(_layout);
        var heights = Enumerable.Range(0, SyntheticSnapshots.Steps).Select(t =>
        {
            var slot = strip.Slot(t);
            return image.Count(slot with { X = slot.Center.X, Width = 1 }, c => !IsBackground(c) && !Near(c, Theme.Grid, 4));
        }).ToArray();

        // Norms are 1e-6 … 1e-1, one decade apart; the scale follows them (1e-7 … 1e-1).
        Assert.That((strip.LogMin, strip.LogMax), Is.EqualTo((-7, -1)));
        var decade = strip.Plot.Height / (strip.LogMax - strip.LogMin);
        for (var t = 1; t < heights.Length; t++)
        {
            Assert.That(heights[t] - heights[t - 1], Is.EqualTo(decade).Within(2.5), $"bars {string.Join(",", heights)}");
        }
    }

    [Test]
    public void ClippingIsMarkedOnlyWhenTheUpdateWasClipped()
    {
        int RedPixels(RgbaImage image) => image.Count(_layout.GradientArea, c => Near(c, Theme.Danger, 30));
        var clipped = RedPixels(Draw(SyntheticSnapshots.Lstm(clipped: true)));
        var unclipped = RedPixels(Draw(SyntheticSnapshots.Lstm(clipped: false)));
        Assert.That(clipped, Is.GreaterThan(100));
        Assert.That(unclipped, Is.LessThan(clipped / 10));
    }

    [Test]
    public void ViewSettingsChooseLayersUnitsAndSteps()
    {
        var settings = new ViewSettings(Layers: [1], MaxUnits: 4, MaxSteps: 3, ShowGates: false);
        var image = Draw(SyntheticSnapshots.Lstm(), settings);
        Assert.That(_layout.HiddenBand(0), Is.Null);
        Assert.That(_layout.HiddenBand(1)!.Shown, Is.EqualTo(4));
        Assert.That(_layout.FirstStep, Is.EqualTo(3));
        Assert.That(_layout.StepCount, Is.EqualTo(3));
        Assert.That(_layout.ShowGates, Is.False);
        Assert.That(() => _layout.HiddenCell(2, 1, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        var expected = ColorMap.BlueWhiteRed.Map(SyntheticSnapshots.Hidden(1, 5, 3));
        Assert.That(Near(At(image, _layout.HiddenCell(5, 1, 3).Center), expected, 2));
    }

    [Test]
    public void CustomColoursFromViewSettingsAreUsed()
    {
        var settings = new ViewSettings(NegativeColor: 0x00FF00FF, PositiveColor: 0xFF00FFFF);
        var image = Draw(SyntheticSnapshots.Lstm(), settings);
        var (t, u) = (1, 0);
        var value = SyntheticSnapshots.Hidden(0, t, u);
        var expected = UnrolledNetworkView.ActivationColors(settings).Map(value);
        Assert.That(Near(At(image, _layout.HiddenCell(t, 0, u).Center), expected, 2), $"{value} → {expected}");
        Assert.That(expected, Is.Not.EqualTo(ColorMap.BlueWhiteRed.Map(value)));
    }

    [Test]
    public void LongWindowsShowTheLatestStepsThatFit()
    {
        var n = SyntheticSnapshots.Lstm(steps: 200);
        var layout = NetworkLayout.Compute(n, new RectF(0, 0, 600, 400));
        Assert.That(layout.StepCount, Is.InRange(2, 199));
        Assert.That(layout.FirstStep + layout.StepCount, Is.EqualTo(200));
        Assert.That(new RectF(0, 0, 600, 400).Contains(layout.HiddenCell(199, 1, 7)), Is.True);
        Assert.That(new RectF(0, 0, 600, 400).Contains(layout.GateCell(199, 1, 3, 7)), Is.True);
    }

    /// <summary>
    /// However short the area, each row's labels (name, units, gate order) sit beside it without meeting the
    /// next row's or the header, and the step labels stay inside; a short area makes the labels say less
    /// before it shows fewer units.
    /// </summary>
    [TestCase(420f, 2)]
    [TestCase(200f, 1)]
    [TestCase(160f, 0)]
    public void RowLabelsNeverMeetAndSayLessWhenShort(float height, int level)
    {
        var area = new RectF(0, 0, 600, height);
        var layout = NetworkLayout.Compute(SyntheticSnapshots.Lstm(), area);
        Assert.That(layout.LabelLevel, Is.EqualTo(level));
        var (labelsAbove, cellsAbove) = (layout.Header.Bottom, layout.Header.Bottom);
        foreach (var band in layout.Bands)
        {
            var mid = band.Top + (band.Height / 2f);
            var half = layout.LabelBlockHeight(band.Kind) / 2f;
            Assert.That(mid - half, Is.GreaterThanOrEqualTo(labelsAbove - 0.5f), $"{band.Label}: its labels reach into those above");
            Assert.That(band.Top, Is.GreaterThan(cellsAbove), $"{band.Label}: its cells reach into the row above");
            (labelsAbove, cellsAbove) = (mid + half, band.Top + band.Height);
        }

        Assert.That(layout.GradientArea.Y, Is.GreaterThanOrEqualTo(MathF.Max(labelsAbove, cellsAbove)), "the last row reaches into the gradient strip");
        Assert.That(layout.StepLabelY + 13f, Is.LessThanOrEqualTo(area.Bottom), "the step labels spill out");
        Assert.That(layout.Bands.All(b => b.Shown >= 1), Is.True);
        if (level > 0)
        {
            Assert.That(layout.CellSize, Is.GreaterThanOrEqualTo(5f), "while the labels say more than the names, cells stay large enough to see");
            Assert.That(layout.Bands.All(b => b.Shown >= Math.Min(b.Total, 4)), Is.True, "and every row shows at least a few units");
        }
        else
        {
            Assert.That(layout.HiddenBand(1)!.Shown, Is.LessThan(4), "names alone do not fit a few units a row: fewer are shown");
        }
    }

    /// <summary>As the header narrows, the gate legend goes first, then the activation legend, and the title is not cut while a legend is drawn.</summary>
    [Test]
    public void TheHeaderLeavesOutLegendsBeforeItCutsTheTitle()
    {
        var legends = new List<int>();
        for (var width = 1200f; width >= 240f; width -= 10f)
        {
            var list = new DrawList(Atlas);
            new UnrolledNetworkView().Draw(list, new RectF(0, 0, width, 420), SyntheticSnapshots.Lstm());
            var shown = list.Cuts.Contains("network left out its colour legends") ? 0 : list.Cuts.Contains("network left out the gate colour legend") ? 1 : 2;
            if (shown > 0)
            {
                Assert.That(list.Cuts.Where(c => c.StartsWith("cut 'LSTM", StringComparison.Ordinal)), Is.Empty, $"{width}: {string.Join("; ", list.Cuts)}");
            }

            legends.Add(shown);
        }

        Assert.That(legends, Is.Ordered.Descending, "narrower, never more legends");
        Assert.That(legends, Does.Contain(2).And.Contain(1).And.Contain(0), string.Join(",", legends));
    }

    /// <summary>
    /// The encoder–decoder's header follows the same rule: the weight legend goes first, then the
    /// activation legend, then the title; the title drops its step (the HUD shows it) where that makes
    /// room for a legend.
    /// </summary>
    [Test]
    public void TheEncoderDecoderHeaderLeavesOutLegendsOneAtATime()
    {
        var legends = new List<int>();
        var shortTitleWithALegend = false;
        var view = new EncoderDecoderView();
        for (var width = 1400f; width >= 240f; width -= 10f)
        {
            var list = new DrawList(Atlas);
            view.Draw(list, new RectF(0, 0, width, 480), EncoderDecoderViewTests.Sample());
            var shown = list.Cuts.Contains("encoder–decoder left out its colour legends") ? 0 : list.Cuts.Contains("encoder–decoder left out the weight colour legend") ? 1 : 2;
            if (shown > 0)
            {
                Assert.That(list.Cuts, Does.Not.Contain("encoder–decoder left out its title"), $"{width}: {string.Join("; ", list.Cuts)}");
                var title = list.TextBoxes.Select(b => b.Text).Single(t => t.StartsWith("encoder 2 × 128", StringComparison.Ordinal));
                Assert.That(title, Does.EndWith("steps").Or.EndWith("· step 2,400"), $"{width}: the title is drawn whole beside a legend, with or without its step");
                shortTitleWithALegend |= title.EndsWith("steps", StringComparison.Ordinal);
            }

            legends.Add(shown);
        }

        Assert.That(legends, Is.Ordered.Descending, "narrower, never more legends");
        Assert.That(legends, Does.Contain(2).And.Contain(1).And.Contain(0), string.Join(",", legends));
        Assert.That(shortTitleWithALegend, Is.True, "somewhere the shorter title makes room for a legend");
    }

    [Test]
    public void StrongestWeightsAreTheLargestMagnitudesOfTheContentBlock()
    {
        // 2 blocks of 2×3; block 1 holds the content weights.
        float[] w = [9, 9, 9, 9, 9, 9, 0.1f, -0.7f, 0.3f, 0.5f, -0.2f, 0.05f];
        var strongest = UnrolledNetworkView.StrongestWeights(w, block: 1, rows: 2, columns: 3, rowsShown: 2, columnsShown: 3, count: 3);
        Assert.That(strongest, Is.EqualTo(new[] { (0, 1, -0.7f), (1, 0, 0.5f), (0, 2, 0.3f) }));
        Assert.That(UnrolledNetworkView.ContentBlock([Gate.Input, Gate.Forget, Gate.Cell, Gate.Output]), Is.EqualTo(2));
        Assert.That(UnrolledNetworkView.ContentBlock([Gate.Reset, Gate.Update, Gate.New]), Is.EqualTo(2));
        Assert.That(UnrolledNetworkView.ContentBlock([]), Is.EqualTo(0));
    }

    [Test]
    public void AnInconsistentSnapshotIsRejectedWithWhatIsWrong()
    {
        var n = SyntheticSnapshots.Lstm() with { Inputs = new float[3] };
        Assert.That(() => NetworkLayout.Compute(n, Area), Throws.ArgumentException.With.Message.Contains("Inputs has 3 values"));
    }
}
