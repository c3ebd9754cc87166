namespace RnnPlayground.Core.Data;

/// <summary>
/// How a <see cref="WeatherDay"/> is labelled, checked in this order: <b>storm</b> when it rained
/// (≥ <see cref="RainMillimetres"/>) and either the total reached <see cref="StormMillimetres"/> or
/// the wind reached <see cref="StormWindSpeed"/> in some hour; <b>rain</b> when the total is ≥
/// <see cref="RainMillimetres"/>; <b>cloud</b> when the mean humidity is ≥ <see cref="CloudHumidity"/>;
/// otherwise <b>sun</b>.
/// </summary>
public sealed record DailyWeatherRules
{
    public static DailyWeatherRules Default { get; } = new();

    /// <summary>Daily precipitation that makes a rain day, mm.</summary>
    public double RainMillimetres { get; init; } = 1.0;

    /// <summary>Daily precipitation that makes a rain day a storm, mm.</summary>
    public double StormMillimetres { get; init; } = 20.0;

    /// <summary>Hourly wind speed that makes a rain day a storm, m/s.</summary>
    public double StormWindSpeed { get; init; } = 11.0;

    /// <summary>Mean humidity that makes a dry day cloudy, %.</summary>
    public double CloudHumidity { get; init; } = 80.0;

    public WeatherKind Classify(in WeatherDay day)
    {
        if (day.Precipitation >= RainMillimetres)
            return day.Precipitation >= StormMillimetres || day.MaxWindSpeed >= StormWindSpeed ? WeatherKind.Storm : WeatherKind.Rain;
        return day.MeanHumidity >= CloudHumidity ? WeatherKind.Cloud : WeatherKind.Sun;
    }

    /// <summary>Class names of <paramref name="set"/>, in index order.</summary>
    public static IReadOnlyList<string> ClassNames(WeatherLabelSet set) => set switch
    {
        WeatherLabelSet.RainOrDry => ["dry", "rain"],
        WeatherLabelSet.SunCloudRain => ["sun", "cloud", "rain"],
        WeatherLabelSet.SunCloudRainStorm => ["sun", "cloud", "rain", "storm"],
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "unknown label set"),
    };

    /// <summary>Class index of <paramref name="kind"/> in <paramref name="set"/>.</summary>
    public static int ClassIndex(WeatherKind kind, WeatherLabelSet set) => set switch
    {
        WeatherLabelSet.RainOrDry => kind is WeatherKind.Rain or WeatherKind.Storm ? 1 : 0,
        WeatherLabelSet.SunCloudRain => kind == WeatherKind.Storm ? 2 : (int)kind,
        WeatherLabelSet.SunCloudRainStorm => (int)kind,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "unknown label set"),
    };

    /// <summary>Checks the thresholds; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (!(RainMillimetres > 0 && double.IsFinite(RainMillimetres))) throw new ArgumentOutOfRangeException(nameof(RainMillimetres), RainMillimetres, "must be finite and > 0");
        if (!(StormMillimetres >= RainMillimetres && double.IsFinite(StormMillimetres))) throw new ArgumentOutOfRangeException(nameof(StormMillimetres), StormMillimetres, "must be finite and ≥ RainMillimetres");
        if (!(StormWindSpeed > 0 && double.IsFinite(StormWindSpeed))) throw new ArgumentOutOfRangeException(nameof(StormWindSpeed), StormWindSpeed, "must be finite and > 0");
        if (!(CloudHumidity is >= 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(CloudHumidity), CloudHumidity, "must be in [0, 100] %");
    }
}
