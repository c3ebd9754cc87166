using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Draws over the unrolled network what a script pointed at: its highlights (<c>ctx.highlight</c>:
/// a unit at a step, a unit at every step, or a layer's column) outlined in warm yellow, and the
/// step-through's column (blue going forward, orange going back) with the walked unit outlined.
/// </summary>
public static class StageMarks
{
    private static readonly Rgba Highlight = Rgba.FromRgbHex(0xFFD166);

    public static void Draw(DrawList list, NetworkLayout layout, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Walk is { } walk && layout.IsStepShown(walk.Step))
        {
            var color = walk.Backward ? Theme.Warning : Theme.Accent;
            foreach (var cell in Column(layout, walk.Step))
            {
                list.FillRect(cell, color.WithAlpha(0.16f));
                list.StrokeRect(cell, color, 1.5f);
            }

            if (layout.HiddenBand(walk.Layer) is { } band && walk.Unit < band.Shown)
            {
                list.StrokeRect(layout.HiddenCell(walk.Step, walk.Layer, walk.Unit).Inset(-2.5f), color, 2.5f);
            }
        }

        foreach (var mark in snapshot.Highlights ?? [])
        {
            if (layout.HiddenBand(mark.Layer) is not { } band)
            {
                continue;
            }

            for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
            {
                if (mark.Step >= 0 && mark.Step != t)
                {
                    continue;
                }

                for (var u = 0; u < band.Shown; u++)
                {
                    if (mark.Unit < 0 || mark.Unit == u)
                    {
                        list.StrokeRect(layout.HiddenCell(t, mark.Layer, u).Inset(-2f), Highlight, 2f);
                    }
                }
            }
        }
    }

    /// <summary>The strips of time step <paramref name="step"/>: one per row of the network (rows are staggered), and its gradient bar's slot.</summary>
    public static IEnumerable<RectF> Column(NetworkLayout layout, int step)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!layout.IsStepShown(step))
        {
            yield break;
        }

        foreach (var band in layout.Bands)
        {
            yield return new RectF(layout.StripX(band, step) - 3f, band.Top - 3f, layout.StripWidth + 6f, band.Height + 6f);
        }

        if (!layout.GradientArea.IsEmpty)
        {
            yield return layout.GradientSlot(step).Inset(-3f);
        }
    }
}
