using System.Globalization;
using System.Text;

namespace RnnPlayground.Core.Data;

/// <summary>
/// An endless, seeded, deterministic stream of hourly weather (<see cref="WeatherObservation"/>):
/// a seasonal cycle (coldest in mid-January), a day/night cycle (warmest at 15:00, damped by
/// clouds), weather systems that arrive at random (a Poisson process at the climate's
/// storminess, more in winter) and pass over 0.5–1.5× <see cref="WeatherClimate.MeanSystemDays"/>:
/// pressure falls (deepest halfway), humidity rises ahead of the front, wind and rain peak just
/// after the pressure minimum, then the air clears (drier, cooler) as pressure recovers. Random
/// showers outside systems and persistent AR(1) noise on every variable keep it from being
/// perfectly predictable. <see cref="Next"/> allocates nothing; the whole state can be saved and
/// restored (<see cref="SaveState"/>), so a checkpointed run continues identically. A running
/// world can be played with: <see cref="Inject"/> starts an event now (a storm front, a heat wave,
/// a dry spell) and <see cref="ChangeClimate"/> changes its climate from the next hour on.
/// </summary>
public sealed class WeatherSimulator
{
    private const int MaxSystems = 8;
    private const double PressureDropPerIntensity = 14.0;   // hPa at the centre of an intensity-1 system
    private const double WindPerIntensity = 5.0;            // m/s at the wind peak
    private const double HumidityPerIntensity = 22.0;       // % ahead of the front
    private const double ClearingHumidity = 12.0;           // % drier behind the system
    private const double RainRatePerIntensity = 1.6;        // mm/h at the rain peak
    private const double ShowerMeanMillimetres = 1.5;
    private const int MaxSpells = 8;
    private const double HeatWaveDrying = 8.0;              // % drier at a heat wave's peak
    private const double SpellPressure = 6.0;               // hPa higher under a heat wave or dry spell
    private const double DrySpellDrying = 10.0;             // % drier in a dry spell
    private const string StateTag = "weather-simulator/2";
    private const string StateTagWithoutSpells = "weather-simulator/1";

    private struct WeatherSystem
    {
        public double Start;       // hour it arrived
        public double Duration;    // hours it takes to pass
        public double Intensity;
    }

    private struct Spell
    {
        public WeatherEventKind Kind;   // HeatWave or DrySpell
        public double Start;
        public double Duration;
        public double Strength;
    }

    // Persistent noise: one AR(1) process per variable, x ← φx + σ√(1−φ²)·ε, stationary std σ.
    private enum Noise { TemperatureSlow, TemperatureFast, Humidity, Wind, Pressure }
    private static readonly (double Std, double CorrelationDays)[] NoiseSpec =
    [
        (2.0, 3.0),    // warm and cold spells, °C
        (0.7, 0.2),    // hour-to-hour temperature, °C
        (6.0, 0.4),    // humidity, %
        (1.0, 0.25),   // wind, m/s
        (4.0, 3.0),    // slow pressure drift, hPa
    ];

    private readonly RandomSource _random;
    private readonly WeatherSystem[] _systems = new WeatherSystem[MaxSystems];
    private readonly double[] _noise = new double[NoiseSpec.Length];
    private readonly double[] _phi = new double[NoiseSpec.Length];
    private readonly double[] _innovation = new double[NoiseSpec.Length];
    private readonly Spell[] _spells = new Spell[MaxSpells];
    private int _systemCount, _spellCount;

    /// <param name="climate">The world's parameters (validated).</param>
    /// <param name="seed">Seed of the simulator's own <see cref="RandomSource"/>.</param>
    public WeatherSimulator(WeatherClimate climate, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(climate);
        climate.Validate();
        Climate = climate;
        _random = new RandomSource(seed);
        SetNoise(climate);
        for (int k = 0; k < NoiseSpec.Length; k++)
            _noise[k] = NoiseSpec[k].Std * climate.NoiseScale * _random.NextNormal();    // start in the stationary distribution
    }

    /// <summary>The climate now (changed by <see cref="ChangeClimate"/>).</summary>
    public WeatherClimate Climate { get; private set; }

    /// <summary>Events (heat waves, dry spells) under way; storms are among <see cref="ActiveSystems"/>.</summary>
    public int ActiveSpells => _spellCount;

