using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The network unrolled over the snapshot's window: one column per time step, a cell per unit
/// coloured by its value through a blue–white–red map symmetric around 0, gate heatmaps beside
/// LSTM/GRU units, the strongest input and recurrent weights as lines (warm positive, cool negative,
/// thicker for larger |w|), and under each step its gradient norm on a log scale.
/// </summary>
public sealed class UnrolledNetworkView
{
    /// <summary>The map for activations under <paramref name="settings"/> (custom ends, or blue–white–red).</summary>
    public static ColorMap ActivationColors(ViewSettings? settings) =>
        settings?.NegativeColor is null && settings?.PositiveColor is null
            ? ColorMap.BlueWhiteRed
            : ColorMap.Diverging(
                Rgba.FromRgbaHex(settings.NegativeColor ?? 0x2166ACFF),
                Rgba.FromRgbaHex(settings.PositiveColor ?? 0xB2182BFF));

    /// <summary>The colour a gate value is drawn with: a tanh candidate (−1..1) on the activation map, a sigmoid gate (0..1) on viridis.</summary>
    public static Rgba GateColor(Gate gate, float value, ColorMap activations) =>
        gate.IsCandidate() ? activations.Map(value) : ColorMap.Viridis.Map(value);

    /// <summary>The gradient strip of the latest <see cref="Draw"/>.</summary>
    public GradientStrip? LastGradientStrip { get; private set; }

    /// <param name="trained">Whether a training step has run (no per-step norms after one means they are not tracked).</param>
    public NetworkLayout Draw(DrawList list, RectF area, NetworkSnapshot network, ViewSettings? settings = null, bool trained = false)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(network);
        var layout = NetworkLayout.Compute(network, area, settings, UnitNames.ColumnWidth(list, network));
        var colors = ActivationColors(settings);
        DrawHeader(list, layout, colors);
        DrawConnections(list, layout);
        foreach (var band in layout.Bands)
        {
            DrawBand(list, layout, band, colors);
        }

        UnitNames.Draw(list, layout);

        LastGradientStrip = new GradientStrip(layout);
        LastGradientStrip.Draw(list, trained);
        DrawStepLabels(list, layout, LastGradientStrip);
        if (layout.WeightLabels)
        {
            WeightTable.Draw(list, layout);
        }

