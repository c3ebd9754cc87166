using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// A problem the presenter must see (a script error with its file:line and hint, a shader's
/// compile log, a stopped simulation) across the bottom of the frame, wrapped so the whole message
/// is readable; the panels are laid out above it, so it never covers them.
/// </summary>
public sealed class ErrorBanner
{
    private const float Padding = 10f;
    private const int MaxLines = 12;

    private IReadOnlyList<string> _lines = [];

    /// <summary>The lines drawn by the latest <see cref="Measure"/>/<see cref="Draw"/>.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Wraps <paramref name="message"/> for a frame <paramref name="width"/> wide; returns the banner's height (0 without a message).</summary>
    public float Measure(DrawList list, string? message, float width)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (string.IsNullOrWhiteSpace(message))
        {
            _lines = [];
            return 0f;
        }

        var lines = list.Wrap(message.Trim(), TextStyle.Body, width - (4f * Padding));
        if (lines.Count > MaxLines)
        {
            list.RecordCut($"error banner shows {MaxLines} of {lines.Count} lines");
            lines = [.. lines.Take(MaxLines - 1), "… (the rest is on the console)"];
        }

        _lines = lines;
        return (lines.Count * LineHeight(list)) + (2f * Padding);
    }

    /// <summary>Draws the lines of the latest <see cref="Measure"/> into <paramref name="area"/>.</summary>
    public void Draw(DrawList list, RectF area)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (_lines.Count == 0 || area.IsEmpty)
        {
            return;
        }

        list.FillBackground(area, Theme.ErrorBackground);
        list.FillRect(area.TakeTop(3f), Theme.Danger);
        var y = area.Y + Padding;
        var step = LineHeight(list);
        foreach (var line in _lines)
        {
            list.Text(line, area.X + (2f * Padding), y, TextStyle.Body, Theme.Text);
            y += step;
        }
    }

    private static float LineHeight(DrawList list) => MathF.Ceiling(list.MeasureText("Ag", TextStyle.Body).Y + 2f);
}
