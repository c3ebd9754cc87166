using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Geometry of <see cref="WeatherStreamView"/>: one strip chart per observed series (left) and per
/// prediction track (right), each with its sample-to-pixel mapping, so that callers (and tests) can
/// find where a value of a series is drawn.
/// </summary>
public sealed class WeatherStreamLayout
{
    private const float ChartTitleHeight = 16f;
    private const float FooterHeight = 18f;

    /// <summary>A series chart under its title lower than this (logical px) would be a line, not a chart: the title goes beside it instead.</summary>
    internal const float MinStackedPlot = 12f;

    /// <summary>Space between a series chart and its title or value when they sit beside it.</summary>
    internal const float InlineGap = 8f;

    private WeatherStreamLayout(WeatherStreamSnapshot weather, RectF area, ViewSettings? settings, float titleColumn, float valueColumn)
    {
        Weather = weather;
        Area = area;
        var wanted = settings?.Series;
        Observed = [.. weather.Observed.Where(s => wanted is null || wanted.Contains(s.Name))];
        Predictions = [.. weather.Predictions.Where(p => wanted is null || wanted.Contains(p.Name))];
        var count = Math.Max(1, new[] { weather.Hours.Length }
            .Concat(Observed.Select(s => s.Values.Length))
            .Max());
        Count = count;

        var body = area.SkipBottom(FooterHeight);
        Footer = area.TakeBottom(FooterHeight);
        RectF left = body, right = body;
        if (Observed.Count > 0 && Predictions.Count > 0)
        {
            left = body.Column(0, 2, 16f) with { Width = MathF.Round((body.Width - 16f) * 0.5f) };
            right = RectF.FromEdges(left.Right + 16f, body.Y, body.Right, body.Bottom);
        }

        // Each series' title and latest value sit above its chart; where that leaves the chart too
        // low to read (many series, a short panel, a large presentation scale), they sit beside it,
        // in columns of their own, and the chart takes the row's whole height.
        var series = new Dictionary<string, ChartGeometry>();
        var rowHeight = Observed.Count > 0 ? left.Row(0, Observed.Count, 6f).Height : 0f;
        InlineTitles = Observed.Count > 0 && titleColumn > 0f && rowHeight - ChartTitleHeight < MinStackedPlot
            && titleColumn + valueColumn + (2f * InlineGap) + 60f <= left.Width;
        for (var i = 0; i < Observed.Count; i++)
        {
            var row = left.Row(i, Observed.Count, 6f).Snapped();
            var plot = InlineTitles
                ? RectF.FromEdges(row.X + titleColumn + InlineGap, row.Y, row.Right - valueColumn - InlineGap, row.Bottom)
                : row.SkipTop(ChartTitleHeight);
            var (min, max) = PhysicalRange(ChartGeometry.RangeOf([Observed[i].Values], logY: false), Observed[i].Unit);
            series[Observed[i].Name] = new ChartGeometry(plot, count, min, max);
        }

        var predictions = new Dictionary<string, ChartGeometry>();
        for (var i = 0; i < Predictions.Count; i++)
        {
            var p = Predictions[i];
            var row = right.Row(i, Predictions.Count, 6f).Snapped();
            var plot = row.SkipTop(ChartTitleHeight).SkipBottom(ChartTitleHeight);
            var (min, max) = p.IsProbability
                ? (0f, 1f)
                : ChartGeometry.RangeOf([p.Predicted, p.Actual, p.Persistence], logY: false);
            // A track has its own time axis (e.g. one point per day beside hourly observations).
            var points = Math.Max(2, Math.Max(p.Predicted.Length, Math.Max(p.Actual.Length, p.Persistence.Length)));
            predictions[p.Name] = new ChartGeometry(plot, points, min, max);
        }

        SeriesCharts = series;

        PredictionCharts = predictions;
    }

    public WeatherStreamSnapshot Weather { get; }

    /// <summary>Whether each series' title and value sit beside its chart (left and right of it) rather than above it.</summary>
    public bool InlineTitles { get; }

    public RectF Area { get; }

    /// <summary>The line under the charts with the time span and ticks scored.</summary>
    public RectF Footer { get; }

    /// <summary>Samples across an observed series chart's width (the longest series; shorter ones end at the right edge). Each prediction track spans its own chart.</summary>
    public int Count { get; }

    public IReadOnlyList<SeriesSnapshot> Observed { get; }

    public IReadOnlyList<PredictionTrack> Predictions { get; }

    /// <summary>Per observed series name, its chart.</summary>
    public IReadOnlyDictionary<string, ChartGeometry> SeriesCharts { get; }

    /// <summary>Per prediction track name, its chart.</summary>
    public IReadOnlyDictionary<string, ChartGeometry> PredictionCharts { get; }

    /// <param name="titleColumn">The width the series' titles need beside their charts (0: titles only above).</param>
    /// <param name="valueColumn">The width their latest values need.</param>
    public static WeatherStreamLayout Compute(WeatherStreamSnapshot weather, RectF area, ViewSettings? settings = null, float titleColumn = 0f, float valueColumn = 0f)
    {
        ArgumentNullException.ThrowIfNull(weather);
        return new WeatherStreamLayout(weather, area, settings, titleColumn, valueColumn);
    }

    /// <summary>A padded range kept within what the unit allows (humidity 0–100 %, no negative wind or rain).</summary>
    internal static (float Min, float Max) PhysicalRange((float Min, float Max) range, string unit)
    {
        var (min, max) = range;
        if (unit is "%" or "m/s" or "mm/h" or "mm" or "hPa" or "K")
        {
            min = MathF.Max(0f, min);
        }

        if (unit == "%")
        {
            max = MathF.Min(100f, max);
        }

        return max > min ? (min, max) : range;
    }
}