    private void SetNoise(WeatherClimate climate)
    {
        for (int k = 0; k < NoiseSpec.Length; k++)
        {
            double std = NoiseSpec[k].Std * climate.NoiseScale;
            _phi[k] = Math.Exp(-1.0 / (NoiseSpec[k].CorrelationDays * climate.HoursPerDay));
            _innovation[k] = std * Math.Sqrt(1 - _phi[k] * _phi[k]);
        }
    }

    /// <summary>
    /// The world goes on under <paramref name="climate"/> from the next hour: the weather under way
    /// (passing systems, noise, events) carries on and settles into the new climate. The calendar
    /// (hours per day, days per year, start day) cannot change.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value of the climate is out of range, or its calendar differs.</exception>
    public void ChangeClimate(WeatherClimate climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        climate.Validate();
        if (climate.HoursPerDay != Climate.HoursPerDay || climate.DaysPerYear != Climate.DaysPerYear || climate.StartDayOfYear != Climate.StartDayOfYear)
            throw new ArgumentOutOfRangeException(nameof(climate), climate, "a running world's calendar (hours per day, days per year, start day) cannot change");
        Climate = climate;
        SetNoise(climate);
    }

    /// <summary>Starts <paramref name="weatherEvent"/> at hour <see cref="Hour"/> (a storm replaces the oldest passing system when there are too many).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value of the event is out of range.</exception>
    public void Inject(WeatherEvent weatherEvent)
    {
        ArgumentNullException.ThrowIfNull(weatherEvent);
        weatherEvent.Validate();
        double duration = weatherEvent.Days * Climate.HoursPerDay;
        if (weatherEvent.Kind == WeatherEventKind.Storm)
        {
            var system = new WeatherSystem { Start = Hour, Duration = duration, Intensity = weatherEvent.Strength };
            if (_systemCount < MaxSystems) _systems[_systemCount++] = system;
            else _systems[Oldest(_systems.AsSpan(0, _systemCount), s => s.Start)] = system;
            return;
        }
        var spell = new Spell { Kind = weatherEvent.Kind, Start = Hour, Duration = duration, Strength = weatherEvent.Strength };
        if (_spellCount < MaxSpells) _spells[_spellCount++] = spell;
        else _spells[Oldest(_spells.AsSpan(0, _spellCount), s => s.Start)] = spell;
    }

    private static int Oldest<T>(ReadOnlySpan<T> items, Func<T, double> start)
    {
        int oldest = 0;
        for (int k = 1; k < items.Length; k++)
            if (start(items[k]) < start(items[oldest])) oldest = k;
        return oldest;
    }

    /// <summary>Hour of the next observation (= observations produced so far).</summary>
    public long Hour { get; private set; }

    /// <summary>Number of weather systems currently passing.</summary>
    public int ActiveSystems => _systemCount;

    public IReadOnlyList<string> Names => WeatherObservation.Names;

    public IReadOnlyList<string> Units => WeatherObservation.Units;

    /// <summary>0-based day of year of <paramref name="hour"/> in this climate's calendar.</summary>
    public int DayOfYearAt(long hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        return (int)((Climate.StartDayOfYear + hour / Climate.HoursPerDay) % Climate.DaysPerYear);
    }

