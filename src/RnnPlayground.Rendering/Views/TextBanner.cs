using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Wrapped text in a strip across the bottom of the frame; the panels are laid out above it, so it
/// never covers them. One kind serves two strips: <see cref="ForErrors"/>, a problem the presenter
/// must see (a script error with its file:line and hint, a shader's compile log, a stopped
/// simulation), and <see cref="ForNarration"/>, the script's narration (<c>ctx.say</c>) and the
/// step-through of one pass, in text large enough to read from the back of a room.
/// </summary>
public sealed class TextBanner
{
    private const float Padding = 10f;

    private static readonly TextStyle Prose = new(Theme.HeadingText);
    private static readonly TextStyle Title = new(Theme.BodyText, Bold: true);

    private readonly string _name;
    private readonly int _maxLines;
    private readonly float _lineGap;
    private readonly Rgba _background;
    private readonly Rgba _rule;
    private readonly float _ruleThickness;
    private readonly string _overflow;
    private readonly Rgba _overflowColor;
    private readonly List<(string Text, TextStyle Style, Rgba Color)> _lines = [];

    private TextBanner(string name, int maxLines, float lineGap, Rgba background, Rgba rule, float ruleThickness, string overflow, Rgba overflowColor)
    {
        _name = name;
        _maxLines = maxLines;
        _lineGap = lineGap;
        _background = background;
        _rule = rule;
        _ruleThickness = ruleThickness;
        _overflow = overflow;
        _overflowColor = overflowColor;
    }

    /// <summary>One paragraph to show: wrapped to the strip's width unless <paramref name="Wrap"/> is false.</summary>
    public readonly record struct Paragraph(string Text, TextStyle Style, Rgba Color, bool Wrap = true);

    /// <summary>The error banner: red, up to 12 lines, the rest left to the console.</summary>
    public static TextBanner ForErrors() => new("error banner", 12, 2f, Theme.ErrorBackground, Theme.Danger, 3f, "… (the rest is on the console)", Theme.Text);

    /// <summary>The narration panel, above the error banner: up to 14 lines.</summary>
    public static TextBanner ForNarration() => new("narration", 14, 3f, Theme.PlotBackground, Theme.Accent, 2f, "…", Theme.TextDim);

    /// <summary>What the error banner says for <paramref name="message"/> (nothing when it is blank).</summary>
    public static IEnumerable<Paragraph> Error(string? message)
    {
        if (!string.IsNullOrWhiteSpace(message))
        {
            yield return new Paragraph(message.Trim(), TextStyle.Body, Theme.Text);
        }
    }

    /// <summary>What the narration panel says for <paramref name="snapshot"/>: the walk's title and its equations first, then the narration.</summary>
    public static IEnumerable<Paragraph> Narration(Snapshot? snapshot)
    {
        if (snapshot?.Walk is { } walk)
        {
            yield return new Paragraph("STEP-THROUGH · " + walk.Title + " · T: next step", Title, walk.Backward ? Theme.Warning : Theme.Accent, Wrap: false);
            foreach (var line in walk.Lines)
            {
                yield return new Paragraph(line, Prose, Theme.Text);
            }
        }

        if (!string.IsNullOrWhiteSpace(snapshot?.Narration))
        {
            yield return new Paragraph(snapshot.Narration.Trim(), Prose, Theme.Text);
        }
    }

    /// <summary>The lines drawn by the latest <see cref="Measure"/>/<see cref="Draw"/>.</summary>
    public IEnumerable<string> Lines => _lines.Select(line => line.Text);

    /// <summary>Wraps <paramref name="paragraphs"/> for a frame <paramref name="width"/> wide; returns the strip's height (0: nothing to say).</summary>
    public float Measure(DrawList list, float width, IEnumerable<Paragraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(paragraphs);
        _lines.Clear();
        var inner = width - (4f * Padding);
        foreach (var (text, style, color, wrap) in paragraphs)
        {
            if (!wrap)
            {
                _lines.Add((text, style, color));
                continue;
            }

            foreach (var wrapped in list.Wrap(text, style, inner))
            {
                _lines.Add((wrapped, style, color));
            }
        }

        if (_lines.Count == 0)
        {
            return 0f;
        }

        if (_lines.Count > _maxLines)
        {
            list.RecordCut($"{_name} shows {_maxLines} of {_lines.Count} lines");
            var style = _lines[_maxLines - 1].Style;
            _lines.RemoveRange(_maxLines - 1, _lines.Count - _maxLines + 1);
            _lines.Add((_overflow, style, _overflowColor));
        }

        var height = 2f * Padding;
        foreach (var line in _lines)
            height += LineHeight(list, line.Style);

        return height;
    }

    /// <summary>Draws the lines of the latest <see cref="Measure"/> into <paramref name="area"/> (those that fit).</summary>
    public void Draw(DrawList list, RectF area)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (_lines.Count == 0 || area.IsEmpty)
        {
            return;
        }

        list.FillBackground(area, _background);
        list.FillRect(area.TakeTop(_ruleThickness), _rule);
        var y = area.Y + Padding;
        foreach (var (text, style, color) in _lines)
        {
            var step = LineHeight(list, style);
            if (y + step > area.Bottom + 1f)
            {
                break;
            }

            list.Text(text, area.X + (2f * Padding), y, style, color);
            y += step;
        }
    }

    private float LineHeight(DrawList list, TextStyle style) => MathF.Ceiling(list.MeasureText("Ag", style).Y + _lineGap);
}
