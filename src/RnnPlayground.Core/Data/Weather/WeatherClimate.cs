namespace RnnPlayground.Core.Data;

/// <summary>
/// The knobs of a <see cref="WeatherSimulator"/> world. Times are in simulated days, so a shorter
/// <see cref="HoursPerDay"/> speeds the world up without changing its character. The default is a
/// mild, maritime climate with a rainy winter (somewhat like Seattle). <see cref="Validate"/> is
/// called by the simulator.
/// </summary>
public sealed record WeatherClimate
{
    /// <summary>The default climate.</summary>
    public static WeatherClimate Default { get; } = new();

    /// <summary>Yearly mean temperature, °C.</summary>
    public double MeanTemperature { get; init; } = 11.0;

    /// <summary>Half the difference between the warmest and coldest time of year (seasonal mean), °C.</summary>
    public double SeasonalAmplitude { get; init; } = 7.0;

    /// <summary>Half the clear-sky day/night difference, °C (clouds damp it).</summary>
    public double DailyAmplitude { get; init; } = 4.0;

    /// <summary>Mean relative humidity, %.</summary>
    public double MeanHumidity { get; init; } = 72.0;

    /// <summary>Half the day/night humidity swing (humid nights, drier afternoons), %.</summary>
    public double DailyHumidityAmplitude { get; init; } = 10.0;

    /// <summary>Mean sea-level pressure, hPa.</summary>
    public double MeanPressure { get; init; } = 1015.0;

    /// <summary>Mean wind speed away from weather systems, m/s.</summary>
    public double MeanWindSpeed { get; init; } = 3.0;

    /// <summary>Mean number of weather systems (lows with their fronts) arriving per day, averaged over the year.</summary>
    public double Storminess { get; init; } = 0.3;

    /// <summary>How much more often systems come in winter than in summer: rate·(1 ± this); in [0, 1].</summary>
    public double SeasonalStorminess { get; init; } = 0.6;

    /// <summary>Mean time a system takes to pass, days (each lasts 0.5–1.5× this).</summary>
    public double MeanSystemDays { get; init; } = 1.6;

    /// <summary>Mean intensity of a system (1 = a pressure fall of about 14 hPa with moderate rain and wind).</summary>
    public double MeanSystemIntensity { get; init; } = 1.0;

    /// <summary>Mean number of random showers per day that belong to no system (unpredictable rain).</summary>
    public double ShowersPerDay { get; init; } = 0.08;

    /// <summary>Scale of the persistent (AR(1)) noise on every variable; 0 = none.</summary>
    public double NoiseScale { get; init; } = 1.0;

    /// <summary>Hours per simulated day (observations per day).</summary>
    public int HoursPerDay { get; init; } = 24;

    /// <summary>Days per simulated year.</summary>
    public int DaysPerYear { get; init; } = 365;

    /// <summary>Day of year (0-based) at hour 0.</summary>
    public int StartDayOfYear { get; init; }

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        static void Finite(double v, string name)
        {
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, v, "must be finite");
        }
        static void NonNegative(double v, string name)
        {
            if (!(double.IsFinite(v) && v >= 0)) throw new ArgumentOutOfRangeException(name, v, "must be finite and ≥ 0");
        }
        Finite(MeanTemperature, nameof(MeanTemperature));
        if (MeanTemperature is < -60 or > 50) throw new ArgumentOutOfRangeException(nameof(MeanTemperature), MeanTemperature, "must be in [-60, 50] °C");
        NonNegative(SeasonalAmplitude, nameof(SeasonalAmplitude));
        if (SeasonalAmplitude > 40) throw new ArgumentOutOfRangeException(nameof(SeasonalAmplitude), SeasonalAmplitude, "must be ≤ 40 °C");
        NonNegative(DailyAmplitude, nameof(DailyAmplitude));
        if (DailyAmplitude > 25) throw new ArgumentOutOfRangeException(nameof(DailyAmplitude), DailyAmplitude, "must be ≤ 25 °C");
        Finite(MeanHumidity, nameof(MeanHumidity));
        if (MeanHumidity is < 5 or > 100) throw new ArgumentOutOfRangeException(nameof(MeanHumidity), MeanHumidity, "must be in [5, 100] %");
        NonNegative(DailyHumidityAmplitude, nameof(DailyHumidityAmplitude));
        if (DailyHumidityAmplitude > 50) throw new ArgumentOutOfRangeException(nameof(DailyHumidityAmplitude), DailyHumidityAmplitude, "must be ≤ 50 %");
        Finite(MeanPressure, nameof(MeanPressure));
        if (MeanPressure is < 980 or > 1030) throw new ArgumentOutOfRangeException(nameof(MeanPressure), MeanPressure, "must be in [980, 1030] hPa");
        NonNegative(MeanWindSpeed, nameof(MeanWindSpeed));
        if (MeanWindSpeed > 30) throw new ArgumentOutOfRangeException(nameof(MeanWindSpeed), MeanWindSpeed, "must be ≤ 30 m/s");
        NonNegative(Storminess, nameof(Storminess));
        if (Storminess > 4) throw new ArgumentOutOfRangeException(nameof(Storminess), Storminess, "must be ≤ 4 systems per day");
        if (!(SeasonalStorminess is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(SeasonalStorminess), SeasonalStorminess, "must be in [0, 1]");
        if (!(MeanSystemDays is >= 0.1 and <= 10)) throw new ArgumentOutOfRangeException(nameof(MeanSystemDays), MeanSystemDays, "must be in [0.1, 10] days");
        if (!(MeanSystemIntensity is >= 0 and <= 3)) throw new ArgumentOutOfRangeException(nameof(MeanSystemIntensity), MeanSystemIntensity, "must be in [0, 3]");
        NonNegative(ShowersPerDay, nameof(ShowersPerDay));
        if (ShowersPerDay > 24) throw new ArgumentOutOfRangeException(nameof(ShowersPerDay), ShowersPerDay, "must be ≤ 24 per day");
        if (!(NoiseScale is >= 0 and <= 5)) throw new ArgumentOutOfRangeException(nameof(NoiseScale), NoiseScale, "must be in [0, 5]");
        if (HoursPerDay is < 4 or > 240) throw new ArgumentOutOfRangeException(nameof(HoursPerDay), HoursPerDay, "must be in [4, 240]");
        if (DaysPerYear is < 1 or > 3650) throw new ArgumentOutOfRangeException(nameof(DaysPerYear), DaysPerYear, "must be in [1, 3650]");
        if (StartDayOfYear < 0 || StartDayOfYear >= DaysPerYear)
            throw new ArgumentOutOfRangeException(nameof(StartDayOfYear), StartDayOfYear, $"must be in [0, {DaysPerYear})");
    }
}
