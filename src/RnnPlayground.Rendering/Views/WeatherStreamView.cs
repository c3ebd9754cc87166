using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The streaming weather world: scrolling strip charts of the observed variables, and for each
/// predicted quantity the model's prediction (orange) against what then happened (white), with the
/// persistence baseline (grey, dashed) and both running scores, the better one in green. Changes
/// made to the world (an injected storm, a new climate) are marked where they took effect.
/// </summary>
public sealed class WeatherStreamView
{
    /// <summary>The colour of the observed series at <paramref name="index"/>.</summary>
    public static Rgba SeriesColor(int index) => Theme.SeriesPalette[index % Theme.SeriesPalette.Length];

    /// <summary>Whether a higher <paramref name="scoreName"/> is better (accuracy, AUC, skill) rather than lower (errors, losses).</summary>
    public static bool HigherIsBetter(string scoreName)
    {
        ArgumentNullException.ThrowIfNull(scoreName);
        var s = scoreName.ToLowerInvariant();
        return s.Contains("acc", StringComparison.Ordinal) || s.Contains("auc", StringComparison.Ordinal)
            || s.Contains("skill", StringComparison.Ordinal) || s.Contains("r2", StringComparison.Ordinal)
            || s.Contains("f1", StringComparison.Ordinal);
    }

    public WeatherStreamLayout Draw(DrawList list, RectF area, WeatherStreamSnapshot weather, ViewSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(weather);
        MeasureTitles(list, weather.Observed);
        var layout = WeatherStreamLayout.Compute(weather, area, settings, _titleColumn, _valueColumn);
        var hours = weather.Hours;
        for (var i = 0; i < layout.Observed.Count; i++)
        {
            var series = layout.Observed[i];
            var chart = layout.SeriesCharts[series.Name];
            var index = IndexOf(weather.Observed, series);
            var color = SeriesColor(index);
            ChartPainter.Frame(list, chart);
            DayLines(list, chart, hours);
            ChartPainter.Series(list, chart, series.Values, color, 1.6f);
            WorldMarkers(list, chart, hours, weather.Markers, label: i == 0);
            var title = _titles[index].Title;
            var value = $"{NumberFormat.Compact(LastFinite(series.Values))} {series.Unit}".TrimEnd();
            if (layout.InlineTitles)
            {
                var y = chart.Plot.Center.Y;
                list.Text(title, area.X, y, InlineTitle, color, HAlign.Left, VAlign.Middle);
                list.Text(value, chart.Plot.Right + WeatherStreamLayout.InlineGap, y, TextStyle.Small, Theme.Text, HAlign.Left, VAlign.Middle);
            }
            else
            {
                list.Text(title, chart.Plot.X, chart.Plot.Y - 2f, TextStyle.Body.Bolded, color, HAlign.Left, VAlign.Bottom);
                list.Text(value, chart.Plot.Right, chart.Plot.Y - 2f, TextStyle.Body, Theme.Text, HAlign.Right, VAlign.Bottom);
            }
        }

        foreach (var track in layout.Predictions)
        {
            DrawPrediction(list, layout.PredictionCharts[track.Name], track);
        }

        var span = hours.Length > 0 ? $"{weather.TickName} {NumberFormat.Compact(hours[0])}–{NumberFormat.Compact(hours[^1])}" : "no data yet";
        list.Text($"{span} · {NumberFormat.Integer(weather.TicksScored)} {weather.StepName}{(weather.TicksScored == 1 ? "" : "s")} scored", layout.Footer.X, layout.Footer.Center.Y, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle);
        if (layout.Observed.Count == 0 && layout.Predictions.Count == 0)
        {
            list.Text("no series to show", area.Center.X, area.Center.Y, TextStyle.Body, Theme.TextDim, HAlign.Center, VAlign.Middle);
        }

        return layout;
    }

    /// <summary>A series' title beside its chart, where the rows are too low for it above.</summary>
    private static readonly TextStyle InlineTitle = TextStyle.Small.Bolded;

