using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// What a character model writes from its current weights, under the training stats: a caption
/// with the step and temperature, then the text wrapped to the column, its own line breaks kept,
/// as many lines as there is room for (the rest waits for a larger window).
/// </summary>
public static class TextSamplePainter
{
    /// <summary>Draws <paramref name="sample"/> into <paramref name="area"/>; returns the lines of text drawn.</summary>
    public static int Draw(DrawList list, RectF area, TextSample sample)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(sample);
        var lineHeight = list.MeasureText("Ag", TextStyle.Small).Y + 2f;
        if (area.Height < 2f * lineHeight || area.Width < 60f)
        {
            return 0;
        }

        var caption = list.Fit(TextStyle.Small.Bolded, area.Width, string.Create(CultureInfo.InvariantCulture, $"it writes · step {NumberFormat.Integer(sample.Step)} · T {sample.Temperature:0.0#}"), "it writes");

        list.Text(caption, area.X, area.Y, TextStyle.Small.Bolded, Theme.Title);
        var y = area.Y + lineHeight + 2f;
        var drawn = 0;
        foreach (var paragraph in (sample.Prime + sample.Text).Split('\n'))
        {
            foreach (var line in list.Wrap(paragraph.Length == 0 ? " " : paragraph, TextStyle.Small, area.Width))
            {
                if (y + lineHeight > area.Bottom)
                {
                    return drawn;
                }

                list.Text(line, area.X, y, TextStyle.Small, Theme.Text);
                y += lineHeight;
                drawn++;
            }
        }

        return drawn;
    }
}
