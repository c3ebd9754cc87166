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

    private WeatherStreamLayout(WeatherStreamSnapshot weather, RectF area, ViewSettings? settings)
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

        var series = new Dictionary<string, ChartGeometry>();
        for (var i = 0; i < Observed.Count; i++)
        {
            var row = left.Row(i, Observed.Count, 6f).Snapped();
            var plot = row.SkipTop(ChartTitleHeight);
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

    public static WeatherStreamLayout Compute(WeatherStreamSnapshot weather, RectF area, ViewSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(weather);
        return new WeatherStreamLayout(weather, area, settings);
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
