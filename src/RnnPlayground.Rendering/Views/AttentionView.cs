using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// An encoder–decoder's attention as it learns: a heatmap of the weights (rows: the tokens the
/// decoder wrote, each beside the target's token at that step, green where they agree and red
/// where not; columns: the source tokens; colour: viridis on [0, 1]), which sharpens into a
/// diagonal-like alignment as training proceeds; a caption with the step and the sharpness (mean
/// of each row's largest weight); and a column with the sample's source, the decoded output and
/// its target, each character that differs underlined in red. A space reads ␣, the end of
/// sequence ↵, an unknown token ?.
/// </summary>
public sealed class AttentionView
{
    /// <summary>The latest snapshot whose shape was checked.</summary>
    private AttentionSnapshot? _checked;

    private static readonly ColorMap Colors = ColorMap.Viridis;

    public AttentionLayout Draw(DrawList list, RectF area, AttentionSnapshot attention)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attention);
        if (!ReferenceEquals(attention, _checked))
        {
            _checked = attention.Validated(); // once per snapshot, not on every frame that draws it
        }

        var style = TextStyle.Small;
        var lineHeight = list.MeasureText("Ag", style).Y + 2f;
        var outputs = attention.OutputTokens.Select(Label).ToArray();
        var targets = TargetLabels(attention);
        var outputWidth = outputs.Append("out").Max(t => list.MeasureText(t, style).X);
        var targetWidth = targets.Append("target").Max(t => list.MeasureText(t, style).X);
        var layout = AttentionLayout.Compute(attention, area, lineHeight, MathF.Min(outputWidth, 60f) + 10f + MathF.Min(targetWidth, 60f));

        DrawCaption(list, layout, attention);
        if (!attention.HasAttention)
        {
            list.Text("this model has no attention: its decoder sees the source only through the encoder's last state",
                layout.Caption.X, layout.Caption.Bottom + 8f, style, Theme.TextDim);
        }
        else if (!layout.Fits)
        {
            list.RecordCut($"attention left out its {attention.Rows}×{attention.Columns} cells in {layout.Heatmap.Width:0}×{layout.Heatmap.Height:0} px");
        }
        else
        {
            DrawHeatmap(list, layout, attention, outputs, targets, MathF.Min(outputWidth, 60f));
        }

        if (!layout.Texts.IsEmpty)
        {
            DrawTexts(list, layout, attention);
        }
        else
        {
            list.RecordCut("attention left out the source, output and target texts (no room)");
        }

        return layout;
    }

    /// <summary>How a token is labelled: ␣ for a space, ↵ for the end of sequence, ? for an unknown token.</summary>
    public static string Label(string token) => token switch
    {
        " " => "␣",
        "<eos>" => "↵",
        "<unk>" => "?",
        "<pad>" or "<bos>" => "",
        _ => token,
    };

    /// <summary>The target's labels, EOS included: its tokens, or its characters and an EOS.</summary>
    internal static string[] TargetLabels(AttentionSnapshot a) =>
        (a.TargetTokens ?? [.. a.Target.Select(c => c.ToString()), "<eos>"]).Select(Label).ToArray();

    private static void DrawCaption(DrawList list, AttentionLayout layout, AttentionSnapshot a)
    {
        var caption = layout.Caption;
        var left = list.Text("attention", caption.X, caption.Y, TextStyle.Small.Bolded, Theme.Title);
        var detail = a.HasAttention
            ? string.Create(CultureInfo.InvariantCulture, $"output ↓ · source → · step {NumberFormat.Integer(a.Step)} · sharpness {a.Sharpness:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"step {NumberFormat.Integer(a.Step)}");
        var room = caption.Right - left.Right - 10f;
        if (list.MeasureText(detail, TextStyle.Small).X <= room)
        {
            list.Text(detail, left.Right + 10f, caption.Y, TextStyle.Small, Theme.TextDim);
        }
        else
        {
            list.RecordCut("attention left out its caption");
        }
    }

    private static void DrawHeatmap(DrawList list, AttentionLayout layout, AttentionSnapshot a, string[] outputs, string[] targets, float outputWidth)
    {
        var style = TextStyle.Small;
        var map = layout.Heatmap;
        list.FillRect(map.Inset(-1f), Theme.PanelBorder);
        for (var r = 0; r < a.Rows; r++)
        {
            for (var c = 0; c < a.Columns; c++)
            {
                list.FillRect(layout.Cell(r, c), Colors.Map(a.WeightAt(r, c)));
            }
        }

        // Column labels above, as many as fit side by side (every k-th for a long source).
        var widest = a.SourceTokens.Max(t => list.MeasureText(Label(t), style).X);
        var every = Math.Max(1, (int)MathF.Ceiling((widest + 2f) / layout.CellWidth));
        for (var c = 0; c < a.Columns; c += every)
        {
            var cell = layout.Cell(0, c);
            var label = list.Ellipsize(Label(a.SourceTokens[c]), style, MathF.Max(layout.CellWidth * every - 2f, 8f));
            list.Text(label, cell.Center.X, map.Y - 3f, style, Theme.Text, HAlign.Center, VAlign.Bottom);
        }

        // Row labels at the left: what was written, then what should have been.
        var outputX = map.X - 8f - (layout.LabelWidth - outputWidth);
        var targetX = map.X - 8f;
        list.Text("out", outputX, map.Y - 3f, style, Theme.TextDim, HAlign.Right, VAlign.Bottom);
        list.Text("target", targetX, map.Y - 3f, style, Theme.TextDim, HAlign.Right, VAlign.Bottom);
        var rowsEvery = Math.Max(1, (int)MathF.Ceiling((layout.LineHeight - 3f) / layout.CellHeight));
        for (var r = 0; r < a.Rows; r += rowsEvery)
        {
            var y = layout.Cell(r, 0).Center.Y;
            var target = r < targets.Length ? targets[r] : "";
            var agrees = string.Equals(outputs[r], target, StringComparison.Ordinal);
            list.Text(list.Ellipsize(outputs[r], style, 60f), outputX, y, style, agrees ? Theme.Good : Theme.Danger, HAlign.Right, VAlign.Middle);
            if (target.Length > 0)
            {
                list.Text(list.Ellipsize(target, style, 60f), targetX, y, style, Theme.TextDim, HAlign.Right, VAlign.Middle);
            }
        }
    }

    private static void DrawTexts(DrawList list, AttentionLayout layout, AttentionSnapshot a)
    {
        var area = layout.Texts;
        var y = area.Y;
        var lineHeight = layout.LineHeight + 1f;
        foreach (var (name, text, color, other) in new[]
        {
            ("source", a.Source, Theme.Text, (string?)null),
            ("output", a.Output, a.ExactMatch ? Theme.Good : Theme.Danger, a.Target),
            ("target", a.Target, Theme.Text, a.Output),
        })
        {
            if (y + (2 * lineHeight) > area.Bottom)
            {
                list.RecordCut($"attention left out the {name} text");
                return;
            }

            list.Text(name, area.X, y, TextStyle.Small, Theme.TextDim);
            y += lineHeight;
            var start = 0;
            foreach (var line in list.Wrap(text.Length == 0 ? " " : text, TextStyle.Body, area.Width))
            {
                if (y + lineHeight > area.Bottom)
                {
                    list.RecordCut($"attention left out the rest of the {name} text");
                    return;
                }

                var box = list.Text(line, area.X, y, TextStyle.Body, color);
                if (other is not null && !a.ExactMatch)
                {
                    start = text.IndexOf(line, start, StringComparison.Ordinal) is var at and >= 0 ? at : start;
                    MarkDifferences(list, line, start, other, box);
                    start += line.Length;
                }

                y += lineHeight + 3f;
            }

            y += 6f;
        }

        if (y + lineHeight <= area.Bottom)
        {
            var verdict = a.ExactMatch ? "exact match" : $"{Differences(a.Output, a.Target)} of {Math.Max(a.Output.Length, a.Target.Length)} characters differ";
            list.Text(verdict, area.X, y, TextStyle.Small.Bolded, a.ExactMatch ? Theme.Good : Theme.Danger);
        }
    }

    /// <summary>
    /// Underlines in red each character of <paramref name="line"/> (which starts at
    /// <paramref name="start"/> of its text) that differs from <paramref name="other"/> at that position.
    /// </summary>
    private static void MarkDifferences(DrawList list, string line, int start, string other, RectF box)
    {
        for (var k = 0; k < line.Length; k++)
        {
            var i = start + k;
            if (i < other.Length && other[i] == line[k])
            {
                continue;
            }

            var x0 = k == 0 ? 0f : list.MeasureText(line[..k], TextStyle.Body).X;
            var x1 = list.MeasureText(line[..(k + 1)], TextStyle.Body).X;
            list.FillRect(new RectF(box.X + x0, box.Bottom - 1f, MathF.Max(2f, x1 - x0), 2f), Theme.Danger);
        }
    }

    /// <summary>Positions where the two texts differ, a missing or extra character counting as one.</summary>
    private static int Differences(string output, string target)
    {
        var n = 0;
        for (var i = 0; i < Math.Max(output.Length, target.Length); i++)
        {
            if (i >= output.Length || i >= target.Length || output[i] != target[i])
            {
                n++;
            }
        }

        return n;
    }
}