    /// <summary>Each observed series' name, unit and title, as last measured.</summary>
    private readonly List<(string Name, string Unit, string Title)> _titles = [];

    /// <summary>The widths of the titles and of the latest values beside the charts, for <see cref="_titles"/> at <see cref="_measuredScale"/>.</summary>
    private float _titleColumn, _valueColumn, _measuredScale;

    /// <summary>Composes and measures the series' titles once for a set of series and a scale, not on every frame.</summary>
    private void MeasureTitles(DrawList list, IReadOnlyList<SeriesSnapshot> observed)
    {
        var same = _titles.Count == observed.Count && _measuredScale == list.Scale;
        for (var i = 0; same && i < observed.Count; i++)
        {
            same = _titles[i].Name == observed[i].Name && _titles[i].Unit == observed[i].Unit;
        }

        if (same)
        {
            return;
        }

        _titles.Clear();
        _measuredScale = list.Scale;
        float titleColumn = 0f, valueColumn = 0f;
        foreach (var s in observed)
        {
            var title = string.IsNullOrEmpty(s.Unit) ? s.Name : $"{s.Name} ({s.Unit})";
            _titles.Add((s.Name, s.Unit, title));
            titleColumn = MathF.Max(titleColumn, list.MeasureText(title, InlineTitle).X);
            valueColumn = MathF.Max(valueColumn, list.MeasureText($"−8888.8 {s.Unit}", TextStyle.Small).X);
        }

        (_titleColumn, _valueColumn) = (MathF.Ceiling(titleColumn), MathF.Ceiling(valueColumn));
    }

    private static int IndexOf(IReadOnlyList<SeriesSnapshot> observed, SeriesSnapshot series)
    {
        for (var i = 0; i < observed.Count; i++)
        {
            if (ReferenceEquals(observed[i], series))
            {
                return i;
            }
        }

        return -1;
    }

    private static void DrawPrediction(DrawList list, ChartGeometry chart, PredictionTrack track)
    {
        ChartPainter.Frame(list, chart);
        if (track.IsProbability)
        {
            // What happened: a translucent bar wherever the event occurred; the forecast as a filled curve.
            var n = track.Actual.Length;
            var barWidth = MathF.Max(1f, chart.Plot.Width / MathF.Max(1, chart.Count - 1));
            for (var i = 0; i < n; i++)
            {
                if (track.Actual[i] >= 0.5f)
                {
                    var x = chart.XOf(i, n);
                    list.FillRect(RectF.FromEdges(MathF.Max(x - (barWidth / 2f), chart.Plot.X), chart.Plot.Y,
                        MathF.Min(x + (barWidth / 2f), chart.Plot.Right), chart.Plot.Bottom), Theme.Accent.WithAlpha(0.22f));
                }
            }

            var m = track.Predicted.Length;
            for (var i = 0; i < m; i++)
            {
                var p = track.Predicted[i];
                if (float.IsFinite(p))
                {
                    var x = chart.XOf(i, m);
                    var y = chart.YOf(p);
                    list.FillRect(RectF.FromEdges(MathF.Max(x - (barWidth / 2f), chart.Plot.X), y,
                        MathF.Min(x + (barWidth / 2f), chart.Plot.Right), chart.Plot.Bottom), Theme.Model.WithAlpha(0.16f));
                }
            }
        }
        else
        {
            ChartPainter.Series(list, chart, track.Actual, Theme.Truth, 1.8f);
        }

        ChartPainter.Series(list, chart, track.Persistence, Theme.Baseline, 1.4f, dashed: true);
        ChartPainter.Series(list, chart, track.Predicted, Theme.Model, 2f);

        // Title and legend above, scores below.
        var titleBox = list.Text(track.Name, chart.Plot.X, chart.Plot.Y - 2f, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Bottom);
        var x0 = chart.Plot.Right;
        var entries = new[]
        {
            ("persistence", Theme.Baseline, true),
            (track.IsProbability ? "happened" : "actual", track.IsProbability ? Theme.Accent : Theme.Truth, false),
            ("model", Theme.Model, false),
        };
        foreach (var (name, color, dashed) in entries)
        {
            if (x0 - LegendEntryWidth(list, name) < titleBox.Right + 12f)
            {
                break;
            }

            x0 = LegendEntry(list, x0, chart.Plot.Y - 8f, name, color, dashed) - 10f;
        }

        var higher = HigherIsBetter(track.ScoreName);
        var modelWins = higher ? track.ModelScore > track.PersistenceScore : track.ModelScore < track.PersistenceScore;
        var scoreY = chart.Plot.Bottom + 3f;
        var box = list.Text($"{track.ScoreName} ({(higher ? "higher" : "lower")} is better)   model ", chart.Plot.X, scoreY, TextStyle.Small, Theme.TextDim);
        box = list.Text(NumberFormat.Compact(track.ModelScore), box.Right, scoreY, TextStyle.Small.Bolded, modelWins ? Theme.Good : Theme.Text);
        box = list.Text("   persistence ", box.Right, scoreY, TextStyle.Small, Theme.TextDim);
        list.Text(NumberFormat.Compact(track.PersistenceScore), box.Right, scoreY, TextStyle.Small.Bolded, modelWins ? Theme.Text : Theme.Good);
    }

