using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// An encoder–decoder unrolled over its current sample (<see cref="AttentionSnapshot.HasStates"/>):
/// the encoder's states in a column per source token (forward and backward strips side by side for a
/// bidirectional encoder), the decoder's s_0 and its state after each output token, a cell per unit
/// coloured as the network view colours activations (blue–white–red on [−1, 1]); between them a line
/// from each decoder step to each source token it attends to, viridis-coloured and thicker for a
/// larger weight, as in the heatmap; the output tokens above the decoder (green where they agree with
/// the target's token at that step, red where not) and the target's below.
/// </summary>
public sealed class EncoderDecoderView
{
    /// <summary>The latest snapshot whose shape was checked.</summary>
    private AttentionSnapshot? _checked;

    /// <summary>Weights below this draw no line (they would only darken the band).</summary>
    public const float LineThreshold = 0.02f;

    private static readonly string[] RowLabels = ["encoder", "source", "attention", "output", "decoder", "target"];

    public EncoderDecoderLayout Draw(DrawList list, RectF area, AttentionSnapshot attention, ViewSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attention);
        if (!ReferenceEquals(attention, _checked))
        {
            _checked = attention.Validated(); // once per snapshot, not on every frame that draws it
        }

        var tokenHeight = list.MeasureText("Ag", TextStyle.Body).Y + 2f;
        var labelWidth = MathF.Ceiling(RowLabels.Max(l => list.MeasureText(l, TextStyle.Body.Bolded).X)) + 4f;
        var units = Math.Max(attention.EncoderUnits, attention.DecoderUnits);
        labelWidth = MathF.Max(labelWidth, MathF.Ceiling(list.MeasureText(Shown(units - 1, units), TextStyle.Small).X) + 4f);
        var layout = EncoderDecoderLayout.Compute(attention, area, tokenHeight + 4f, tokenHeight, labelWidth);
        var colors = UnrolledNetworkView.ActivationColors(settings);
        DrawHeader(list, layout, colors);
        if (!layout.Fits)
        {
            list.RecordCut($"encoder–decoder left out its cells: {attention.Columns} source and {attention.Rows} output steps in {area.Width:0}×{area.Height:0} px");
            return layout;
        }

