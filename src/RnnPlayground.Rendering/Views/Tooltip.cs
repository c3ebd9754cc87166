using System.Numerics;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>A box of text lines beside the pointer (below right, or flipped to stay inside the frame); the first line bold.</summary>
public static class Tooltip
{
    /// <summary>Draws <paramref name="lines"/> next to <paramref name="pointer"/> inside <paramref name="frame"/>; returns the box.</summary>
    public static RectF Draw(DrawList list, Vector2 pointer, IReadOnlyList<string> lines, RectF frame)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return default;
        }

        var lineHeight = list.MeasureText("Ag", TextStyle.Body).Y + 2f;
        var width = 0f;
        for (var i = 0; i < lines.Count; i++)
        {
            width = MathF.Max(width, list.MeasureText(lines[i], i == 0 ? TextStyle.Body.Bolded : TextStyle.Body).X);
        }

        var size = new Vector2(width + 16f, (lines.Count * lineHeight) + 10f);
        var x = pointer.X + 16f + size.X > frame.Right ? pointer.X - 8f - size.X : pointer.X + 16f;
        var y = pointer.Y + 18f + size.Y > frame.Bottom ? pointer.Y - 6f - size.Y : pointer.Y + 18f;
        var box = new RectF(MathF.Max(frame.X, MathF.Round(x)), MathF.Max(frame.Y, MathF.Round(y)), size.X, size.Y);
        list.FillRect(box, Theme.Background.WithAlpha(0.94f));
        list.StrokeRect(box, Theme.Accent);
        for (var i = 0; i < lines.Count; i++)
        {
            list.Text(lines[i], box.X + 8f, box.Y + 5f + (i * lineHeight), i == 0 ? TextStyle.Body.Bolded : TextStyle.Body, i == 0 ? Theme.Accent : Theme.Text);
        }

        return box;
    }
}
