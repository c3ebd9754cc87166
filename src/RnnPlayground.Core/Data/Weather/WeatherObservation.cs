namespace RnnPlayground.Core.Data;

/// <summary>One hourly observation of the simulated weather.</summary>
/// <param name="Hour">Hours since the simulation started (0 = first hour, midnight).</param>
/// <param name="Temperature">Air temperature, °C.</param>
/// <param name="Humidity">Relative humidity, % in [0, 100].</param>
/// <param name="WindSpeed">Wind speed, m/s ≥ 0.</param>
/// <param name="Pressure">Sea-level pressure, hPa in [950, 1050].</param>
/// <param name="Precipitation">Precipitation during the hour, mm ≥ 0.</param>
public readonly record struct WeatherObservation(long Hour, float Temperature, float Humidity, float WindSpeed, float Pressure, float Precipitation)
{
    /// <summary>Values in a row (<see cref="CopyTo"/>).</summary>
    public const int ValueCount = 5;

    /// <summary>Names of the values in <see cref="CopyTo"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["temperature", "humidity", "wind_speed", "pressure", "precipitation"];

    /// <summary>Units of the values in <see cref="CopyTo"/> order.</summary>
    public static IReadOnlyList<string> Units { get; } = ["°C", "%", "m/s", "hPa", "mm/h"];

    /// <summary>Writes temperature, humidity, wind speed, pressure, precipitation into <paramref name="values"/> [5].</summary>
    public void CopyTo(Span<float> values)
    {
        if (values.Length < ValueCount) throw new ArgumentException($"needs {ValueCount} values, got {values.Length}", nameof(values));
        values[0] = Temperature;
        values[1] = Humidity;
        values[2] = WindSpeed;
        values[3] = Pressure;
        values[4] = Precipitation;
    }
}