        DrawRowLabels(list, layout);
        DrawEncoder(list, layout, colors);
        DrawDecoder(list, layout, colors);
        DrawLines(list, layout);
        DrawTokens(list, layout);
        DrawStepsNote(list, layout);
        return layout;
    }

    private static void DrawHeader(DrawList list, EncoderDecoderLayout layout, ColorMap colors)
    {
        var a = layout.Attention;
        var header = layout.Header;
        var encoder = a.EncoderDirections == 2 ? $"encoder 2 × {a.EncoderUnits} (→ ←)" : $"encoder {a.EncoderUnits}";
        var steps = $"{a.Columns} → {a.Rows} steps";
        var title = string.Create(CultureInfo.InvariantCulture, $"{encoder} · decoder {a.DecoderUnits} · {steps} · step {NumberFormat.Integer(a.Step)}");
        var titleWidth = list.MeasureText(title, TextStyle.Body).X;
        ReadOnlySpan<UnrolledNetworkView.HeaderLegend> legends = [new(colors, "−1", "+1", "h"), new(ColorMap.Viridis, "0", "1", "weight")];
        var fit = UnrolledNetworkView.LegendsThatFit(list, header, titleWidth, legends);
        if (fit < legends.Length)
        {
            // The step is in the HUD too: a title without it, where that makes room for more legends.
            var shorter = $"{encoder} · decoder {a.DecoderUnits} · {steps}";
            var shorterWidth = list.MeasureText(shorter, TextStyle.Body).X;
            if (UnrolledNetworkView.LegendsThatFit(list, header, shorterWidth, legends) > fit)
            {
                (title, titleWidth) = (shorter, shorterWidth);
            }
        }

        var x = UnrolledNetworkView.HeaderLegends(list, header, titleWidth, "encoder–decoder", legends);
        if (titleWidth <= x - header.X - 12f)
        {
            list.Text(title, header.X, header.Center.Y, TextStyle.Body, Theme.Text, HAlign.Left, VAlign.Middle);
        }
        else
        {
            list.RecordCut("encoder–decoder left out its title");
        }
    }

    private static void DrawRowLabels(DrawList list, EncoderDecoderLayout layout)
    {
        var a = layout.Attention;
        var x = layout.Area.X;
        Band(list, x, layout.Encoder, "encoder", Shown(layout.EncoderUnitsShown, a.EncoderUnits), a.EncoderDirections == 2 ? "→ | ←" : null);
        Band(list, x, layout.Decoder, "decoder", Shown(layout.DecoderUnitsShown, a.DecoderUnits), null);
        list.Text("source", x, layout.SourceTokens.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle);
        list.Text("attention", x, layout.Lines.Center.Y, TextStyle.Small, Theme.Title, HAlign.Left, VAlign.Middle);
        list.Text("output", x, layout.OutputTokens.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle);
        list.Text("target", x, layout.TargetTokens.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle);
    }

    /// <summary>Over the attention band, when the steps did not all fit: which are shown.</summary>
    private static void DrawStepsNote(DrawList list, EncoderDecoderLayout layout)
    {
        var a = layout.Attention;
        if (layout.SourceStepsShown < a.Columns || layout.OutputStepsShown < a.Rows)
        {
            var steps = $"first {layout.SourceStepsShown} of {a.Columns} source, {layout.OutputStepsShown} of {a.Rows} output steps";
            var size = list.MeasureText(steps, TextStyle.Small);
            if (size.X + 6f > layout.Lines.Width)
            {
                list.RecordCut("encoder–decoder left out which steps are shown");
                return;
            }

            var at = new RectF(layout.Lines.Right - size.X - 6f, layout.Lines.Center.Y - (size.Y / 2f) - 2f, size.X + 6f, size.Y + 4f);
            list.FillRect(at, Theme.Panel.WithAlpha(0.9f));
            list.Text(steps, layout.Lines.Right - 3f, layout.Lines.Center.Y, TextStyle.Small, Theme.Warning, HAlign.Right, VAlign.Middle);
        }
    }

    private static string Shown(int shown, int total) => shown == total ? $"{total} units" : $"{shown} of {total} units";

    /// <summary>A band's name, what it shows and an optional third line, centred on the band.</summary>
    private static void Band(DrawList list, float x, RectF band, string name, string detail, string? more)
    {
        var mid = band.Y + MathF.Min(band.Height / 2f, 40f);
        list.Text(name, x, mid - 1f, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Bottom);
        list.Text(detail, x, mid + 1f, TextStyle.Small, Theme.TextDim);
        if (more is not null && band.Height >= 48f)
        {
            list.Text(more, x, mid + 15f, TextStyle.Small, Theme.Title);
        }
    }

    private static void DrawEncoder(DrawList list, EncoderDecoderLayout layout, ColorMap colors)
    {
        var a = layout.Attention;
        for (var c = 0; c < layout.SourceStepsShown; c++)
        {
            for (var k = 0; k < a.EncoderDirections; k++)
            {
                for (var u = 0; u < layout.EncoderUnitsShown; u++)
                {
                    list.FillRect(layout.EncoderStateCell(c, k, u), colors.Map(a.EncoderStateAt(c, k, u)));
                }
            }
        }
    }

    private static void DrawDecoder(DrawList list, EncoderDecoderLayout layout, ColorMap colors)
    {
        var a = layout.Attention;
        for (var u = 0; u < layout.DecoderUnitsShown; u++)
        {
            list.FillRect(layout.DecoderStateCell(-1, u), colors.Map(a.DecoderInitialState![u]));
        }

        for (var r = 0; r < layout.OutputStepsShown; r++)
        {
            for (var u = 0; u < layout.DecoderUnitsShown; u++)
            {
                list.FillRect(layout.DecoderStateCell(r, u), colors.Map(a.DecoderStateAt(r, u)));
            }
        }
    }

    /// <summary>From each decoder step a line to every source token it weighs above <see cref="LineThreshold"/>, faint ones first.</summary>
    private static void DrawLines(DrawList list, EncoderDecoderLayout layout)
    {
        var a = layout.Attention;
        if (!a.HasAttention)
        {
            var from = layout.DecoderColumn(-1).Center.X;
            var to = layout.EncoderColumn(layout.SourceStepsShown - 1).Center.X;
            list.Line(new(from, layout.Lines.Bottom), new(to, layout.Lines.Y), Theme.TextDim, 1.5f);
            list.Text("no attention: the decoder starts from the encoder's last state", layout.Lines.Center.X, layout.Lines.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Center, VAlign.Middle);
            return;
        }

        foreach (var threshold in (ReadOnlySpan<float>)[LineThreshold, 0.25f])
        {
            for (var r = 0; r < layout.OutputStepsShown; r++)
            {
                for (var c = 0; c < layout.SourceStepsShown; c++)
                {
                    var w = a.WeightAt(r, c);
                    if (w < threshold || (threshold == LineThreshold && w >= 0.25f))
                    {
                        continue;
                    }

                    var (from, to) = layout.Line(r, c);
                    list.Line(from, to, ColorMap.Viridis.Map(w).WithAlpha(0.25f + (0.75f * w)), 0.6f + (2.4f * w));
                }
            }
        }
    }

    private static void DrawTokens(DrawList list, EncoderDecoderLayout layout)
    {
        var a = layout.Attention;
        var style = TextStyle.Body;
        var sourceEvery = Every(list, a.SourceTokens.Take(layout.SourceStepsShown), layout.EncoderPitch);
        for (var c = 0; c < layout.SourceStepsShown; c += sourceEvery)
        {
            list.Text(AttentionView.Label(a.SourceTokens[c]), layout.EncoderColumn(c).Center.X, layout.SourceTokens.Center.Y, style, Theme.Text, HAlign.Center, VAlign.Middle);
        }

        var targets = AttentionView.TargetLabels(a);
        var outputs = a.OutputTokens.Select(AttentionView.Label).ToArray();
        var every = Every(list, outputs.Take(layout.OutputStepsShown).Concat(targets.Take(layout.OutputStepsShown)), layout.DecoderPitch);
        list.Text("s₀", layout.DecoderColumn(-1).Center.X, layout.TargetTokens.Center.Y, TextStyle.Small, Theme.Title, HAlign.Center, VAlign.Middle);
        for (var r = 0; r < layout.OutputStepsShown; r += every)
        {
            var x = layout.DecoderColumn(r).Center.X;
            var target = r < targets.Length ? targets[r] : "";
            var agrees = string.Equals(outputs[r], target, StringComparison.Ordinal);
            list.Text(outputs[r], x, layout.OutputTokens.Center.Y, style, agrees ? Theme.Good : Theme.Danger, HAlign.Center, VAlign.Middle);
            if (target.Length > 0)
            {
                list.Text(target, x, layout.TargetTokens.Center.Y, style, Theme.TextDim, HAlign.Center, VAlign.Middle);
            }
        }
    }

    /// <summary>Label every k-th column so that the widest label fits its columns.</summary>
    private static int Every(DrawList list, IEnumerable<string> labels, float pitch)
    {
        var widest = labels.Select(l => list.MeasureText(AttentionView.Label(l), TextStyle.Body).X).DefaultIfEmpty(0f).Max();
        return Math.Max(1, (int)MathF.Ceiling((widest + 3f) / pitch));
    }
}