    /// <summary>The observation of hour <see cref="Hour"/>; advances by one hour.</summary>
    public WeatherObservation Next()
    {
        var c = Climate;
        int hoursPerDay = c.HoursPerDay;
        double dayOfYear = (c.StartDayOfYear + Hour / (double)hoursPerDay) % c.DaysPerYear;
        double season = -Math.Cos(2 * Math.PI * (dayOfYear - 15) / c.DaysPerYear);                        // −1 mid-January … +1 mid-July
        double diurnal = Math.Cos(2 * Math.PI * ((Hour % hoursPerDay) / (double)hoursPerDay - 15.0 / 24)); // +1 at 15:00

        double pressureAnomaly = 0, windAnomaly = 0, humidityAnomaly = 0, temperatureAnomaly = 0, rainRate = 0, cloud = 0;
        bool dry = false;
        for (int k = 0; k < _spellCount; k++)
        {
            ref Spell s = ref _spells[k];
            double p = (Hour - s.Start) / s.Duration;
            if (p >= 1)
            {
                _spells[k] = _spells[--_spellCount];
                k--;
                continue;
            }
            double envelope = Math.Sin(Math.PI * Math.Min(1, 4 * p * (1 - p)) / 2);   // up in the first quarter, down in the last
            pressureAnomaly += SpellPressure * envelope;
            if (s.Kind == WeatherEventKind.HeatWave)
            {
                double sin = Math.Sin(Math.PI * p);
                temperatureAnomaly += s.Strength * sin * sin;
                humidityAnomaly -= HeatWaveDrying * envelope;
            }
            else
            {
                dry = true;
                humidityAnomaly -= DrySpellDrying * envelope;
            }
        }

        // A new system arrives with probability rate/hours-per-day (more often in winter).
        double arrival = c.Storminess * (1 - c.SeasonalStorminess * season) / hoursPerDay;
        if (_random.NextDouble() < arrival && _systemCount < MaxSystems && !dry)
        {
            double duration = c.MeanSystemDays * hoursPerDay * (0.5 + _random.NextDouble());
            double intensity = c.MeanSystemIntensity * Math.Min(3.0, 0.15 + 0.85 * -Math.Log(1 - _random.NextDouble()));
            _systems[_systemCount++] = new WeatherSystem { Start = Hour, Duration = duration, Intensity = intensity };
        }

        for (int k = 0; k < _systemCount; k++)
        {
            ref WeatherSystem s = ref _systems[k];
            double p = (Hour - s.Start) / s.Duration;     // 0 → 1 while the system passes
            if (p >= 1)
            {
                _systems[k] = _systems[--_systemCount];
                k--;
                continue;
            }
            double i = s.Intensity, moist = Math.Min(i, 1.5);
            double sin = Math.Sin(Math.PI * p);
            pressureAnomaly -= PressureDropPerIntensity * i * sin * sin;
            windAnomaly += WindPerIntensity * i * Bump(p, 0.55, 0.22);
            humidityAnomaly += HumidityPerIntensity * moist * Bump(p, 0.42, 0.25) - ClearingHumidity * moist * Bump(p, 0.92, 0.10);
            temperatureAnomaly += 1.5 * i * Bump(p, 0.35, 0.20) - 2.5 * i * Bump(p, 0.85, 0.20);   // warm sector, then colder air
            rainRate += RainRatePerIntensity * i * Bump(p, 0.55, 0.16);
            cloud += Math.Min(1.0, i) * Bump(p, 0.50, 0.30);
        }
        cloud = Math.Min(1.0, cloud);

        for (int k = 0; k < _noise.Length; k++) _noise[k] = _phi[k] * _noise[k] + _innovation[k] * _random.NextNormal();

        // Frontal rain comes in bursts around its mean rate; showers come at random.
        double precipitation = 0;
        double wet = rainRate / (rainRate + 0.5);
        double u = _random.NextDouble();
        if (rainRate > 0.02 && u < wet) precipitation = rainRate / wet * (0.3 + 1.4 * _random.NextDouble());
        if (_random.NextDouble() < c.ShowersPerDay / hoursPerDay && !dry)
            precipitation += ShowerMeanMillimetres * -Math.Log(1 - _random.NextDouble());

        double temperature = c.MeanTemperature + c.SeasonalAmplitude * season + c.DailyAmplitude * (1 - 0.6 * cloud) * diurnal
            + temperatureAnomaly + _noise[(int)Noise.TemperatureSlow] + _noise[(int)Noise.TemperatureFast] - (precipitation > 0 ? 0.5 : 0);
        double humidity = c.MeanHumidity - c.DailyHumidityAmplitude * (1 - 0.5 * cloud) * diurnal + humidityAnomaly + _noise[(int)Noise.Humidity];
        if (precipitation > 0) humidity = Math.Max(humidity, 90 + 2 * Math.Min(precipitation, 5));
        humidity = Math.Clamp(humidity, 3, 100);
        double wind = Math.Max(0, c.MeanWindSpeed * (1 + 0.25 * diurnal) + windAnomaly + _noise[(int)Noise.Wind]);
        double pressure = Math.Clamp(c.MeanPressure + pressureAnomaly + _noise[(int)Noise.Pressure], 950, 1050);

        var observation = new WeatherObservation(Hour, (float)temperature, (float)humidity, (float)wind, (float)pressure, (float)precipitation);
        Hour++;
        return observation;
    }

    private static double Bump(double p, double centre, double width)
    {
        double z = (p - centre) / width;
        return Math.Exp(-z * z);
    }

    /// <summary>Writes <see cref="Next"/>'s values (temperature, humidity, wind speed, pressure, precipitation); never ends.</summary>
    public bool TryRead(Span<float> values)
    {
        if (values.Length != WeatherObservation.ValueCount)
            throw new ArgumentException($"needs {WeatherObservation.ValueCount} values, got {values.Length}", nameof(values));
        Next().CopyTo(values);
        return true;
    }

