using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class DailyWeatherAggregatorTests
{
    private static readonly WeatherClimate FourHourDays = WeatherClimate.Default with { HoursPerDay = 4, DaysPerYear = 10, StartDayOfYear = 8 };

    private static WeatherObservation Obs(long hour, float t, float p, float rain = 0, float wind = 2, float humidity = 50) =>
        new(hour, t, humidity, wind, p, rain);

    [Test]
    public void AggregatesADayByHand()
    {
        var agg = new DailyWeatherAggregator(FourHourDays);
        Assert.That(agg.Add(Obs(2, 0, 1000), out _), Is.False, "hours before the first day start are skipped");
        Assert.That(agg.Add(Obs(3, 0, 1000), out _), Is.False);
        Assert.That(agg.Add(Obs(4, 1, 1010, rain: 0.5f, wind: 1), out _), Is.False);
        Assert.That(agg.Add(Obs(5, 5, 1008, rain: 1.0f, wind: 9, humidity: 90), out _), Is.False);
        Assert.That(agg.Add(Obs(6, 3, 1006, wind: 2), out _), Is.False);
        Assert.That(agg.Add(Obs(7, -1, 1002, wind: 4), out var day), Is.True);
        Assert.That(day, Is.EqualTo(new WeatherDay(1, 9, 2f, -1f, 5f, 60f, 4f, 9f, 1006.5f, -8f, 1.5f)));

        for (long h = 8; h < 11; h++) Assert.That(agg.Add(Obs(h, 0, 1000), out _), Is.False);
        Assert.That(agg.Add(Obs(11, 0, 999), out var next), Is.True);
        Assert.That(next.Day, Is.EqualTo(2));
        Assert.That(next.DayOfYear, Is.EqualTo(0), "the year wraps after 10 days");
        Assert.That(next.PressureChange, Is.EqualTo(999f - 1002f), "last hour minus the previous day's last hour");
    }

    [Test]
    public void HoursMustBeConsecutive()
    {
        var agg = new DailyWeatherAggregator(FourHourDays);
        agg.Add(Obs(0, 0, 1000), out _);
        Assert.Throws<ArgumentException>(() => agg.Add(Obs(2, 0, 1000), out _));
        agg.Reset();
        Assert.DoesNotThrow(() => agg.Add(Obs(8, 0, 1000), out _));
    }

    [Test]
    public void AgreesWithTheSimulatorsHours()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 9);
        var agg = new DailyWeatherAggregator(WeatherClimate.Default);
        var hours = new List<WeatherObservation>();
        WeatherDay day = default;
        while (true)
        {
            var o = sim.Next();
            hours.Add(o);
            if (agg.Add(o, out day)) break;
        }
        Assert.That(hours, Has.Count.EqualTo(24));
        Assert.That(day.Precipitation, Is.EqualTo(hours.Sum(o => o.Precipitation)).Within(1e-4));
        Assert.That(day.MaxTemperature, Is.EqualTo(hours.Max(o => o.Temperature)));
        Assert.That(day.MeanPressure, Is.EqualTo(hours.Average(o => o.Pressure)).Within(1e-3));
        Assert.That(day.PressureChange, Is.EqualTo(hours[^1].Pressure - hours[0].Pressure), "first day: last minus first hour");
    }
}
