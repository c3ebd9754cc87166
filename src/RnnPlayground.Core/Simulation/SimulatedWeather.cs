using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A weather experiment's data: the climate and seed of the simulated world, its daily history
/// (<see cref="History"/>) and the windows cut from it (<see cref="Windows"/>, the training
/// dataset). The live loop continues the same climate with a new stream of weather.
/// </summary>
public sealed record SimulatedWeather(
    WeatherClimate Climate,
    ulong Seed,
    WeatherLabelSet Labels,
    DailyWeatherRules Rules,
    TimeSeries History,
    WindowedDataset Windows)
{
    /// <summary>Simulates <paramref name="days"/> days and windows them as <paramref name="options"/> say.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked every day).</exception>
    public static SimulatedWeather Create(WeatherClimate climate, ulong seed, int days, WindowOptions options,
        WeatherLabelSet labels = WeatherLabelSet.RainOrDry, DailyWeatherRules? rules = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentNullException.ThrowIfNull(options);
        rules ??= DailyWeatherRules.Default;
        TimeSeries history = WeatherHistory.Simulate(climate, seed, days, labels, rules, cancellation: cancellation);
        return new SimulatedWeather(climate, seed, labels, rules, history, new WindowedDataset(history, options));
    }
}
