namespace RnnPlayground.Core.Data;

/// <summary>
/// Daily weather records from a <see cref="WeatherSimulator"/> as a <see cref="TimeSeries"/>:
/// columns <see cref="ColumnNames"/>, label column "weather" under a <see cref="WeatherLabelSet"/>,
/// and the simulator's calendar (day of year, <see cref="WeatherClimate.DaysPerYear"/>) for climatology.
/// </summary>
public static class WeatherHistory
{
    /// <summary>Column names in order: temp_mean, temp_min, temp_max (°C), humidity (%), wind, wind_max (m/s), pressure, pressure_change (hPa), precipitation (mm).</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["temp_mean", "temp_min", "temp_max", "humidity", "wind", "wind_max", "pressure", "pressure_change", "precipitation"];

    /// <summary>The unit of each column in <see cref="ColumnNames"/>.</summary>
    public static IReadOnlyDictionary<string, string> ColumnUnits { get; } = new Dictionary<string, string>
    {
        ["temp_mean"] = "°C", ["temp_min"] = "°C", ["temp_max"] = "°C", ["humidity"] = "%", ["wind"] = "m/s", ["wind_max"] = "m/s",
        ["pressure"] = "hPa", ["pressure_change"] = "hPa", ["precipitation"] = "mm",
    };

    /// <summary>Name of the label column.</summary>
    public const string LabelName = "weather";

    /// <summary>Writes a day's values in the order of <see cref="ColumnNames"/> into <paramref name="row"/>.</summary>
    public static void WriteRow(in WeatherDay d, Span<float> row)
    {
        row[0] = d.MeanTemperature;
        row[1] = d.MinTemperature;
        row[2] = d.MaxTemperature;
        row[3] = d.MeanHumidity;
        row[4] = d.MeanWindSpeed;
        row[5] = d.MaxWindSpeed;
        row[6] = d.MeanPressure;
        row[7] = d.PressureChange;
        row[8] = d.Precipitation;
    }

    /// <summary>
    /// Simulates <paramref name="warmUpDays"/> + <paramref name="days"/> days with a new simulator
    /// seeded with <paramref name="seed"/> and keeps the last <paramref name="days"/> (so that
    /// weather systems and the 24 h pressure change are already under way on the first kept day).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked every day).</exception>
    public static TimeSeries Simulate(WeatherClimate climate, ulong seed, int days,
        WeatherLabelSet labels = WeatherLabelSet.RainOrDry, DailyWeatherRules? rules = null, int warmUpDays = 10,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(climate);
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "must be ≥ 1");
        if (warmUpDays < 0) throw new ArgumentOutOfRangeException(nameof(warmUpDays), warmUpDays, "must be ≥ 0");
        if (!Enum.IsDefined(labels)) throw new ArgumentOutOfRangeException(nameof(labels), labels, "unknown label set");
        rules ??= DailyWeatherRules.Default;
        rules.Validate();

        var simulator = new WeatherSimulator(climate, seed);
        var aggregator = new DailyWeatherAggregator(climate);
        var columns = new float[ColumnNames.Count][];
        for (int c = 0; c < columns.Length; c++) columns[c] = new float[days];
        var classes = new int[days];
        var dayOfYear = new int[days];
        Span<float> row = stackalloc float[ColumnNames.Count];
        int kept = 0, seen = 0;
        while (kept < days)
        {
            if (!aggregator.Add(simulator.Next(), out WeatherDay d)) continue;
            if (seen++ < warmUpDays) continue;
            WriteRow(d, row);
            for (int c = 0; c < columns.Length; c++) columns[c][kept] = row[c];
            classes[kept] = DailyWeatherRules.ClassIndex(rules.Classify(d), labels);
            dayOfYear[kept] = d.DayOfYear;
            kept++;
            cancellation.ThrowIfCancellationRequested();
        }
        return new TimeSeries($"simulated weather (seed {seed})", ColumnNames, columns, LabelName, classes,
            new LabelEncoding(DailyWeatherRules.ClassNames(labels)), dayOfYear: dayOfYear, yearLength: climate.DaysPerYear)
        {
            ColumnUnits = ColumnUnits,
        };
    }
}
