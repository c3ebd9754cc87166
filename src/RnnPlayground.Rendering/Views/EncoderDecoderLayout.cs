using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Geometry of <see cref="EncoderDecoderView"/>, top to bottom: a header line; the encoder band (a
/// column per source token, a strip per direction, a cell per unit); the source tokens; the
/// attention band (a line from each decoder column to each encoder column); the output tokens; the
/// decoder band (s_0's column, then a column per output step); the target tokens. A label column at
/// the left names each row. Where the units do not fit at <see cref="MinCell"/> pixels a band shows
/// the first ones (<see cref="EncoderUnitsShown"/>, <see cref="DecoderUnitsShown"/>); where the steps
/// do not fit, the first ones (<see cref="SourceStepsShown"/>, <see cref="OutputStepsShown"/>).
/// </summary>
public sealed class EncoderDecoderLayout
{
    /// <summary>Smallest and largest cell height.</summary>
    public const float MinCell = 3f;

    /// <inheritdoc cref="MinCell"/>
    public const float MaxCell = 9f;

    /// <summary>Narrowest strip (one direction of one step) drawn.</summary>
    public const float MinStrip = 3f;

    /// <summary>Widest column pitch, so a short sample does not spread into a few far-apart columns.</summary>
    public const float MaxPitch = 46f;

    private const float ColumnGap = 4f;
    private const float StripGap = 2f;
    private const float Gap = 4f;

    private EncoderDecoderLayout(AttentionSnapshot a, RectF area, float headerHeight, float tokenHeight, float labelWidth)
    {
        Attention = a;
        Area = area;
        Header = area.TakeTop(headerHeight);
        LabelWidth = labelWidth;
        TokenHeight = tokenHeight;
        var grid = RectF.FromEdges(area.X + labelWidth + 8f, Header.Bottom + Gap, area.Right - 2f, area.Bottom);
        var bands = MathF.Max(0f, grid.Height - (3f * tokenHeight) - (5f * Gap));
        var lines = MathF.Round(Math.Clamp(bands * 0.26f, 28f, 120f));
        var band = MathF.Floor(MathF.Max(0f, bands - lines) / 2f);

        Encoder = new RectF(grid.X, grid.Y, grid.Width, band);
        SourceTokens = new RectF(grid.X, Encoder.Bottom + Gap, grid.Width, tokenHeight);
        Lines = new RectF(grid.X, SourceTokens.Bottom + Gap, grid.Width, lines);
        OutputTokens = new RectF(grid.X, Lines.Bottom + Gap, grid.Width, tokenHeight);
        Decoder = new RectF(grid.X, OutputTokens.Bottom + Gap, grid.Width, band);
        TargetTokens = new RectF(grid.X, Decoder.Bottom + Gap, grid.Width, tokenHeight);

        // The encoder: as many source steps as fit at the narrowest strip, centred.
        var d = Math.Max(1, a.EncoderDirections);
        var minPitch = (d * MinStrip) + ((d - 1) * StripGap) + ColumnGap;
        SourceStepsShown = Math.Min(a.Columns, (int)MathF.Floor(grid.Width / minPitch));
        EncoderPitch = MathF.Floor(MathF.Min(MaxPitch, grid.Width / Math.Max(1, SourceStepsShown)));
        StripWidth = MathF.Floor((EncoderPitch - ColumnGap - ((d - 1) * StripGap)) / d);
        EncoderLeft = MathF.Round(grid.Center.X - (EncoderPitch * SourceStepsShown / 2f));

        // The decoder: s_0, then as many output steps as fit, centred; strips as wide as the encoder's columns.
        var decoderPitch = MathF.Floor(MathF.Min(MaxPitch, grid.Width / Math.Max(1, a.Rows + 1)));
        OutputStepsShown = decoderPitch >= MinStrip + ColumnGap ? a.Rows : Math.Max(0, (int)MathF.Floor(grid.Width / (MinStrip + ColumnGap)) - 1);
        DecoderPitch = MathF.Max(decoderPitch, MinStrip + ColumnGap);
        DecoderStripWidth = MathF.Min(DecoderPitch - ColumnGap, EncoderPitch - ColumnGap);
        DecoderLeft = MathF.Round(grid.Center.X - (DecoderPitch * (OutputStepsShown + 1) / 2f));

        (EncoderCell, EncoderUnitsShown) = Cells(Encoder.Height, a.EncoderUnits);
        (DecoderCell, DecoderUnitsShown) = Cells(Decoder.Height, a.DecoderUnits);
        Fits = StripWidth >= MinStrip && EncoderUnitsShown > 0 && DecoderUnitsShown > 0 && SourceStepsShown > 0 && OutputStepsShown > 0;
    }

    public AttentionSnapshot Attention { get; }

    public RectF Area { get; }

    /// <summary>The line with what is shown and the legends.</summary>
    public RectF Header { get; }

    /// <summary>Width of the label column at the left.</summary>
    public float LabelWidth { get; }

    /// <summary>Height of a line of tokens.</summary>
    public float TokenHeight { get; }

    public RectF Encoder { get; }

    /// <summary>The source tokens under the encoder's columns.</summary>
    public RectF SourceTokens { get; }

    /// <summary>The band the attention lines cross.</summary>
    public RectF Lines { get; }

    /// <summary>The output tokens above the decoder's columns.</summary>
    public RectF OutputTokens { get; }

    public RectF Decoder { get; }

    /// <summary>The target tokens under the decoder's columns.</summary>
    public RectF TargetTokens { get; }

    /// <summary>Source steps drawn (the first ones; all when they fit).</summary>
    public int SourceStepsShown { get; }

    /// <summary>Output steps drawn (the first ones; all when they fit).</summary>
    public int OutputStepsShown { get; }

    /// <summary>Units per direction drawn in the encoder (the first ones).</summary>
    public int EncoderUnitsShown { get; }

    /// <summary>Decoder units drawn (the first ones).</summary>
    public int DecoderUnitsShown { get; }

    public float EncoderPitch { get; }

    public float DecoderPitch { get; }

    /// <summary>Width of one direction's strip in an encoder column.</summary>
    public float StripWidth { get; }

    public float DecoderStripWidth { get; }

    /// <summary>Height of an encoder cell.</summary>
    public float EncoderCell { get; }

    /// <summary>Height of a decoder cell.</summary>
    public float DecoderCell { get; }

    /// <summary>Whether every band got a step and a unit at the smallest sizes.</summary>
    public bool Fits { get; }

    private float EncoderLeft { get; }

    private float DecoderLeft { get; }

    /// <summary>The whole column of source step <paramref name="column"/> (both directions).</summary>
    public RectF EncoderColumn(int column)
    {
        var width = (Math.Max(1, Attention.EncoderDirections) * (StripWidth + StripGap)) - StripGap;
        return new RectF(EncoderLeft + (column * EncoderPitch) + ((EncoderPitch - width) / 2f), Encoder.Y, width, EncoderCell * EncoderUnitsShown);
    }

    /// <summary>The cell of unit <paramref name="unit"/> of direction <paramref name="direction"/> (0 forward, 1 backward) at source step <paramref name="column"/>.</summary>
    public RectF EncoderStateCell(int column, int direction, int unit)
    {
        var col = EncoderColumn(column);
        return new RectF(col.X + (direction * (StripWidth + StripGap)), Encoder.Y + (unit * EncoderCell), StripWidth, EncoderCell);
    }

    /// <summary>The column of output step <paramref name="row"/> (−1: s_0).</summary>
    public RectF DecoderColumn(int row) =>
        new(DecoderLeft + ((row + 1) * DecoderPitch) + ((DecoderPitch - DecoderStripWidth) / 2f), Decoder.Y, DecoderStripWidth, DecoderCell * DecoderUnitsShown);

    /// <summary>The cell of unit <paramref name="unit"/> of the decoder after output step <paramref name="row"/> (−1: s_0).</summary>
    public RectF DecoderStateCell(int row, int unit)
    {
        var col = DecoderColumn(row);
        return new RectF(col.X, Decoder.Y + (unit * DecoderCell), col.Width, DecoderCell);
    }

    /// <summary>The attention line from output step <paramref name="row"/> to source step <paramref name="column"/>: from the bottom of the band to its top.</summary>
    public (Vector2 From, Vector2 To) Line(int row, int column) =>
        (new Vector2(DecoderColumn(row).Center.X, Lines.Bottom), new Vector2(EncoderColumn(column).Center.X, Lines.Y));

    /// <summary>The encoder or decoder cell under <paramref name="p"/>, or null.</summary>
    public Inspected? At(Vector2 p)
    {
        if (!Fits)
        {
            return null;
        }

        if (Encoder.Contains(p.X, p.Y))
        {
            var unit = (int)MathF.Floor((p.Y - Encoder.Y) / EncoderCell);
            for (var c = 0; c < SourceStepsShown && unit < EncoderUnitsShown; c++)
            {
                for (var k = 0; k < Attention.EncoderDirections; k++)
                {
                    if (EncoderStateCell(c, k, unit).Contains(p.X, p.Y))
                    {
                        return new Inspected(InspectedKind.EncoderState, Step: c, Unit: unit, Index: k);
                    }
                }
            }
        }
        else if (Decoder.Contains(p.X, p.Y))
        {
            var unit = (int)MathF.Floor((p.Y - Decoder.Y) / DecoderCell);
            for (var r = -1; r < OutputStepsShown && unit < DecoderUnitsShown; r++)
            {
                if (DecoderStateCell(r, unit).Contains(p.X, p.Y))
                {
                    return new Inspected(InspectedKind.DecoderState, Step: r, Unit: unit);
                }
            }
        }

        return null;
    }

    /// <param name="headerHeight">Height of the header line.</param>
    /// <param name="tokenHeight">Height of a line of tokens.</param>
    /// <param name="labelWidth">Width of the widest row label.</param>
    public static EncoderDecoderLayout Compute(AttentionSnapshot attention, RectF area, float headerHeight, float tokenHeight, float labelWidth)
    {
        ArgumentNullException.ThrowIfNull(attention);
        if (!attention.HasStates)
        {
            throw new ArgumentException("the encoder–decoder view needs the snapshot's unrolled states");
        }

        return new EncoderDecoderLayout(attention, area, headerHeight, tokenHeight, labelWidth);
    }

    /// <summary>Cell height and units shown for <paramref name="units"/> units in a band <paramref name="height"/> tall.</summary>
    private static (float Cell, int Shown) Cells(float height, int units)
    {
        var cell = Math.Clamp(MathF.Floor(height / Math.Max(1, units)), MinCell, MaxCell);
        return (cell, Math.Min(units, (int)MathF.Floor(height / cell)));
    }
}
