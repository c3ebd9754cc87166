namespace RnnPlayground.Core.Data;

/// <summary>
/// Turns consecutive hourly observations into <see cref="WeatherDay"/> records, one per
/// <see cref="WeatherClimate.HoursPerDay"/> hours (a day starts at an hour divisible by it;
/// observations before the first day start are skipped). Allocates nothing per observation.
/// </summary>
public sealed class DailyWeatherAggregator
{
    private readonly WeatherClimate _climate;
    private long _expectedHour = -1;
    private int _hours;
    private double _temperatureSum, _humiditySum, _windSum, _pressureSum, _precipitation;
    private float _minTemperature, _maxTemperature, _maxWind, _firstPressure, _lastPressure;
    private float _previousDayLastPressure = float.NaN;

    public DailyWeatherAggregator(WeatherClimate climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        climate.Validate();
        _climate = climate;
    }

    /// <summary>
    /// Adds the observation of the next hour; returns true and the finished day when it was the
    /// day's last hour.
    /// </summary>
    /// <exception cref="ArgumentException">The observation is not the hour after the previous one.</exception>
    public bool Add(in WeatherObservation observation, out WeatherDay day)
    {
        day = default;
        int hoursPerDay = _climate.HoursPerDay;
        if (_expectedHour >= 0 && observation.Hour != _expectedHour)
            throw new ArgumentException($"observation of hour {observation.Hour} after hour {_expectedHour - 1}; hours must be consecutive", nameof(observation));
        _expectedHour = observation.Hour + 1;
        if (_hours == 0 && observation.Hour % hoursPerDay != 0) return false;   // wait for the start of a day

        if (_hours == 0)
        {
            _temperatureSum = _humiditySum = _windSum = _pressureSum = _precipitation = 0;
            _minTemperature = float.PositiveInfinity;
            _maxTemperature = float.NegativeInfinity;
            _maxWind = 0;
            _firstPressure = observation.Pressure;
        }
        _hours++;
        _temperatureSum += observation.Temperature;
        _humiditySum += observation.Humidity;
        _windSum += observation.WindSpeed;
        _pressureSum += observation.Pressure;
        _precipitation += observation.Precipitation;
        _minTemperature = Math.Min(_minTemperature, observation.Temperature);
        _maxTemperature = Math.Max(_maxTemperature, observation.Temperature);
        _maxWind = Math.Max(_maxWind, observation.WindSpeed);
        _lastPressure = observation.Pressure;
        if (_hours < hoursPerDay) return false;

        long dayIndex = observation.Hour / hoursPerDay;
        float reference = float.IsNaN(_previousDayLastPressure) ? _firstPressure : _previousDayLastPressure;
        day = new WeatherDay(dayIndex, (int)((_climate.StartDayOfYear + dayIndex) % _climate.DaysPerYear),
            (float)(_temperatureSum / _hours), _minTemperature, _maxTemperature,
            (float)(_humiditySum / _hours), (float)(_windSum / _hours), _maxWind,
            (float)(_pressureSum / _hours), _lastPressure - reference, (float)_precipitation);
        _previousDayLastPressure = _lastPressure;
        _hours = 0;
        return true;
    }

    /// <summary>Forgets everything (the next observation may be any hour).</summary>
    public void Reset()
    {
        _expectedHour = -1;
        _hours = 0;
        _previousDayLastPressure = float.NaN;
    }
}
