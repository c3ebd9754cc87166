using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class DailyWeatherRulesTests
{
    private static WeatherDay Day(float rain, float maxWind = 5, float humidity = 60) => new(0, 0, 10, 5, 15, humidity, 3, maxWind, 1010, 0, rain);

    [TestCase(0f, 5f, 60f, WeatherKind.Sun)]
    [TestCase(0.9f, 5f, 85f, WeatherKind.Cloud)]
    [TestCase(1f, 5f, 60f, WeatherKind.Rain)]
    [TestCase(25f, 5f, 95f, WeatherKind.Storm)]
    [TestCase(3f, 12f, 95f, WeatherKind.Storm)]
    [TestCase(0f, 15f, 60f, WeatherKind.Sun)]
    public void Classifies(float rain, float maxWind, float humidity, WeatherKind expected) =>
        Assert.That(DailyWeatherRules.Default.Classify(Day(rain, maxWind, humidity)), Is.EqualTo(expected));

    [Test]
    public void LabelSets()
    {
        Assert.That(DailyWeatherRules.ClassNames(WeatherLabelSet.RainOrDry), Is.EqualTo(new[] { "dry", "rain" }));
        Assert.That(Enum.GetValues<WeatherKind>().Select(k => DailyWeatherRules.ClassIndex(k, WeatherLabelSet.RainOrDry)), Is.EqualTo(new[] { 0, 0, 1, 1 }));
        Assert.That(Enum.GetValues<WeatherKind>().Select(k => DailyWeatherRules.ClassIndex(k, WeatherLabelSet.SunCloudRain)), Is.EqualTo(new[] { 0, 1, 2, 2 }));
        Assert.That(Enum.GetValues<WeatherKind>().Select(k => DailyWeatherRules.ClassIndex(k, WeatherLabelSet.SunCloudRainStorm)), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void BadThresholdsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (DailyWeatherRules.Default with { RainMillimetres = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (DailyWeatherRules.Default with { StormMillimetres = 0.5 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (DailyWeatherRules.Default with { CloudHumidity = 101 }).Validate());
    }
}
