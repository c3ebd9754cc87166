using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

public class WeatherStreamViewTests : OffscreenTestBase
{
    private static readonly RectF Area = new(10, 10, FrameWidth - 20, FrameHeight - 20);

    private WeatherStreamLayout _layout = null!;

    private RgbaImage Draw(WeatherStreamSnapshot weather, ViewSettings? settings = null) =>
        Render(list => _layout = new WeatherStreamView().Draw(list, Area, weather, settings));

    /// <summary>Pixels within <paramref name="radius"/> of (x, y) close to <paramref name="color"/>.</summary>
    private static int Near(RgbaImage image, float x, float y, Rgba color, int radius = 2) =>
        image.Count(new RectF(x - radius, y - radius, (2 * radius) + 1, (2 * radius) + 1), c => Pixels.Near(c, color, 40));

    [Test]
    public void TheObservedSeriesIsDrawnWhereItsValuesAre()
    {
        var weather = SyntheticSnapshots.Weather();
        var image = Draw(weather);
        var chart = _layout.SeriesCharts["temperature"];
        var color = WeatherStreamView.SeriesColor(0);
        var misses = new List<int>();
        for (var i = 2; i < SyntheticSnapshots.Hours - 2; i += 5)
        {
            var x = chart.XOf(i);
            if (Near(image, x, chart.YOf(SyntheticSnapshots.Temperature(i)), color) == 0)
            {
                misses.Add(i);
            }
        }

        Assert.That(misses, Is.Empty, "no line pixels at these samples");

        // And not where the curve is not: mirror each sample about the chart's middle.
        var mid = (chart.YMin + chart.YMax) / 2f;
        var stray = 0;
        for (var i = 2; i < SyntheticSnapshots.Hours - 2; i += 5)
        {
            var value = SyntheticSnapshots.Temperature(i);
            if (MathF.Abs(value - mid) > 2.5f)
            {
                stray += Near(image, chart.XOf(i), chart.YOf((2 * mid) - value), color, 1);
            }
        }

        Assert.That(stray, Is.Zero);
    }

    /// <summary>
    /// In a panel too low for a title above each chart (the presenter's scale), the titles and values
    /// sit beside the charts, which keep the row's whole height, and nothing meets anything; in a
    /// tall one the titles stay above.
    /// </summary>
    [TestCase(120f, true)]
    [TestCase(400f, false)]
    public void SeriesTitlesGoBesideTheirChartsWhereAboveWouldFlattenThem(float height, bool inline)
    {
        var weather = SyntheticSnapshots.Weather();
        var list = new DrawList(Atlas);
        var area = new RectF(10, 10, 900, height);
        var layout = new WeatherStreamView().Draw(list, area, weather);
        Assert.That(layout.InlineTitles, Is.EqualTo(inline));
        foreach (var series in weather.Observed)
        {
            var plot = layout.SeriesCharts[series.Name].Plot;
            Assert.That(plot.Height, Is.GreaterThanOrEqualTo(WeatherStreamLayout.MinStackedPlot), $"{series.Name}: a chart, not a line");
            var title = list.TextBoxes.Single(b => b.Text.StartsWith(series.Name, StringComparison.Ordinal) && b.Text.Contains('(', StringComparison.Ordinal)).Box;
            Assert.That(title.Intersects(plot), Is.False, $"{series.Name}: its title {title} meets its chart {plot}");
            if (inline)
            {
                Assert.That(title.Right, Is.LessThanOrEqualTo(plot.X), $"{series.Name}: the title left of the chart");
                Assert.That(plot.Center.Y, Is.EqualTo(title.Center.Y).Within(1f), $"{series.Name}: on the chart's line");
            }
            else
            {
                Assert.That(title.Bottom, Is.LessThanOrEqualTo(plot.Y), $"{series.Name}: the title above the chart");
            }
        }

        Assert.That(list.Cuts, Is.Empty, string.Join("; ", list.Cuts));
    }

    [Test]
    public void PredictionModelAndTruthLinesAreBothDrawn()
    {
        var weather = SyntheticSnapshots.Weather();
        var image = Draw(weather);
        PngFile.Write(Path.Combine(PictureDirectory, "weather.png"), image);
        var track = weather.Predictions[0];
        var chart = _layout.PredictionCharts[track.Name];
        int Hits(float[] values, Rgba color) => Enumerable.Range(3, values.Length - 6)
            .Count(i => float.IsFinite(values[i]) && Near(image, chart.XOf(i), chart.YOf(values[i]), color) > 0);
        Assert.That(Hits(track.Predicted, Theme.Model), Is.GreaterThan(80));
        Assert.That(Hits(track.Actual, Theme.Truth), Is.GreaterThan(45), "the model's line is drawn on top and hides the truth in places");
    }

    [Test]
    public void RainShowsWhereItHappened()
    {
        var weather = SyntheticSnapshots.Weather();
        var image = Draw(weather);
        var chart = _layout.PredictionCharts["rain in the next 3 h"];
        var y = chart.Plot.Y + 3;
        var wet = image[(int)chart.XOf(35), (int)y];
        var dry = image[(int)chart.XOf(55), (int)y];
        Assert.That(wet.B, Is.GreaterThan(dry.B + 15), $"rain hour {wet}, dry hour {dry}");
        Assert.That(chart.YMin, Is.Zero);
        Assert.That(chart.YMax, Is.EqualTo(1));
    }

    [Test]
    public void SeriesSettingSelectsWhatIsShown()
    {
        Draw(SyntheticSnapshots.Weather(), new ViewSettings(Series: ["pressure", "rain in the next 3 h"]));
        Assert.That(_layout.SeriesCharts.Keys, Is.EquivalentTo(new[] { "pressure" }));
        Assert.That(_layout.PredictionCharts.Keys, Is.EquivalentTo(new[] { "rain in the next 3 h" }));
        Assert.That(_layout.SeriesCharts["pressure"].Plot.Height, Is.GreaterThan(300));
    }

    [Test]
    public void ScoresCompareInTheRightDirection()
    {
        Assert.That(WeatherStreamView.HigherIsBetter("MAE"), Is.False);
        Assert.That(WeatherStreamView.HigherIsBetter("Brier"), Is.False);
        Assert.That(WeatherStreamView.HigherIsBetter("accuracy"), Is.True);
        Assert.That(WeatherStreamView.HigherIsBetter("ROC AUC"), Is.True);
    }
}
