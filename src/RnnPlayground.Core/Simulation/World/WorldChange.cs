using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>A change to a running live world: an event injected now, or a change of climate (exactly one of the two).</summary>
public sealed record WorldChange
{
    private WorldChange(WeatherEvent? weatherEvent, ClimateChange? climate)
    {
        Event = weatherEvent;
        Climate = climate;
    }

    public WeatherEvent? Event { get; }

    public ClimateChange? Climate { get; }

    /// <summary>Starts <paramref name="weatherEvent"/> (validated).</summary>
    public static WorldChange Inject(WeatherEvent weatherEvent)
    {
        ArgumentNullException.ThrowIfNull(weatherEvent);
        weatherEvent.Validate();
        return new WorldChange(weatherEvent, null);
    }

    /// <summary>Changes the climate as <paramref name="climate"/> says.</summary>
    public static WorldChange SetClimate(ClimateChange climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        return new WorldChange(null, climate);
    }
}
