namespace RnnPlayground.Core.Data;

/// <summary>Something that can be made to happen in a <see cref="WeatherSimulator"/> world (see <see cref="WeatherEvent"/>).</summary>
public enum WeatherEventKind
{
    /// <summary>A weather system (a storm front) arrives now: pressure falls, wind and rain follow, then it clears.</summary>
    Storm,

    /// <summary>A heat wave: temperatures rise and fall back smoothly, under high pressure and drier air.</summary>
    HeatWave,

    /// <summary>A dry spell: no new weather systems and no showers, high pressure and drier air.</summary>
    DrySpell,
}
