using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Geometry of <see cref="TrainingPanelView"/>: the loss chart (training and validation), the
/// gradient-norm and learning-rate charts, the statistics block, and the confusion matrix when the
/// task classifies.
/// </summary>
public sealed class TrainingPanelLayout
{
    private const float TitleHeight = 16f;

    /// <summary>Height of one line of the stats list.</summary>
    public const float StatLineHeight = 15f;

    /// <summary>The least room left of the confusion matrix for its row labels (the class names).</summary>
    public const float MinRowLabelWidth = 40f;

    /// <summary>Height of a line of the confusion matrix's column labels.</summary>
    public const float ColumnLabelLineHeight = 14f;

    private TrainingPanelLayout(TrainingSnapshot training, RectF area, float rowLabelWidth, float columnLabelWidth)
    {
        Training = training;
        Area = area;
        var classes = training.ClassNames.Count;
        HasConfusion = classes > 0 && training.Confusion.Length == classes * classes;
        var charts = area;
        if (HasConfusion)
        {
            // The matrix leaves room below it for every metric line.
            var statsHeight = (training.Metrics.Count * StatLineHeight) + 4f;
            var side = MathF.Max(48f, MathF.Min(area.Width * 0.42f, area.Height - TitleHeight - 48f - statsHeight));
            var columnWidth = MathF.Max(side, MathF.Min(area.Width * 0.42f, 180f));
            charts = area.Inset(0f, 0f, columnWidth + 16f, 0f);
            var column = RectF.FromEdges(charts.Right + 16f, area.Y, area.Right, area.Bottom);
            ConfusionArea = column.TakeTop(side + TitleHeight + 40f);
            Stats = column.SkipTop(ConfusionArea.Height + 8f);
        }

        var lossRow = charts.TakeTop(MathF.Round(charts.Height * (HasConfusion ? 0.52f : 0.5f)));
        var rest = charts.SkipTop(lossRow.Height + 8f);
        var smallRow = HasConfusion ? rest : rest.TakeTop(MathF.Round(rest.Height * 0.62f));
        if (!HasConfusion)
        {
            Stats = rest.SkipTop(smallRow.Height + 8f);
        }

        var (lossMin, lossMax) = ChartGeometry.RangeOf([training.LossHistory, training.ValidationHistory], LossIsLog(training));
        LossChart = new ChartGeometry(lossRow.SkipTop(TitleHeight).Snapped(), Math.Max(2, training.LossHistory.Length), lossMin, lossMax, LossIsLog(training));

        var gradientRect = smallRow.Column(0, 2, 12f).SkipTop(TitleHeight).Snapped();
        var gradientSeries = float.IsFinite(training.ClipThreshold)
            ? new[] { training.GradientNormHistory, [training.ClipThreshold] }
            : new[] { training.GradientNormHistory };
        var (gMin, gMax) = ChartGeometry.RangeOf(gradientSeries, logY: true);
        GradientChart = new ChartGeometry(gradientRect, Math.Max(2, training.GradientNormHistory.Length), gMin, gMax, LogY: true);

        var lrRect = smallRow.Column(1, 2, 12f).SkipTop(TitleHeight).Snapped();
        var (lrMin, lrMax) = ChartGeometry.RangeOf([training.LearningRateHistory], logY: false);
        LearningRateChart = new ChartGeometry(lrRect, Math.Max(2, training.LearningRateHistory.Length), MathF.Max(0f, lrMin), lrMax);

        if (HasConfusion)
        {
            // Row labels as wide as the widest class name, up to half the column; column labels that are
            // wider than a cell take turns on two lines, each then having two cells' width.
            RowLabelWidth = MathF.Round(Math.Clamp(rowLabelWidth, MinRowLabelWidth, MathF.Max(MinRowLabelWidth, ConfusionArea.Width / 2f)));
            var grid = ConfusionArea.SkipTop(TitleHeight + 4f).Inset(RowLabelWidth, 0f, 0f, 0f);
            var oneLineCell = MathF.Floor(MathF.Min(grid.Width, grid.Height - 36f) / classes);
            ColumnLabelLines = classes > 1 && columnLabelWidth > oneLineCell - 2f ? 2 : 1;
            var labelsHeight = ColumnLabelLineHeight * (ColumnLabelLines - 1);
            ConfusionCellSize = MathF.Floor(MathF.Min(grid.Width, grid.Height - 36f - labelsHeight) / classes);
            ConfusionOrigin = new System.Numerics.Vector2(MathF.Round(grid.X), MathF.Round(grid.Y + 16f + labelsHeight));
        }
    }

    public TrainingSnapshot Training { get; }

    public RectF Area { get; }

    public ChartGeometry LossChart { get; }

    public ChartGeometry GradientChart { get; }

    public ChartGeometry LearningRateChart { get; }

    /// <summary>Where the rate and metrics lines go.</summary>
    public RectF Stats { get; }

    public bool HasConfusion { get; }

    public RectF ConfusionArea { get; }

    public float ConfusionCellSize { get; }

    /// <summary>Lines the confusion matrix's column labels take (2 when the class names are wider than a cell).</summary>
    public int ColumnLabelLines { get; } = 1;

    /// <summary>Room left of the matrix for the row labels (0 without a matrix).</summary>
    public float RowLabelWidth { get; }

    private System.Numerics.Vector2 ConfusionOrigin { get; }

    /// <param name="rowLabelWidth">The width the confusion matrix's row labels need (the widest class name and a gap).</param>
    /// <param name="columnLabelWidth">The width of the widest class name over a column.</param>
    public static TrainingPanelLayout Compute(TrainingSnapshot training, RectF area, float rowLabelWidth = MinRowLabelWidth, float columnLabelWidth = 0f)
    {
        ArgumentNullException.ThrowIfNull(training);
        return new TrainingPanelLayout(training, area, rowLabelWidth, columnLabelWidth);
    }

    /// <summary>Loss is drawn on a log scale when every value is positive and they span more than a factor of 10.</summary>
    public static bool LossIsLog(TrainingSnapshot training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var min = float.PositiveInfinity;
        var max = 0f;
        foreach (var v in training.LossHistory.Concat(training.ValidationHistory))
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            if (v <= 0f)
            {
                return false;
            }

            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        return float.IsFinite(min) && max / min > 10f;
    }

    /// <summary>The cell of the confusion matrix for (actual row, predicted column).</summary>
    public RectF ConfusionCell(int actual, int predicted)
    {
        if (!HasConfusion)
        {
            throw new InvalidOperationException("the snapshot has no confusion matrix");
        }

        var n = Training.ClassNames.Count;
        if ((uint)actual >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), actual, $"must be in 0..{n - 1}");
        }

        if ((uint)predicted >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"must be in 0..{n - 1}");
        }

        var inner = ConfusionCellSize >= 8f ? ConfusionCellSize - 1f : ConfusionCellSize;
        return new RectF(ConfusionOrigin.X + (predicted * ConfusionCellSize), ConfusionOrigin.Y + (actual * ConfusionCellSize), inner, inner);
    }
}
