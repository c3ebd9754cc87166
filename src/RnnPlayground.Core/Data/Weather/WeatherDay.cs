namespace RnnPlayground.Core.Data;

/// <summary>One simulated day, aggregated from its hourly observations by <see cref="DailyWeatherAggregator"/>.</summary>
/// <param name="Day">Days since the simulation started.</param>
/// <param name="DayOfYear">0-based day of year.</param>
/// <param name="MeanTemperature">Mean of the hourly temperatures, °C.</param>
/// <param name="MinTemperature">Lowest hourly temperature, °C.</param>
/// <param name="MaxTemperature">Highest hourly temperature, °C.</param>
/// <param name="MeanHumidity">Mean relative humidity, %.</param>
/// <param name="MeanWindSpeed">Mean wind speed, m/s.</param>
/// <param name="MaxWindSpeed">Highest hourly wind speed, m/s.</param>
/// <param name="MeanPressure">Mean pressure, hPa.</param>
/// <param name="PressureChange">
/// Pressure at the day's last hour minus that at the previous day's last hour (the 24 h change),
/// hPa; on the first aggregated day, last hour minus first hour.
/// </param>
/// <param name="Precipitation">Total precipitation, mm.</param>
public readonly record struct WeatherDay(
    long Day,
    int DayOfYear,
    float MeanTemperature,
    float MinTemperature,
    float MaxTemperature,
    float MeanHumidity,
    float MeanWindSpeed,
    float MaxWindSpeed,
    float MeanPressure,
    float PressureChange,
    float Precipitation);