        return layout;
    }

    /// <summary>
    /// The <paramref name="count"/> entries of largest |w| in block <paramref name="block"/> of a
    /// [blocks·rows, columns] row-major matrix, limited to the first <paramref name="rowsShown"/> rows and
    /// <paramref name="columnsShown"/> columns, strongest first.
    /// </summary>
    public static IReadOnlyList<(int Row, int Column, float Weight)> StrongestWeights(
        float[] matrix, int block, int rows, int columns, int rowsShown, int columnsShown, int count)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Length < (block + 1) * rows * columns || count <= 0)
        {
            return [];
        }

        // The strongest `count` kept in order as the block is scanned (no list of every weight, no sort).
        var strongest = new (int Row, int Column, float Weight)[count];
        var kept = 0;
        for (var r = 0; r < Math.Min(rows, rowsShown); r++)
        {
            var rowStart = ((block * rows) + r) * columns;
            for (var c = 0; c < Math.Min(columns, columnsShown); c++)
            {
                var w = matrix[rowStart + c];
                var magnitude = MathF.Abs(w);
                if (!float.IsFinite(w) || w == 0f || (kept == count && magnitude <= MathF.Abs(strongest[kept - 1].Weight)))
                {
                    continue;
                }

                var i = kept < count ? kept++ : count - 1;
                while (i > 0 && MathF.Abs(strongest[i - 1].Weight) < magnitude)
                {
                    strongest[i] = strongest[i - 1];
                    i--;
                }

                strongest[i] = (r, c, w);
            }
        }

        return kept == count ? strongest : strongest[..kept];
    }

    /// <summary>The weight block that carries content into the cell: the candidate g (LSTM) or n (GRU), else the only one.</summary>
    public static int ContentBlock(IReadOnlyList<Gate> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        for (var i = 0; i < gates.Count; i++)
        {
            if (gates[i].IsCandidate())
            {
                return i;
            }
        }

        return 0;
    }

    private static void DrawHeader(DrawList list, NetworkLayout layout, ColorMap colors)
    {
        var n = layout.Network;
        var header = layout.Header;
        var sizes = n.HiddenSizes.Distinct().Count() == 1 && n.HiddenSizes.Count > 0
            ? $"{n.HiddenSizes.Count} × {n.HiddenSizes[0]} units"
            : string.Join("-", n.HiddenSizes);
        var last = layout.FirstStep + layout.StepCount - 1;
        var cell = n.CellType.Name().ToUpperInvariant();
        var title = layout.StepCount == n.Steps
            ? $"{cell} · {sizes} · {n.Steps} steps"
            : $"{cell} · {sizes} · steps {layout.FirstStep}–{last} of {n.Steps}";

        // Legends, right-aligned: the activation ramp, then the gate ramp; a shorter title where the full one leaves them no room.
        ReadOnlySpan<HeaderLegend> all = [new(colors, "−1", "+1", "h"), new(ColorMap.Viridis, "0", "1", "gate")];
        var legends = all[..(layout.ShowGates ? 2 : 1)];
        var titleWidth = list.MeasureText(title, TextStyle.Body).X;
        if (layout.StepCount != n.Steps && LegendsThatFit(list, header, titleWidth, legends) < legends.Length)
        {
            var shorter = $"{cell} · {sizes} · t={layout.FirstStep}–{last} of {n.Steps}";
            var shorterWidth = list.MeasureText(shorter, TextStyle.Body).X;
            if (LegendsThatFit(list, header, shorterWidth, legends) == legends.Length)
            {
                (title, titleWidth) = (shorter, shorterWidth);
            }
        }

        var x = HeaderLegends(list, header, titleWidth, "network", legends);
        list.Text(list.Ellipsize(title, TextStyle.Body, x - header.X - 12f), header.X, header.Center.Y, TextStyle.Body, Theme.Text, HAlign.Left, VAlign.Middle);
    }

    /// <summary>A colour legend of a view's header: "name lo [ramp] hi".</summary>
    internal readonly record struct HeaderLegend(ColorMap Map, string Lo, string Hi, string Name);

    /// <summary>
    /// Draws as many of <paramref name="legends"/>, in their order, as fit right-aligned in
    /// <paramref name="header"/> beside a title <paramref name="titleWidth"/> wide, and records the ones
    /// left out ("<paramref name="view"/> left out its colour legends" when none fit, else "… the NAME
    /// colour legend" for each); returns where the drawn legends begin (the header's right edge when none).
    /// </summary>
    internal static float HeaderLegends(DrawList list, RectF header, float titleWidth, string view, ReadOnlySpan<HeaderLegend> legends)
    {
        var drawn = LegendsThatFit(list, header, titleWidth, legends);
        var x = header.Right;
        for (var i = 0; i < drawn; i++)
        {
            var l = legends[i];
            x = Legend(list, x - (i > 0 ? LegendGap : 0f), header.Center.Y, l.Map, l.Lo, l.Hi, l.Name);
        }

        if (drawn == 0 && legends.Length > 0)
        {
            list.RecordCut($"{view} left out its colour legends");
        }
        else
        {
            for (var i = drawn; i < legends.Length; i++)
            {
                list.RecordCut($"{view} left out the {legends[i].Name} colour legend");
            }
        }

        return x;
    }

    private const float RampWidth = 72f;

    private const float LegendGap = 14f;

    /// <summary>How many of <paramref name="legends"/>, in their order, fit in <paramref name="header"/> beside a title <paramref name="titleWidth"/> wide.</summary>
    internal static int LegendsThatFit(DrawList list, RectF header, float titleWidth, ReadOnlySpan<HeaderLegend> legends)
    {
        var free = header.Width - titleWidth - 12f;
        var used = 0f;
        for (var i = 0; i < legends.Length; i++)
        {
            var l = legends[i];
            used += LegendWidthOf(list, l.Lo, l.Hi, l.Name) + (i > 0 ? LegendGap : 0f);
            if (used >= free)
            {
                return i;
            }
        }

        return legends.Length;
    }

    /// <summary>The width <see cref="Legend"/> takes for these labels.</summary>
    internal static float LegendWidthOf(DrawList list, string lo, string hi, string name) =>
        list.MeasureText(hi, TextStyle.Small).X + 4f + RampWidth + 4f + list.MeasureText(lo, TextStyle.Small).X + 5f + list.MeasureText(name, TextStyle.Small).X;

    /// <summary>Draws "name lo [ramp] hi" ending at <paramref name="right"/>; returns its left edge.</summary>
    internal static float Legend(DrawList list, float right, float y, ColorMap map, string lo, string hi, string name)
    {
        const float rampWidth = RampWidth;
        var hiBox = list.Text(hi, right, y, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle);
        var rampRight = hiBox.X - 4f;
        const int pieces = 24;
        for (var i = 0; i < pieces; i++)
        {
            var t = map.Min + ((map.Max - map.Min) * (i + 0.5f) / pieces);
            list.FillRect(new RectF(rampRight - rampWidth + (i * rampWidth / pieces), y - 4f, (rampWidth / pieces) + 0.5f, 8f), map.Map(t));
        }

        var loBox = list.Text(lo, rampRight - rampWidth - 4f, y, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle);
        var nameBox = list.Text(name, loBox.X - 5f, y, TextStyle.Small, Theme.Title, HAlign.Right, VAlign.Middle);
        return nameBox.X;
    }

    private static void DrawConnections(DrawList list, NetworkLayout layout)
    {
        var labelled = new List<WeightLink>();
        var labelledStep = layout.FirstStep + Math.Min(1, layout.StepCount - 1); // the first step with a step before it
        foreach (var c in NetworkConnections.Of(layout))
        {
            WeightLine(list, c.From, c.To, c.Weight, c.MaxAbs);
            if (layout.WeightLabels && ((c.Recurrent && c.Step == labelledStep) || (c.Output && c.Step == layout.FirstStep + layout.StepCount - 1)))
            {
                labelled.Add(c);
            }
        }

        // Each recurrent line of one step, and each output line of the last, carries its value, each at its own place along
        // its line so neighbours do not meet: the first free one of a few places, starting from one spread by the weight's index.
        var placed = new List<RectF>(labelled.Count);
        for (var i = 0; i < labelled.Count; i++)
        {
            var c = labelled[i];
            var h = layout.Network.HiddenSizes[c.Layer];
            var rows = c.Output ? layout.Network.OutputSize : h;
            var spread = 0.2f + (0.6f * ((c.Row * h) + c.Column) / Math.Max(1f, (rows * h) - 1f));
            var text = NumberFormat.Fixed(c.Weight, 2);
            var size = list.MeasureText(text, TextStyle.Small);
            var box = LabelBox(c, spread, size);
            foreach (var along in LabelPlaces)
            {
                var candidate = LabelBox(c, along < 0f ? spread : along, size);
                if (!placed.Exists(candidate.Intersects))
                {
                    box = candidate;
                    break;
                }
            }

            placed.Add(box);
            list.FillRect(box, Theme.Panel.WithAlpha(0.85f));
            list.Text(text, box.Center.X, box.Center.Y, TextStyle.Small, c.Weight > 0f ? Theme.PositiveWeight : Theme.NegativeWeight, HAlign.Center, VAlign.Middle);
        }
    }

    /// <summary>Where along its line a weight's label may go (−1: the place spread by its index), tried in order.</summary>
    private static readonly float[] LabelPlaces = [-1f, 0.5f, 0.3f, 0.7f, 0.15f, 0.85f, 0.4f, 0.6f];

    private static RectF LabelBox(WeightLink c, float along, Vector2 size)
    {
        var at = Vector2.Lerp(c.From, c.To, along);
        return new RectF(at.X - (size.X / 2f) - 2f, at.Y - (size.Y / 2f), size.X + 4f, size.Y);
    }

    private static void WeightLine(DrawList list, Vector2 from, Vector2 to, float weight, float maxAbs)
    {
        var strength = maxAbs > 0f ? Math.Clamp(MathF.Abs(weight) / maxAbs, 0f, 1f) : 0f;
        var color = (weight > 0f ? Theme.PositiveWeight : Theme.NegativeWeight).WithAlpha(0.2f + (0.55f * strength));
        list.Line(from, to, color, 0.5f + (2f * strength));
    }

    private static void DrawBand(DrawList list, NetworkLayout layout, NetworkBand band, ColorMap colors)
    {
        var n = layout.Network;
        var height = band.Height;
        var labelX = layout.Area.X;
        // The labels are centred on the row, which the layout sets in a slot tall enough for them.
        var top = MathF.Round(band.Top + (height / 2f) - (layout.LabelBlockHeight(band.Kind) / 2f));
        list.Text(band.Label, labelX, top, TextStyle.Body.Bolded, band.Kind == NetworkBandKind.Hidden ? Theme.Text : Theme.Title, HAlign.Left, VAlign.Top);
        var detail = band.Shown == band.Total ? (band.Total == 1 ? "1 unit" : $"{band.Total} units") : $"{band.Shown} of {band.Total}";
        if (band.Kind == NetworkBandKind.Input && layout.InputScale > 1f && !layout.InputsNamed)
        {
            detail += $" ±{NumberFormat.Compact(layout.InputScale)}";
        }

        if (layout.LabelLevel == 2)
        {
            list.Text(detail, labelX, top + 17f, TextStyle.Small, Theme.TextDim);
        }
        else
        {
            list.RecordCut($"network left out the units line '{detail}' of '{band.Label}'");
        }

        if (band.Kind == NetworkBandKind.Hidden && layout.ShowGates && n.GateOrder.Count > 0)
        {
            // Each cell is the unit's h, then a thin strip per gate in this order.
            var gates = $"h | {string.Join(' ', n.GateOrder.Select(g => g.Letter()))}";
            if (layout.LabelLevel >= 1)
            {
                list.Text(gates, labelX, top + (layout.LabelLevel == 2 ? 31f : 17f), TextStyle.Small, Theme.Title);
            }
            else
            {
                list.RecordCut($"network left out the gate order '{gates}' of '{band.Label}'");
            }
        }

        for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
        {
            for (var u = 0; u < band.Shown; u++)
            {
                var cell = layout.Cell(band, t, u);
                var value = band.Kind switch
                {
                    NetworkBandKind.Input => n.Inputs[(t * n.InputSize) + u] / layout.InputScale,
                    NetworkBandKind.Output => n.Outputs[(t * n.OutputSize) + u] / layout.OutputScale,
                    _ => n.Hidden[band.Layer][(t * n.HiddenSizes[band.Layer]) + u] / layout.HiddenScales[band.Layer],
                };
                list.FillRect(cell, colors.Map(value));
                if (band.Kind == NetworkBandKind.Hidden && layout.ShowGates)
                {
                    DrawGates(list, layout, band.Layer, t, u, colors);
                }
            }
        }
    }

    private static void DrawGates(DrawList list, NetworkLayout layout, int layer, int step, int unit, ColorMap colors)
    {
        var n = layout.Network;
        var h = n.HiddenSizes[layer];
        var g = n.GateOrder.Count;
        var gates = n.Gates[layer];
        for (var gi = 0; gi < g; gi++)
        {
            var value = gates[(step * g * h) + (gi * h) + unit];
            list.FillRect(layout.GateCell(step, layer, gi, unit), GateColor(n.GateOrder[gi], value, colors));
        }
    }

    /// <summary>
    /// "t=…" under each column shown, skipping labels that would run together; under a compressed
    /// strip, its ends and the steps the network shows.
    /// </summary>
    private static void DrawStepLabels(DrawList list, NetworkLayout layout, GradientStrip strip)
    {
        if (!strip.Aligned)
        {
            var steps = layout.Network.Steps;
            var first = strip.Slot(0);
            var last = strip.Slot(steps - 1);
            var left = list.Text("t=0", first.X, layout.StepLabelY, TextStyle.Small, Theme.TextDim).Right;
            var end = list.Text($"t={steps - 1}", last.Right, layout.StepLabelY, TextStyle.Small, Theme.TextDim, HAlign.Right).X;
            var shown = $"▲ t={layout.FirstStep}–{layout.FirstStep + layout.StepCount - 1} above";
            var a = strip.Slot(layout.FirstStep);
            var width = list.MeasureText(shown, TextStyle.Small).X;
            var x = MathF.Min(MathF.Max(a.X, left + 8f), end - 8f - width);
            if (x >= left + 8f)
            {
                list.Text(shown, x, layout.StepLabelY, TextStyle.Small, Theme.Accent);
            }

            return;
        }

        var right = float.NegativeInfinity;
        for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
        {
            var label = $"t={t}";
            var x = layout.GradientSlot(t).Center.X;
            var width = list.MeasureText(label, TextStyle.Small).X;
            if (x - (width / 2f) < right + 6f)
            {
                continue;
            }

            list.Text(label, x, layout.StepLabelY, TextStyle.Small, Theme.TextDim, HAlign.Center);
            right = x + (width / 2f);
        }
    }
}
