using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Geometry of <see cref="AttentionView"/>: a caption line, the heatmap (one row per output token,
/// one column per source token) with the source tokens above it and the output and target tokens
/// to its left, and on the right a column with the sample's source, output and target texts.
/// Cells are square when there is room, at most <see cref="MaxCell"/> pixels.
/// </summary>
public sealed class AttentionLayout
{
    /// <summary>Largest cell side, so a short sample does not fill the panel with a few huge squares.</summary>
    public const float MaxCell = 30f;

    /// <summary>Smallest cell side drawn; below it the heatmap is reported cut.</summary>
    public const float MinCell = 3f;

    private const float Gap = 16f;

    private AttentionLayout(AttentionSnapshot attention, RectF area, float lineHeight, float labelWidth)
    {
        Area = area;
        LineHeight = lineHeight;
        var textWidth = area.Width >= 520f ? MathF.Round(Math.Clamp(area.Width * 0.34f, 200f, 380f)) : 0f;
        Texts = textWidth > 0f ? RectF.FromEdges(area.Right - textWidth, area.Y, area.Right, area.Bottom) : default;
        var left = RectF.FromEdges(area.X, area.Y, textWidth > 0f ? Texts.X - Gap : area.Right, area.Bottom);
        Caption = left.TakeTop(lineHeight);
        var grid = left.SkipTop(lineHeight + 6f);
        LabelWidth = labelWidth;
        var header = lineHeight + 4f;
        int rows = Math.Max(1, attention.Rows), columns = Math.Max(1, attention.Columns);
        var cellWidth = MathF.Floor(MathF.Min(MaxCell, (grid.Width - labelWidth - 8f) / columns));
        var cellHeight = MathF.Floor(MathF.Min(MaxCell, (grid.Height - header) / rows));
        var side = MathF.Min(cellWidth, cellHeight);
        // Square cells read as a matrix; only a very long source (or target) stretches them.
        CellWidth = cellWidth > 1.6f * side ? side : cellWidth;
        CellHeight = cellHeight > 1.6f * side ? side : cellHeight;
        Fits = CellWidth >= MinCell && CellHeight >= MinCell;
        (Rows, Columns) = attention.HasAttention ? (attention.Rows, attention.Columns) : (0, 0);
        Heatmap = new RectF(grid.X + labelWidth + 8f, grid.Y + header, CellWidth * columns, CellHeight * rows).Snapped();
    }

    public RectF Area { get; }

    /// <summary>The line above the heatmap (what it shows, the step, the sharpness).</summary>
    public RectF Caption { get; }

    /// <summary>The cells, rows top to bottom, columns left to right.</summary>
    public RectF Heatmap { get; }

    /// <summary>The right column with the texts (empty in a narrow panel).</summary>
    public RectF Texts { get; }

    /// <summary>Width of the output- and target-token labels left of the heatmap.</summary>
    public float LabelWidth { get; }

    public float CellWidth { get; }

    /// <summary>Rows and columns of the heatmap (0 without attention).</summary>
    public int Rows { get; }

    /// <inheritdoc cref="Rows"/>
    public int Columns { get; }

    public float CellHeight { get; }

    public float LineHeight { get; }

    /// <summary>Whether every cell got at least <see cref="MinCell"/> pixels each way.</summary>
    public bool Fits { get; }

    /// <summary>The cell of output token <paramref name="row"/> and source token <paramref name="column"/>.</summary>
    public RectF Cell(int row, int column) =>
        new(Heatmap.X + (column * CellWidth), Heatmap.Y + (row * CellHeight), CellWidth, CellHeight);

    /// <summary>The heatmap entry under <paramref name="p"/> (<see cref="InspectedKind.AttentionWeight"/>), or null.</summary>
    public Inspected? At(Vector2 p)
    {
        if (!Fits || Rows == 0 || Columns == 0 || !Heatmap.Contains(p.X, p.Y))
        {
            return null;
        }

        var row = Math.Min(Rows - 1, (int)((p.Y - Heatmap.Y) / CellHeight));
        var column = Math.Min(Columns - 1, (int)((p.X - Heatmap.X) / CellWidth));
        return new Inspected(InspectedKind.AttentionWeight, Step: row, Index: column);
    }

    /// <param name="labelWidth">Width of the widest output-token and target-token labels together, gap included.</param>
    public static AttentionLayout Compute(AttentionSnapshot attention, RectF area, float lineHeight, float labelWidth)
    {
        ArgumentNullException.ThrowIfNull(attention);
        return new AttentionLayout(attention, area, lineHeight, labelWidth);
    }
}
