using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>The attention panel of an encoder–decoder: the heatmap with its labels, and the output against its target.</summary>
public class AttentionViewTests : OffscreenSceneFixture
{
    private const string Source = "Tuesday, 3 March 1998";
    private const string Target = "1998-03-03";

    /// <summary>Where each character of the target looks in the source: the year's digits, the month's name, the day.</summary>
    private static readonly int[] Aligned = [17, 18, 19, 20, 20, 11, 12, 13, 9, 9, 20];

    /// <summary>
    /// A dates sample's attention: each row a softmax peaked at its aligned column with the given
    /// <paramref name="sharpness"/> (0: uniform, as before training).
    /// </summary>
    private static AttentionSnapshot Dates(float sharpness, string output = Target, long step = 1800)
    {
        int columns = Source.Length;
        string[] outputs = [.. output.Select(c => c.ToString()), "<eos>"];
        var weights = new float[outputs.Length * columns];
        for (var r = 0; r < outputs.Length; r++)
        {
            var row = weights.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                row[c] = MathF.Exp(-sharpness * MathF.Abs(c - Aligned[Math.Min(r, Aligned.Length - 1)]));
            }

            var sum = 0f;
            foreach (var w in row)
            {
                sum += w;
            }

            for (var c = 0; c < columns; c++)
            {
                row[c] /= sum;
            }
        }

        return new AttentionSnapshot(weights, [.. Source.Select(c => c.ToString())], outputs, Source, output, Target, step);
    }

    private static Snapshot With(AttentionSnapshot attention) =>
        SyntheticSnapshots.Full("dates.lua") with { Weather = null, Attention = attention };

    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Scene.UserScale = 1f;
        Scene.Panel = ViewPanel.All;
    }

    private Rgba CellPixel(RgbaImage image, int row, int column)
    {
        var cell = Scene.LastAttentionLayout!.Cell(row, column);
        return image[(int)(cell.Center.X * Scene.Scale), (int)(cell.Center.Y * Scene.Scale)];
    }

    [TestCase(1280, 800)]
    [TestCase(1920, 1080)]
    public void TheHeatmapAndTheTextsFitWhole(int width, int height)
    {
        var image = RenderAt(width, height, With(Dates(2.5f)), $"attention_{width}.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var layout = Scene.LastAttentionLayout!;
        Assert.That(layout, Is.Not.Null, "the attention panel takes the weather panel's place");
        Assert.That(layout.Fits && layout.CellWidth >= 12f && layout.CellHeight >= 12f, $"cells {layout.CellWidth}×{layout.CellHeight}");
        var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
        Assert.That(texts, Does.Contain(Source).And.Contain(Target).And.Contain("exact match"));
        Assert.That(texts.Count(t => t == "␣"), Is.EqualTo(3), "every source character labels its column, spaces as ␣");
        Assert.That(texts, Does.Contain("↵"), "the end of sequence labels its row");
        Assert.That(texts, Has.Some.Contains("sharpness 0.8"));

        var peak = CellPixel(image, 0, Aligned[0]);
        var away = CellPixel(image, 0, 0);
        Assert.That(peak.G > 180 && peak.B < 120, $"the aligned cell (weight 0.84) is viridis lime ({peak})");
        Assert.That(away.B > away.G && away.R < 100, $"a cell far from it is viridis violet ({away})");
    }

    [Test]
    public void TheHeatmapSharpensAsTrainingProceeds()
    {
        var early = RenderAt(1280, 800, With(Dates(0.05f, output: "1999-01-01", step: 20)), "attention_early.png");
        var earlyPeak = CellPixel(early, 5, Aligned[5]);
        var earlySharpness = Dates(0.05f).Sharpness;
        var late = RenderAt(1280, 800, With(Dates(2.5f)), "attention_late.png");
        var latePeak = CellPixel(late, 5, Aligned[5]);
        Assert.That(Dates(2.5f).Sharpness, Is.GreaterThan(4 * earlySharpness));
        Assert.That(latePeak.R + latePeak.G, Is.GreaterThan(earlyPeak.R + earlyPeak.G + 150), "the aligned cell brightens");
    }

    [Test]
    public void AWrongOutputIsMarkedAgainstItsTarget()
    {
        RenderAt(1280, 800, With(Dates(2.5f, output: "1998-03-08")), "attention_wrong.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var boxes = Scene.DrawList.TextBoxes;
        Assert.That(boxes.Select(b => b.Text), Does.Contain("1 of 10 characters differ"));
        Assert.That(boxes.Select(b => b.Text), Does.Contain("1998-03-08"));
    }

    [Test]
    public void AModelWithoutAttentionShowsItsOutputAndSaysSo()
    {
        var plain = new AttentionSnapshot([], [.. Source.Select(c => c.ToString())], [.. Target.Select(c => c.ToString()), "<eos>"], Source, Target, Target, 5);
        RenderAt(1280, 800, With(plain), "attention_none.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
        Assert.That(texts, Has.Some.StartsWith("this model has no attention"));
        Assert.That(texts, Does.Contain("exact match"));
    }

    [Test]
    public void ALongSourceLabelsEveryFewColumnsAndStillFits()
    {
        var source = string.Concat(Enumerable.Repeat("abcdefghij", 6));
        var outputs = source.Select(c => c.ToString()).Reverse().Append("<eos>").ToArray();
        var weights = new float[outputs.Length * source.Length];
        for (var r = 0; r < outputs.Length; r++)
        {
            weights[(r * source.Length) + Math.Max(0, source.Length - 1 - r)] = 1f;
        }

        var target = new string(source.Reverse().ToArray());
        RenderAt(1280, 800, With(new AttentionSnapshot(weights, [.. source.Select(c => c.ToString())], outputs, source, target, target, 9)), "attention_long.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var layout = Scene.LastAttentionLayout!;
        Assert.That(layout.Fits, Is.True);
        var labels = Scene.DrawList.TextBoxes.Count(b => b.Text.Length == 1 && b.Box.Bottom <= layout.Heatmap.Y && b.Box.X >= layout.Heatmap.X - 4f);
        Assert.That(labels, Is.InRange(10, 59), "a label every few columns where all 60 do not fit");
    }
}
