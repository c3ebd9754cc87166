using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The weather world as a <see cref="IStreamWorld"/>: a tick is an hour of <see cref="WeatherSimulator"/>
/// (temperature, humidity, wind, pressure, precipitation), a step is a day
/// (<see cref="WeatherHistory.ColumnNames"/>, classified by <see cref="DailyWeatherRules"/>).
/// </summary>
public sealed class WeatherStreamWorld : IStreamWorld
{
    private static readonly StreamSeries[] HourlySeries =
        [.. WeatherObservation.Names.Select((n, i) => new StreamSeries(n, WeatherObservation.Units[i]))];

    private readonly WeatherClimate _climate;
    private readonly WeatherLabelSet _labels;
    private readonly DailyWeatherRules _rules;
    private readonly DailyWeatherAggregator _aggregator;
    private WeatherSimulator _simulator;

    public WeatherStreamWorld(WeatherClimate climate, ulong seed, WeatherLabelSet labels = WeatherLabelSet.RainOrDry, DailyWeatherRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(climate);
        _climate = climate;
        _labels = labels;
        _rules = rules ?? DailyWeatherRules.Default;
        _aggregator = new DailyWeatherAggregator(climate);
        _simulator = new WeatherSimulator(climate, seed);
        ClassNames = DailyWeatherRules.ClassNames(labels);
    }

    public IReadOnlyList<StreamSeries> Series => HourlySeries;

    public IReadOnlyList<string> Columns => WeatherHistory.ColumnNames;

    public IReadOnlyList<string> ClassNames { get; }

    public int TicksPerStep => _climate.HoursPerDay;

    public long Tick { get; private set; }

    public string? Note => null;

    public void Restart(ulong seed)
    {
        _simulator = new WeatherSimulator(_climate, seed);
        _aggregator.Reset();
        Tick = 0;
    }

    public bool Advance(Span<float> observed, Span<float> row, out int label)
    {
        WeatherObservation obs = _simulator.Next();
        obs.CopyTo(observed);
        Tick++;
        label = -1;
        if (!_aggregator.Add(obs, out WeatherDay day)) return false;
        WeatherHistory.WriteRow(day, row);
        label = DailyWeatherRules.ClassIndex(_rules.Classify(day), _labels);
        return true;
    }
}