    private static float LegendEntryWidth(DrawList list, string name) => list.MeasureText(name, TextStyle.Small).X + 26f;

    /// <summary>A short line sample and a name ending at <paramref name="right"/>; returns the entry's left edge.</summary>
    private static float LegendEntry(DrawList list, float right, float y, string name, Rgba color, bool dashed)
    {
        var text = list.Text(name, right, y, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle);
        var a = new System.Numerics.Vector2(text.X - 22f, y);
        var b = new System.Numerics.Vector2(text.X - 4f, y);
        if (dashed)
        {
            list.DashedPolyline([a, b], color, 1.5f, 5f, 3f);
        }
        else
        {
            list.Line(a, b, color, 2f);
        }

        return a.X;
    }

    /// <summary>Faint vertical lines where a new day starts (hour a multiple of 24).</summary>
    private static void DayLines(DrawList list, ChartGeometry chart, double[] hours)
    {
        for (var i = 1; i < hours.Length; i++)
        {
            if (Math.Floor(hours[i] / 24.0) > Math.Floor(hours[i - 1] / 24.0))
            {
                var x = MathF.Round(chart.XOf(i, hours.Length));
                list.FillRect(new RectF(x, chart.Plot.Y + 1f, 1f, chart.Plot.Height - 2f), Theme.Grid);
            }
        }
    }

    /// <summary>A vertical line where each change to the world took effect (labelled on the first chart).</summary>
    private static void WorldMarkers(DrawList list, ChartGeometry chart, double[] hours, IReadOnlyList<WorldMarker> markers, bool label)
    {
        if (hours.Length < 2)
        {
            return;
        }

        foreach (var marker in markers)
        {
            var index = marker.Hour - hours[0];
            if (index < 0 || marker.Hour > hours[^1])
            {
                continue;
            }

            var x = MathF.Round(chart.XOf((int)index, hours.Length));
            list.FillRect(new RectF(x - 1f, chart.Plot.Y + 1f, 2f, chart.Plot.Height - 2f), Theme.Warning);
            if (label)
            {
                list.Text(list.Ellipsize(marker.Label, TextStyle.Small, MathF.Max(40f, chart.Plot.Right - x - 4f)), x + 3f, chart.Plot.Y + 2f, TextStyle.Small, Theme.Warning);
            }
        }
    }

    private static float LastFinite(float[] values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (float.IsFinite(values[i]))
            {
                return values[i];
            }
        }

        return float.NaN;
    }
}
