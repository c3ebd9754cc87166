using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class WeatherClimateTests
{
    [Test]
    public void DefaultIsValid() => Assert.DoesNotThrow(() => WeatherClimate.Default.Validate());

    [Test]
    public void BadValuesAreRefusedByName()
    {
        void Refused(WeatherClimate climate, string name, object value)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WeatherSimulator(climate, 1))!;
            Assert.That(e.ParamName, Is.EqualTo(name));
            Assert.That(e.ActualValue, Is.EqualTo(value));
        }
        Refused(WeatherClimate.Default with { HoursPerDay = 2 }, "HoursPerDay", 2);
        Refused(WeatherClimate.Default with { Storminess = -0.1 }, "Storminess", -0.1);
        Refused(WeatherClimate.Default with { MeanHumidity = 120 }, "MeanHumidity", 120.0);
        Refused(WeatherClimate.Default with { SeasonalStorminess = 1.5 }, "SeasonalStorminess", 1.5);
        Refused(WeatherClimate.Default with { MeanTemperature = double.NaN }, "MeanTemperature", double.NaN);
        Refused(WeatherClimate.Default with { StartDayOfYear = 365 }, "StartDayOfYear", 365);
        Refused(WeatherClimate.Default with { MeanPressure = 900 }, "MeanPressure", 900.0);
    }
}