    /// <summary>The whole state (hour, random state, noise, passing systems, events under way) as one line of text.</summary>
    public string SaveState()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(StateTag);
        sb.Append('|').Append(Hour.ToString(inv));
        sb.Append('|').Append(_random.SaveState());
        sb.Append('|').Append(string.Join(',', _noise.Select(v => v.ToString("R", inv))));
        sb.Append('|');
        for (int k = 0; k < _systemCount; k++)
        {
            if (k > 0) sb.Append(';');
            var s = _systems[k];
            sb.Append(s.Start.ToString("R", inv)).Append(',').Append(s.Duration.ToString("R", inv)).Append(',').Append(s.Intensity.ToString("R", inv));
        }
        sb.Append('|');
        for (int k = 0; k < _spellCount; k++)
        {
            if (k > 0) sb.Append(';');
            var s = _spells[k];
            sb.Append(WeatherEvent.Names[(int)s.Kind]).Append(',').Append(s.Start.ToString("R", inv)).Append(',')
                .Append(s.Duration.ToString("R", inv)).Append(',').Append(s.Strength.ToString("R", inv));
        }
        return sb.ToString();
    }

    /// <summary>Restores a state written by <see cref="SaveState"/> (of a simulator with the same climate; a state without events is read too).</summary>
    /// <exception cref="FormatException">The text is not a saved simulator state.</exception>
    public void RestoreState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var inv = CultureInfo.InvariantCulture;
        string[] parts = state.Split('|');
        bool withSpells = parts.Length == 6 && parts[0] == StateTag;
        if (!withSpells && !(parts.Length == 5 && parts[0] == StateTagWithoutSpells))
            throw new FormatException($"not a weather simulator state (expected '{StateTag}|hour|random|noise|systems|events'): '{state}'");
        double Number(string s) => double.TryParse(s, NumberStyles.Float, inv, out double v) && double.IsFinite(v)
            ? v : throw new FormatException($"weather simulator state: '{s}' is not a finite number");
        if (!long.TryParse(parts[1], NumberStyles.None, inv, out long hour))
            throw new FormatException($"weather simulator state: hour '{parts[1]}' is not a non-negative integer");
        string[] noise = parts[3].Split(',');
        if (noise.Length != _noise.Length)
            throw new FormatException($"weather simulator state: {noise.Length} noise values, expected {_noise.Length}");
        var newNoise = noise.Select(Number).ToArray();
        var systems = new List<WeatherSystem>();
        if (parts[4].Length > 0)
        {
            foreach (string item in parts[4].Split(';'))
            {
                string[] f = item.Split(',');
                if (f.Length != 3) throw new FormatException($"weather simulator state: system '{item}' needs start,duration,intensity");
                var s = new WeatherSystem { Start = Number(f[0]), Duration = Number(f[1]), Intensity = Number(f[2]) };
                if (s.Duration <= 0) throw new FormatException($"weather simulator state: system duration {s.Duration} must be > 0");
                systems.Add(s);
            }
        }
        if (systems.Count > MaxSystems) throw new FormatException($"weather simulator state: {systems.Count} systems, at most {MaxSystems}");
        var spells = new List<Spell>();
        if (withSpells && parts[5].Length > 0)
        {
            foreach (string item in parts[5].Split(';'))
            {
                string[] f = item.Split(',');
                int kind = f.Length == 4 ? Array.IndexOf(WeatherEvent.Names.ToArray(), f[0]) : -1;
                if (kind is not ((int)WeatherEventKind.HeatWave or (int)WeatherEventKind.DrySpell))
                    throw new FormatException($"weather simulator state: event '{item}' needs heat_wave|dry_spell,start,duration,strength");
                var s = new Spell { Kind = (WeatherEventKind)kind, Start = Number(f[1]), Duration = Number(f[2]), Strength = Number(f[3]) };
                if (s.Duration <= 0) throw new FormatException($"weather simulator state: event duration {s.Duration} must be > 0");
                spells.Add(s);
            }
        }
        if (spells.Count > MaxSpells) throw new FormatException($"weather simulator state: {spells.Count} events, at most {MaxSpells}");
        new RandomSource(0).RestoreState(parts[2]);    // throws on a bad random state before anything changes

        _random.RestoreState(parts[2]);
        Hour = hour;
        newNoise.CopyTo(_noise, 0);
        _systemCount = systems.Count;
        systems.CopyTo(_systems);
        _spellCount = spells.Count;
        spells.CopyTo(_spells);
    }
}
