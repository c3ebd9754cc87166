using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;

namespace RnnPlayground.App;

/// <summary>
/// The window's keys that play with the live weather world (GLFW key codes, so no modifier is
/// needed): <b>F</b> a storm front, <b>H</b> a heat wave, <b>D</b> a dry spell; <b>1</b>/<b>2</b>
/// storminess ÷/× 1.5, <b>3</b>/<b>4</b> mean temperature −/+ 2 °C, <b>5</b>/<b>6</b> seasonal
/// amplitude −/+ 2 °C, <b>7</b>/<b>8</b> noise −/+ 0.5, <b>0</b> back to the climate the world started with.
/// </summary>
internal static class WorldKeys
{
    private const int KeyF = 70, KeyH = 72, KeyD = 68, Key0 = 48;

    /// <summary>The change key <paramref name="nativeKey"/> asks of <paramref name="world"/>, or null for another key.</summary>
    public static WorldChange? ChangeFor(int nativeKey, ILiveWorld world)
    {
        WeatherClimate c = world.Climate;
        return nativeKey switch
        {
            KeyF => WorldChange.Inject(WeatherEvent.Storm()),
            KeyH => WorldChange.Inject(WeatherEvent.HeatWave()),
            KeyD => WorldChange.Inject(WeatherEvent.DrySpell()),
            Key0 => WorldChange.SetClimate(ClimateChange.Of(world.InitialClimate)),
            Key0 + 1 => Climate(storminess: Math.Max(0.02, c.Storminess / 1.5)),
            Key0 + 2 => Climate(storminess: Math.Min(4, c.Storminess * 1.5)),
            Key0 + 3 => Climate(meanTemperature: Math.Max(-40, c.MeanTemperature - 2)),
            Key0 + 4 => Climate(meanTemperature: Math.Min(40, c.MeanTemperature + 2)),
            Key0 + 5 => Climate(seasonalAmplitude: Math.Max(0, c.SeasonalAmplitude - 2)),
            Key0 + 6 => Climate(seasonalAmplitude: Math.Min(40, c.SeasonalAmplitude + 2)),
            Key0 + 7 => Climate(noise: Math.Max(0, c.NoiseScale - 0.5)),
            Key0 + 8 => Climate(noise: Math.Min(5, c.NoiseScale + 0.5)),
            _ => null,
        };
    }

    private static WorldChange Climate(double? storminess = null, double? meanTemperature = null, double? seasonalAmplitude = null, double? noise = null) =>
        WorldChange.SetClimate(new ClimateChange(storminess, meanTemperature, seasonalAmplitude, noise));
}
