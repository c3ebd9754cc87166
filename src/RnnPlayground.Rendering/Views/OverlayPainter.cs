using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>Draws a script's overlay items, mapping their fractional coordinates into panel rectangles.</summary>
public static class OverlayPainter
{
    /// <summary>Where fractional point (<paramref name="fx"/>, <paramref name="fy"/>) of <paramref name="content"/> is in pixels.</summary>
    public static Vector2 ToPixels(RectF content, float fx, float fy) =>
        new(content.X + (fx * content.Width), content.Y + (fy * content.Height));

    /// <summary>Draws the items whose panel is visible in <paramref name="layout"/>; returns how many were drawn.</summary>
    public static int Draw(DrawList list, SceneLayout layout, IReadOnlyList<OverlayItem>? items)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(layout);
        if (items is null)
        {
            return 0;
        }

        var drawn = 0;
        foreach (var item in items)
        {
            var content = layout.ContentOf(item.Panel);
            if (content.IsEmpty)
            {
                continue;
            }

            var color = Rgba.FromRgbaHex(item.Color);
            switch (item)
            {
                case OverlayLine line:
                    list.Line(ToPixels(content, line.X0, line.Y0), ToPixels(content, line.X1, line.Y1), color, Math.Clamp(line.Thickness, 0.5f, 50f));
                    break;
                case OverlayRect rect:
                    var topLeft = ToPixels(content, rect.X, rect.Y);
                    var r = new RectF(topLeft.X, topLeft.Y, rect.Width * content.Width, rect.Height * content.Height);
                    if (rect.Filled)
                    {
                        list.FillRect(r, color);
                    }
                    else
                    {
                        list.StrokeRect(r, color, Math.Clamp(rect.Thickness, 0.5f, 50f));
                    }

                    break;
                case OverlayText text:
                    var at = ToPixels(content, text.X, text.Y);
                    list.Text(text.Text, at.X, at.Y, new TextStyle(Math.Clamp(text.Size, 6f, 64f)), color);
                    break;
                default:
                    continue;
            }

            drawn++;
        }

        return drawn;
    }
}
