using System.Numerics;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// What of the unrolled network is at a point of its latest layout: a unit's cell, a gate strip, a
/// gradient bar, or (within a few pixels) a weight line. Worked out from the layout's geometry when
/// asked, so drawing a frame records nothing extra.
/// </summary>
public static class NetworkHitTest
{
    /// <summary>How near a weight line the pointer must be, in layout pixels.</summary>
    public const float LineReach = 2.5f;

    public static Inspected? At(NetworkLayout layout, GradientStrip? strip, Vector2 p)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var band in layout.Bands)
        {
            if (p.Y < band.Top || p.Y >= band.Top + band.Height)
            {
                continue;
            }

            var unit = (int)((p.Y - band.Top) / band.RowHeight);
            for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
            {
                var x = layout.StripX(band, t);
                if (p.X < x || p.X >= x + layout.StripWidth)
                {
                    continue;
                }

                if (p.X < x + layout.CellSize)
                {
                    var kind = band.Kind switch
                    {
                        NetworkBandKind.Input => InspectedKind.Input,
                        NetworkBandKind.Output => InspectedKind.Output,
                        _ => InspectedKind.Hidden,
                    };
                    return new Inspected(kind, Layer: band.Layer, Step: t, Unit: unit);
                }

                if (band.Kind == NetworkBandKind.Hidden && layout.ShowGates && p.X >= x + layout.CellSize + 2f)
                {
                    var gate = Math.Min(layout.GateCount - 1, (int)((p.X - (x + layout.CellSize + 2f)) / layout.GateWidth));
                    return new Inspected(InspectedKind.Gate, Layer: band.Layer, Step: t, Unit: unit, Index: gate);
                }
            }
        }

        if (strip is not null && strip.Norms.Length > 0 && strip.Plot.Inset(-1f).Contains(p.X, p.Y))
        {
            for (var t = 0; t < layout.Network.Steps; t++)
            {
                var slot = strip.Slot(t);
                if (p.X >= slot.X && p.X < slot.Right + 1f)
                {
                    return new Inspected(InspectedKind.GradientBar, Step: t);
                }
            }
        }

        Inspected? nearest = null;
        var best = LineReach;
        foreach (var link in NetworkConnections.Of(layout))
        {
            var d = NetworkConnections.Distance(p, link.From, link.To);
            if (d <= best)
            {
                best = d;
                nearest = new Inspected(link.Output ? InspectedKind.OutputWeight : InspectedKind.Weight, Layer: link.Layer, Step: link.Step, Unit: link.Row, Index: link.Column, Recurrent: link.Recurrent);
            }
        }

        return nearest;
    }
}
