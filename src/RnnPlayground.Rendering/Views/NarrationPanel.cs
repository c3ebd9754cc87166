using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The script's narration (<c>ctx.say</c>) and the step-through of one pass, wrapped in a panel
/// across the bottom above the error banner, in text large enough to read from the back of a room:
/// the walk's title and its equations first, then the narration. The panels are laid out above it.
/// </summary>
public sealed class NarrationPanel
{
    private const float Padding = 10f;
    private const int MaxLines = 14;

    private static readonly TextStyle Prose = new(Theme.HeadingText);
    private static readonly TextStyle Title = new(Theme.BodyText, Bold: true);
    private static readonly TextStyle Equation = new(Theme.HeadingText);

    private readonly List<(string Text, TextStyle Style, Rgba Color)> _lines = [];

    /// <summary>The lines drawn by the latest <see cref="Measure"/>/<see cref="Draw"/>.</summary>
    public IEnumerable<string> Lines => _lines.Select(l => l.Text);

    /// <summary>Wraps the walk and the narration of <paramref name="snapshot"/> for a frame <paramref name="width"/> wide; returns the panel's height (0: nothing to say).</summary>
    public float Measure(DrawList list, Snapshot? snapshot, float width)
    {
        ArgumentNullException.ThrowIfNull(list);
        _lines.Clear();
        var inner = width - (4f * Padding);
        if (snapshot?.Walk is { } walk)
        {
            _lines.Add(("STEP-THROUGH · " + walk.Title + " · T: next step", Title, walk.Backward ? Theme.Warning : Theme.Accent));
            foreach (var line in walk.Lines)
            {
                foreach (var wrapped in list.Wrap(line, Equation, inner))
                {
                    _lines.Add((wrapped, Equation, Theme.Text));
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(snapshot?.Narration))
        {
            foreach (var wrapped in list.Wrap(snapshot.Narration.Trim(), Prose, inner))
            {
                _lines.Add((wrapped, Prose, Theme.Text));
            }
        }

        if (_lines.Count == 0)
        {
            return 0f;
        }

        if (_lines.Count > MaxLines)
        {
            list.RecordCut($"narration shows {MaxLines} of {_lines.Count} lines");
            _lines.RemoveRange(MaxLines - 1, _lines.Count - MaxLines + 1);
            _lines.Add(("…", Prose, Theme.TextDim));
        }

        return _lines.Sum(l => LineHeight(list, l.Style)) + (2f * Padding);
    }

    /// <summary>Draws the lines of the latest <see cref="Measure"/> into <paramref name="area"/>.</summary>
    public void Draw(DrawList list, RectF area)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (_lines.Count == 0 || area.IsEmpty)
        {
            return;
        }

        list.FillBackground(area, Theme.PlotBackground);
        list.FillRect(area.TakeTop(2f), Theme.Accent);
        var y = area.Y + Padding;
        foreach (var (text, style, color) in _lines)
        {
            if (y + LineHeight(list, style) > area.Bottom + 1f)
            {
                break;
            }

            list.Text(text, area.X + (2f * Padding), y, style, color);
            y += LineHeight(list, style);
        }
    }

    private static float LineHeight(DrawList list, TextStyle style) => MathF.Ceiling(list.MeasureText("Ag", style).Y + 3f);
}
