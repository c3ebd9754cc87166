using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class WeatherHistoryTests
{
    [Test]
    public void DaysFollowTheRulesAndTheCalendar()
    {
        var series = WeatherHistory.Simulate(WeatherClimate.Default, 4, 800, WeatherLabelSet.SunCloudRainStorm, warmUpDays: 3);
        Assert.That(series.Length, Is.EqualTo(800));
        Assert.That(series.ColumnNames, Is.EqualTo(WeatherHistory.ColumnNames));
        Assert.That(series.LabelEncoding!.ClassNames, Is.EqualTo(new[] { "sun", "cloud", "rain", "storm" }));
        Assert.That(series.YearLength, Is.EqualTo(365));
        Assert.That(series.DayOfYear(0), Is.EqualTo(3));
        Assert.That(series.DayOfYear(362), Is.EqualTo(0));
        var rain = series.Column("precipitation");
        var humidity = series.Column("humidity");
        for (int d = 0; d < series.Length; d++)
        {
            int expected = rain[d] >= 1 ? (series.Labels[d] == 3 ? 3 : 2) : humidity[d] >= 80 ? 1 : 0;
            Assert.That(series.Labels[d], Is.EqualTo(expected), $"day {d}");
        }
        Assert.That(Enumerable.Range(0, 4).All(c => series.Labels.ToArray().Contains(c)), "every kind of day occurs");
        Assert.That(series.Column("temp_min").ToArray().Zip(series.Column("temp_max").ToArray()).All(p => p.First <= p.Second));
    }

    [Test]
    public void SameSeedSameHistory()
    {
        var a = WeatherHistory.Simulate(WeatherClimate.Default, 8, 100);
        var b = WeatherHistory.Simulate(WeatherClimate.Default, 8, 100);
        Assert.That(b.Column("pressure").ToArray(), Is.EqualTo(a.Column("pressure").ToArray()));
        Assert.That(b.Labels.ToArray(), Is.EqualTo(a.Labels.ToArray()));
        Assert.That(WeatherHistory.Simulate(WeatherClimate.Default, 9, 100).Column("pressure").ToArray(), Is.Not.EqualTo(a.Column("pressure").ToArray()));
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeatherHistory.Simulate(WeatherClimate.Default, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeatherHistory.Simulate(WeatherClimate.Default, 1, 10, (WeatherLabelSet)7));
    }
}
