using System.Globalization;

namespace RnnPlayground.Core.Data;

/// <summary>
/// An event injected into a running <see cref="WeatherSimulator"/> (<see cref="WeatherSimulator.Inject"/>), starting at its
/// current hour. <see cref="Strength"/> is a storm's intensity (1 = an ordinary system, about 14 hPa),
/// a heat wave's peak warming in °C, and unused by a dry spell.
/// </summary>
/// <param name="Kind">What happens.</param>
/// <param name="Days">How long it lasts, simulated days.</param>
/// <param name="Strength">How strong it is (see above).</param>
public sealed record WeatherEvent(WeatherEventKind Kind, double Days, double Strength)
{
    /// <summary>Event names as scripts and logs spell them, in <see cref="WeatherEventKind"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["storm", "heat_wave", "dry_spell"];

    /// <summary>A storm front: intensity 2.5 (a deep low), passing in 1.6 days.</summary>
    public static WeatherEvent Storm(double intensity = 2.5, double days = 1.6) => new(WeatherEventKind.Storm, days, intensity);

    /// <summary>A heat wave: 7 °C warmer at its peak, over 7 days.</summary>
    public static WeatherEvent HeatWave(double degrees = 7, double days = 7) => new(WeatherEventKind.HeatWave, days, degrees);

    /// <summary>A dry spell of 12 days.</summary>
    public static WeatherEvent DrySpell(double days = 12) => new(WeatherEventKind.DrySpell, days, 0);

    /// <summary>The script name of <see cref="Kind"/> (storm, heat_wave, dry_spell).</summary>
    public string Name => Names[(int)Kind];

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown event");
        if (!(Days is >= 0.1 and <= 365)) throw new ArgumentOutOfRangeException(nameof(Days), Days, "must be in [0.1, 365] days");
        switch (Kind)
        {
            case WeatherEventKind.Storm when !(Strength is > 0 and <= 3):
                throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "a storm's intensity must be in (0, 3]");
            case WeatherEventKind.HeatWave when !(Strength is > 0 and <= 25):
                throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "a heat wave's warming must be in (0, 25] °C");
        }
    }

    public override string ToString() => Kind switch
    {
        WeatherEventKind.Storm => string.Create(CultureInfo.InvariantCulture, $"storm (intensity {Strength:0.##}, {Days:0.#} days)"),
        WeatherEventKind.HeatWave => string.Create(CultureInfo.InvariantCulture, $"heat wave (+{Strength:0.#} °C, {Days:0.#} days)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"dry spell ({Days:0.#} days)"),
    };
}
