using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// Reads a world change as scripts write it, the same for <c>ctx.world</c>'s methods and for the
/// <c>live.events</c> list: an event by name (<c>storm{intensity, days}</c>,
/// <c>heat_wave{degrees, days}</c>, <c>dry_spell{days}</c>) or a change of climate
/// (<c>{storminess, mean_temperature, seasonal_amplitude, noise}</c>, the names of <c>rnn.data.weather</c>'s climate).
/// </summary>
internal static class WorldArguments
{
    /// <summary>The climate values a running world can change.</summary>
    public static readonly string[] ClimateNames = ["storminess", "mean_temperature", "seasonal_amplitude", "noise"];

    /// <summary>The event called <paramref name="name"/> with its options from <paramref name="o"/>.</summary>
    public static WeatherEvent Event(string name, ScriptOptions o)
    {
        int kind = Array.IndexOf(WeatherEvent.Names.ToArray(), name);
        if (kind < 0)
            throw new ScriptArgumentException($"unknown event \"{name}\"; known: {string.Join(", ", WeatherEvent.Names)}");
        WeatherEvent defaults = (WeatherEventKind)kind switch
        {
            WeatherEventKind.Storm => WeatherEvent.Storm(),
            WeatherEventKind.HeatWave => WeatherEvent.HeatWave(),
            _ => WeatherEvent.DrySpell(),
        };
        double days = o.OptionalNumber("days", NumberRange.Between(0.1, 365), defaults.Days);
        double strength = defaults.Kind switch
        {
            WeatherEventKind.Storm => o.OptionalNumber("intensity", NumberRange.Between(0.1, 3), defaults.Strength),
            WeatherEventKind.HeatWave => o.OptionalNumber("degrees", NumberRange.Between(0.5, 25), defaults.Strength),
            _ => 0,
        };
        return defaults with { Days = days, Strength = strength };
    }

    /// <summary>A change of climate from <paramref name="o"/>; at least one value must be given.</summary>
    public static ClimateChange Climate(ScriptOptions o)
    {
        double? Read(string name, NumberRange range) => o.Has(name) ? o.RequiredNumber(name, range) : null;
        var change = new ClimateChange(
            Read("storminess", NumberRange.Between(0, 4)),
            Read("mean_temperature", NumberRange.Between(-40, 40)),
            Read("seasonal_amplitude", NumberRange.Between(0, 40)),
            Read("noise", NumberRange.Between(0, 5)));
        if (change == new ClimateChange())
            throw new ScriptArgumentException($"give at least one of {string.Join(", ", ClimateNames)}");
        return change;
    }
}
