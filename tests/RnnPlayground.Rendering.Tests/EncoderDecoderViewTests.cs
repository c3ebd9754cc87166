using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// An encoder–decoder unrolled over its sample in the network panel (encoder and decoder states,
/// attention lines) beside the attention heatmap: whole at both presentation sizes, and every cell
/// and heatmap entry reads its exact value from the snapshot under the pointer.
/// </summary>
public class EncoderDecoderViewTests : OffscreenSceneFixture
{
    private const string Source = "Wednesday, 17 March 1998";
    private const string Target = "Wed 17/03/98";
    private const int Units = 128;

    /// <summary>Where each target character (and the end) looks in the source.</summary>
    private static readonly int[] Aligned = [0, 1, 2, 9, 11, 12, 13, 15, 16, 20, 22, 23, 23];

    public static float EncoderState(int column, int direction, int unit) =>
        0.97f * MathF.Sin((0.45f * column * (direction == 0 ? 1f : -1f)) + (0.37f * unit) + direction);

    public static float DecoderState(int row, int unit) => 0.9f * MathF.Cos((0.6f * row) + (0.23f * unit));

    /// <summary>A dates sample as a bidirectional encoder of 128 units and a decoder of 128 read it, half-way through training.</summary>
    public static AttentionSnapshot Sample(string output = Target, int units = Units, string source = Source)
    {
        string[] outputs = [.. output.Select(c => c.ToString()), "<eos>"];
        int columns = source.Length, rows = outputs.Length;
        var weights = new float[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var row = weights.AsSpan(r * columns, columns);
            var peak = Math.Min(columns - 1, Aligned[Math.Min(r, Aligned.Length - 1)]);
            for (var c = 0; c < columns; c++)
            {
                row[c] = MathF.Exp(-1.6f * MathF.Abs(c - peak));
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

        var encoder = new float[columns * 2 * units];
        for (var c = 0; c < columns; c++)
        {
            for (var k = 0; k < 2; k++)
            {
                for (var u = 0; u < units; u++)
                {
                    encoder[(c * 2 * units) + (k * units) + u] = EncoderState(c, k, u);
                }
            }
        }

        var decoder = new float[rows * units];
        for (var r = 0; r < rows; r++)
        {
            for (var u = 0; u < units; u++)
            {
                decoder[(r * units) + u] = DecoderState(r, u);
            }
        }

        return new AttentionSnapshot(weights, [.. source.Select(c => c.ToString())], outputs, source, output, Target, 2400)
        {
            EncoderStates = encoder,
            EncoderUnits = units,
            EncoderDirections = 2,
            DecoderInitialState = [.. Enumerable.Range(0, units).Select(u => DecoderState(-1, u))],
            DecoderStates = decoder,
            DecoderUnits = units,
        }.Validated();
    }

    private static Snapshot With(AttentionSnapshot attention) =>
        SyntheticSnapshots.Full("dates.lua") with { Network = null, Weather = null, Attention = attention };

    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Scene.UserScale = 1f;
        Scene.Panel = ViewPanel.All;
        Scene.Inspector.Pointer = null;
    }

    [TestCase(1280, 800)]
    [TestCase(1920, 1080)]
    public void TheEncoderDecoderAndTheHeatmapFitWhole(int width, int height)
    {
        var image = RenderAt(width, height, With(Sample("Wed 17/03/99")), $"encoder_decoder_{width}.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var layout = Scene.LastEncoderDecoderLayout!;
        Assert.That(layout, Is.Not.Null, "the network panel shows the encoder–decoder");
        Assert.That(Scene.LastAttentionLayout, Is.Not.Null, "and the attention panel its heatmap");
        Assert.That(layout.Fits);
        Assert.That(layout.SourceStepsShown, Is.EqualTo(Source.Length), "every source step");
        Assert.That(layout.OutputStepsShown, Is.EqualTo(Target.Length + 1), "every output step, the end included");
        Assert.That(layout.EncoderUnitsShown, Is.InRange(16, Units));
        Assert.That(layout.DecoderUnitsShown, Is.InRange(16, Units));
        Assert.That(layout.StripWidth, Is.GreaterThanOrEqualTo(8f));

        var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
        Assert.That(texts, Does.Contain($"{layout.EncoderUnitsShown} of {Units} units"), "a band says how many of its units it shows");
        Assert.That(texts, Does.Contain("s₀"));
        var sourceLabels = Scene.DrawList.TextBoxes.Count(b => layout.SourceTokens.Inset(-2f).Contains(b.Box) && b.Box.X >= layout.EncoderColumn(0).X - 8f);
        Assert.That(sourceLabels, Is.EqualTo(Source.Length), "every source character labels its encoder column");
        var wrong = Scene.DrawList.TextBoxes.Single(b => layout.OutputTokens.Inset(-2f).Contains(b.Box) && MathF.Abs(b.Box.Center.X - layout.DecoderColumn(11).Center.X) < 3f);
        Assert.That(wrong.Text, Is.EqualTo("9"), "the wrong output character sits over its decoder column");

        // The texts underline the character where output and target differ, and only that one.
        foreach (var text in new[] { "Wed 17/03/99", Target })
        {
            var box = Scene.DrawList.TextBoxes.Single(b => b.Text == text).Box;
            var last = Scene.DrawList.MeasureText(text[..^1], TextStyle.Body).X;
            var under = image[(int)((box.X + last + 2f) * Scene.Scale), (int)((box.Bottom - 0.5f) * Scene.Scale)];
            var first = image[(int)((box.X + 2f) * Scene.Scale), (int)((box.Bottom - 0.5f) * Scene.Scale)];
            Assert.That(under.R > 180 && under.G < 120, $"'{text}': its last character is underlined red ({under})");
            Assert.That(first.R, Is.LessThan(120), $"'{text}': its first character is not ({first})");
        }

        // Cells are coloured by their state on the activation map, the attention line to the aligned token is bright.
        var cell = layout.EncoderStateCell(3, 1, 2);
        var pixel = image[(int)(cell.Center.X * Scene.Scale), (int)(cell.Center.Y * Scene.Scale)];
        var expected = ColorMap.BlueWhiteRed.Map(EncoderState(3, 1, 2));
        Assert.That(Math.Abs(pixel.R - expected.R) + Math.Abs(pixel.G - expected.G) + Math.Abs(pixel.B - expected.B), Is.LessThan(30), $"{pixel} against {expected}");
        var (from, to) = layout.Line(4, Aligned[4]);
        var mid = (from + to) / 2f;
        var line = image[(int)(mid.X * Scene.Scale), (int)(mid.Y * Scene.Scale)];
        Assert.That(line.G, Is.GreaterThan(120), $"the strongest line of output 4 is viridis green-yellow ({line})");
    }

    [Test]
    public void TheNetworkPanelAloneShowsMoreUnits()
    {
        RenderAt(1920, 1080, With(Sample()), "encoder_decoder_all.png");
        var shared = Scene.LastEncoderDecoderLayout!.EncoderUnitsShown;
        Scene.Panel = ViewPanel.Network;
        RenderAt(1920, 1080, With(Sample()), "encoder_decoder_panel.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        Assert.That(Scene.LastEncoderDecoderLayout!.EncoderUnitsShown, Is.GreaterThan(2 * shared), "the whole window's height goes to the units");
        Assert.That(Scene.LastAttentionLayout, Is.Null);
    }

    [Test]
    public void ASmallModelShowsEveryUnit()
    {
        RenderAt(1280, 800, With(Sample(units: 16)), "encoder_decoder_small.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var layout = Scene.LastEncoderDecoderLayout!;
        Assert.That((layout.EncoderUnitsShown, layout.DecoderUnitsShown), Is.EqualTo((16, 16)));
        Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Does.Contain("16 units"));
    }

    [Test]
    public void ALongSourceShowsItsFirstStepsAndSaysSo()
    {
        var source = string.Concat(Enumerable.Repeat("Wednesday, 17 March 1998 ", 6));
        RenderAt(1280, 800, With(Sample(source: source)), "encoder_decoder_long.png");
        Assert.That(Scene.LayoutProblems(), Is.Empty);
        var layout = Scene.LastEncoderDecoderLayout!;
        Assert.That(layout.SourceStepsShown, Is.InRange(20, source.Length - 1));
        Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Has.Some.StartsWith($"first {layout.SourceStepsShown} of {source.Length} source"));
    }

    private IReadOnlyList<string> HoverOver(Snapshot snapshot, Func<SceneRenderer, Vector2> where)
    {
        Scene.Render(snapshot, Context.Width, Context.Height, new FrameStats(60, 4));
        var p = where(Scene) * Scene.Scale;
        Scene.PointerAt(p.X, p.Y);
        Scene.Render(snapshot, Context.Width, Context.Height, new FrameStats(60, 4));
        return Scene.Inspector.TooltipLines;
    }

    [Test]
    public void HoveringAnEncoderCellShowsItsState()
    {
        Context.Resize(1920, 1080);
        var snapshot = With(Sample());
        var lines = HoverOver(snapshot, s => s.LastEncoderDecoderLayout!.EncoderStateCell(11, 1, 5).Center);
        Assert.That(Scene.Inspector.Hovered, Is.EqualTo(new Inspected(InspectedKind.EncoderState, Step: 11, Unit: 5, Index: 1)));
        Assert.That(lines, Is.EqualTo(new[] { "encoder ← (backward) · unit 5 · source 11 '1'", $"h = {NumberFormat.Exact(EncoderState(11, 1, 5))}" }));
        Assert.That(InspectedValue.Of(Scene.Inspector.Hovered!.Value, snapshot), Is.EqualTo(snapshot.Attention!.EncoderStates![(11 * 2 * Units) + Units + 5]));
    }

    [Test]
    public void HoveringADecoderCellShowsItsState()
    {
        Context.Resize(1280, 800);
        var snapshot = With(Sample());
        var lines = HoverOver(snapshot, s => s.LastEncoderDecoderLayout!.DecoderStateCell(3, 7).Center);
        Assert.That(lines, Is.EqualTo(new[] { "decoder · unit 7 · output 3 '␣'", $"s = {NumberFormat.Exact(DecoderState(3, 7))}" }));
        lines = HoverOver(snapshot, s => s.LastEncoderDecoderLayout!.DecoderStateCell(-1, 2).Center);
        Assert.That(lines[1], Is.EqualTo($"s = {NumberFormat.Exact(DecoderState(-1, 2))}"), "s₀'s column");
    }

    [Test]
    public void HoveringAHeatmapCellShowsItsWeight()
    {
        Context.Resize(1920, 1080);
        var snapshot = With(Sample());
        var lines = HoverOver(snapshot, s => s.LastAttentionLayout!.Cell(7, 14).Center);
        Assert.That(Scene.Inspector.Hovered, Is.EqualTo(new Inspected(InspectedKind.AttentionWeight, Step: 7, Index: 14)));
        var weight = snapshot.Attention!.WeightAt(7, 14);
        Assert.That(lines, Is.EqualTo(new[] { "attention · output 7 '0' on source 14 'M'", $"weight = {NumberFormat.Exact(weight)}" }));
        Assert.That(InspectedValue.Of(Scene.Inspector.Hovered!.Value, snapshot), Is.EqualTo(weight));
    }
}
