using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>
/// A new world starts in its stationary state, so its first year is like any later one: over a
/// sample of world seeds, the first year's (and its first month's) rain and persistence scores
/// differ from the later years' only as much as chance allows.
/// </summary>
public class WeatherStationarityTests
{
    private const int Seeds = 40, Years = 3, DaysPerYear = 365, Month = 30;

    /// <summary>Per seed and year: rainy days, days persistence got right over the whole year, and over its first month.</summary>
    private static (double Rain, double Persistence, double FirstMonthPersistence)[,] Simulate()
    {
        var result = new (double, double, double)[Seeds, Years];
        var rules = DailyWeatherRules.Default;
        for (int s = 0; s < Seeds; s++)
        {
            var simulator = new WeatherSimulator(WeatherClimate.Default, (ulong)(100 + s));
            var aggregator = new DailyWeatherAggregator(WeatherClimate.Default);
            int day = 0;
            bool? yesterday = null;   // the first day is only yesterday to the second: each year scores 365 forecasts
            while (day < Years * DaysPerYear)
            {
                if (!aggregator.Add(simulator.Next(), out WeatherDay d)) continue;
                bool rain = rules.Classify(d) is WeatherKind.Rain or WeatherKind.Storm;
                if (yesterday is null)
                {
                    yesterday = rain;
                    continue;
                }
                int year = day / DaysPerYear, ofYear = day % DaysPerYear;
                (double r, double p, double m) = result[s, year];
                bool right = yesterday == rain;
                result[s, year] = (r + (rain ? 1 : 0), p + (right ? 1 : 0), m + (right && ofYear < Month ? 1 : 0));
                yesterday = rain;
                day++;
            }
        }
        return result;
    }

    [Test]
    public void TheFirstYearAndItsFirstMonthAreLikeTheLaterOnes()
    {
        var years = Simulate();
        void Compare(string what, Func<(double Rain, double Persistence, double FirstMonthPersistence), double> pick)
        {
            // Paired over seeds: year 1 minus the mean of the later years, against the spread of that difference.
            double[] diff = Enumerable.Range(0, Seeds)
                .Select(s => pick(years[s, 0]) - Enumerable.Range(1, Years - 1).Average(y => pick(years[s, y]))).ToArray();
            double mean = diff.Average();
            double se = Math.Sqrt(diff.Sum(x => (x - mean) * (x - mean)) / (Seeds - 1) / Seeds);
            Assert.That(Math.Abs(mean), Is.LessThan(3 * se), $"{what}: year 1 differs by {mean:F2} days (standard error {se:F2})");
            Assert.That(se, Is.GreaterThan(0), what);
        }
        Compare("rainy days", y => y.Rain);
        Compare("days persistence got right", y => y.Persistence);
        Compare("days persistence got right in the first month", y => y.FirstMonthPersistence);
    }
}
