using System.Globalization;
using System.Text;
using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>New values for some of a running world's climate; null leaves a value as it is.</summary>
/// <param name="Storminess">Weather systems per day (<see cref="WeatherClimate.Storminess"/>).</param>
/// <param name="MeanTemperature">Yearly mean temperature, °C.</param>
/// <param name="SeasonalAmplitude">Half the summer–winter difference, °C.</param>
/// <param name="NoiseScale">Scale of the persistent noise on every variable.</param>
public sealed record ClimateChange(double? Storminess = null, double? MeanTemperature = null, double? SeasonalAmplitude = null, double? NoiseScale = null)
{
    /// <summary>The same climate with these values.</summary>
    public WeatherClimate ApplyTo(WeatherClimate climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        return climate with
        {
            Storminess = Storminess ?? climate.Storminess,
            MeanTemperature = MeanTemperature ?? climate.MeanTemperature,
            SeasonalAmplitude = SeasonalAmplitude ?? climate.SeasonalAmplitude,
            NoiseScale = NoiseScale ?? climate.NoiseScale,
        };
    }

    /// <summary>The values of <paramref name="climate"/> this change sets (to go back to it).</summary>
    public static ClimateChange Of(WeatherClimate climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        return new ClimateChange(climate.Storminess, climate.MeanTemperature, climate.SeasonalAmplitude, climate.NoiseScale);
    }

    /// <summary>What changes from <paramref name="before"/>, e.g. "storminess 0.3 → 0.6".</summary>
    public string Describe(WeatherClimate before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var s = new StringBuilder();
        void Part(string name, double? value, double old, string unit)
        {
            if (value is not { } v) return;
            if (s.Length > 0) s.Append(", ");
            s.Append(CultureInfo.InvariantCulture, $"{name} {old:0.###} → {v:0.###}{unit}");
        }
        Part("storminess", Storminess, before.Storminess, "/day");
        Part("mean temperature", MeanTemperature, before.MeanTemperature, " °C");
        Part("seasonal amplitude", SeasonalAmplitude, before.SeasonalAmplitude, " °C");
        Part("noise", NoiseScale, before.NoiseScale, "");
        return s.Length > 0 ? s.ToString() : "no change";
    }
}
