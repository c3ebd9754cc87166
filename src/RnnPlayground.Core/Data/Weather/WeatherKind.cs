namespace RnnPlayground.Core.Data;

/// <summary>The kind of a day under <see cref="DailyWeatherRules"/>.</summary>
public enum WeatherKind
{
    Sun,
    Cloud,
    Rain,
    Storm,
}
