using System.Globalization;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.data</c>: datasets for experiments. <c>weather</c> (the simulated world), <c>csv</c>
/// (a recorded time series), <c>text</c> (next-character prediction), and the toy tasks
/// <c>sine</c>, <c>adding</c> and <c>copy</c>; the script's own samples: <c>sequences</c> (from
/// tables, <see cref="SequencesFunction"/>) and <c>generate</c> (from a seeded generator,
/// <see cref="GenerateFunction"/>). Each returns a Dataset handle. Token pairs for encoder–decoders,
/// <c>pairs</c> and <c>task</c> (<see cref="PairsFunction"/>), return a Pairs handle.
/// </summary>
public static class DataModule
{
    private static readonly string[] LabelSets = ["rain", "sun_cloud_rain", "sun_cloud_rain_storm"];
    private static readonly string[] MissingPolicies = ["refuse", "drop", "ffill", "mean"];

    /// <param name="random">The Random handle kind (<see cref="RandomModule"/>) a generator's <c>rng</c> is.</param>
    public static HandleKind<ScriptDataset> Register(LuaHost host, HandleKind<Core.RandomSource> random) => Register(host, random, out _);

    /// <summary>Registers <c>rnn.data</c>, token pairs (<c>pairs</c>, <c>task</c>: <see cref="PairsFunction"/>) included, whose handle kind is <paramref name="pairs"/>.</summary>
    public static HandleKind<ScriptDataset> Register(LuaHost host, HandleKind<Core.RandomSource> random, out HandleKind<ScriptPairs> pairs)
    {
        pairs = PairsFunction.Register(host);
        HandleKind<ScriptDataset> kind = host.RegisterHandleKind<ScriptDataset>("Dataset", d => d.ToString());
        host.RegisterFunction("rnn.data", "weather", call => call.ReturnHandle(kind, Refusing.Arguments(() => Weather(call.Options(1), call.Cancellation))));
        host.RegisterFunction("rnn.data", "csv", call => call.ReturnHandle(kind, Refusing.Arguments(() => Csv(call.Options(1), call))));
        host.RegisterFunction("rnn.data", "text", call => call.ReturnHandle(kind, Refusing.Arguments(() => Text(call.Options(1), call))));
        host.RegisterFunction("rnn.data", "sine", call => call.ReturnHandle(kind, Refusing.Arguments(() => Sine(call.Options(1), call))));
        host.RegisterFunction("rnn.data", "adding", call => call.ReturnHandle(kind, Refusing.Arguments(() => Adding(call.Options(1), call))));
        host.RegisterFunction("rnn.data", "copy", call => call.ReturnHandle(kind, Refusing.Arguments(() => Copy(call.Options(1), call))));
        host.RegisterFunction("rnn.data", "sequences", call => call.ReturnHandle(kind, SequencesFunction.Make(call.Options(1))));
        host.RegisterFunction("rnn.data", "generate", call => call.ReturnHandle(kind, GenerateFunction.Make(call.Options(1), call, random)));
        kind.RegisterMethod("info", (d, call) => Info(d, call));
        kind.RegisterMethod("baselines", (d, call) =>
        {
            Split split = ParseSplit(call.IsPresent(1) ? call.OneOf(1, "split", ["train", "validation", "test"]) : "test");
            if (d.Data is not IHasBaselines b) throw new ScriptArgumentException($"{d.Kind} data has no baselines");
            ScriptTableWriter t = call.ReturnTable();
            foreach (BaselineResult r in b.Baselines(split)) t.Set($"{r.Name}_{r.Metric}", r.Value);
        });
        return kind;
    }

    private static Split ParseSplit(string s) => s switch { "train" => Split.Train, "validation" => Split.Validation, _ => Split.Test };

    private static void Info(ScriptDataset d, ScriptCall call)
    {
        TaskShape s = d.Shape;
        ScriptTableWriter t = call.ReturnTable(10);
        t.Set("kind", d.Kind).Set("seq", s.SequenceLength).Set("features", s.InputFeatures).Set("vocab", s.VocabularySize)
         .Set("classes", s.NumClasses).Set("values", s.NumValues)
         .Set("train", d.Data.Count(Split.Train)).Set("validation", d.Data.Count(Split.Validation)).Set("test", d.Data.Count(Split.Test));
    }

    /// <summary>Train/validation fractions from <c>split = {0.7, 0.15, 0.15}</c> (the rest tests).</summary>
    internal static (double Train, double Validation) ReadSplit(ScriptOptions o, double train, double validation)
    {
        double[]? split = o.OptionalNumbers("split");  // doubles: 0.7f·1000 floors to 699
        if (split is null) return (train, validation);
        if (split.Length is < 2 or > 3 || split.Any(f => !(f >= 0)) || split[0] <= 0 || split.Take(2).Sum() >= 1.0001
            || (split.Length == 3 && Math.Abs(split.Sum() - 1) > 1e-4))
            throw new ScriptArgumentException($"'split' must be {{train, validation[, test]}} fractions that add up to 1 with some left for test (got {{{string.Join(", ", split.Select(f => f.ToString(CultureInfo.InvariantCulture)))}}})");
        return (split[0], split[1]);
    }

    private static ulong Seed(ScriptOptions o) => (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);

    private static ScriptDataset Weather(ScriptOptions o, CancellationToken cancellation)
    {
        int days = o.OptionalInt("days", IntRange.Between(60, 200_000), 3000);
        int seq = o.OptionalInt("seq", IntRange.Between(1, 365), 14);
        int horizon = o.OptionalInt("horizon", IntRange.Between(1, 30), 1);
        string labels = o.OptionalOneOf("labels", LabelSets, "rain");
        bool classTarget = o.OptionalBool("class", true);
        string[] values = o.OptionalStrings("values") ?? ["temp_mean"];
        string[] features = o.OptionalStrings("features") ?? [.. WeatherHistory.ColumnNames];
        (double train, double validation) = ReadSplit(o, 0.7, 0.15);
        ulong seed = Seed(o);
        WeatherClimate climate = Climate(o.OptionalTable("climate"));
        foreach (string name in features.Concat(values))
            if (!WeatherHistory.ColumnNames.Contains(name))
                throw new ScriptArgumentException($"'{name}' is not a weather column; known: {string.Join(", ", WeatherHistory.ColumnNames)}");
        if (!classTarget && values.Length == 0) throw new ScriptArgumentException("nothing to predict: give class = true or some values");
        var set = labels switch { "rain" => WeatherLabelSet.RainOrDry, "sun_cloud_rain" => WeatherLabelSet.SunCloudRain, _ => WeatherLabelSet.SunCloudRainStorm };
        var options = new WindowOptions
        {
            Features = features, SequenceLength = seq, Horizon = horizon, ClassTarget = classTarget, ValueTargets = values,
            TrainFraction = train, ValidationFraction = validation,
        };
        SimulatedWeather weather = SimulatedWeather.Create(climate, seed, days, options, set, cancellation: cancellation);
        return new ScriptDataset("weather", weather.Windows, WindowMetadata(weather.Windows), weather);
    }

    private static WeatherClimate Climate(ScriptOptions o)
    {
        var c = new WeatherClimate();
        c = c with
        {
            MeanTemperature = o.OptionalNumber("mean_temperature", NumberRange.Between(-40, 40), c.MeanTemperature),
            SeasonalAmplitude = o.OptionalNumber("seasonal_amplitude", NumberRange.Between(0, 40), c.SeasonalAmplitude),
            DailyAmplitude = o.OptionalNumber("daily_amplitude", NumberRange.Between(0, 25), c.DailyAmplitude),
            MeanHumidity = o.OptionalNumber("mean_humidity", NumberRange.Between(5, 100), c.MeanHumidity),
            Storminess = o.OptionalNumber("storminess", NumberRange.Between(0, 4), c.Storminess),
            ShowersPerDay = o.OptionalNumber("showers_per_day", NumberRange.Between(0, 10), c.ShowersPerDay),
            NoiseScale = o.OptionalNumber("noise", NumberRange.Between(0, 5), c.NoiseScale),
            HoursPerDay = o.OptionalInt("hours_per_day", IntRange.Between(4, 240), c.HoursPerDay),
            DaysPerYear = o.OptionalInt("days_per_year", IntRange.Between(10, 1000), c.DaysPerYear),
        };
        try
        {
            c.Validate();
        }
        catch (ArgumentException e)
        {
            // The ranges above are the core's, so this is a combination (e.g. of the year's days).
            throw new ScriptArgumentException($"'climate': {Refusing.CoreMessage(e)}");
        }
        return c;
    }

    /// <summary>What a checkpoint keeps of windowed data: the normalizations and the class names.</summary>
    internal static Dictionary<string, string> WindowMetadata(WindowedDataset w)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data.features"] = w.FeatureNormalizer.ToJson(),
            ["data.classes"] = string.Join('\n', w.Shape.ClassNames),
        };
        if (w.TargetNormalizer is { } t) meta["data.values"] = t.ToJson();
        return meta;
    }

    private static ScriptDataset Csv(ScriptOptions o, ScriptCall call)
    {
        FileAccessPolicy files = call.Files;
        string path = files.ResolveRead(o.RequiredString("path"));
        string[] features = o.RequiredStrings("features");
        string? target = o.Has("target") ? o.RequiredString("target") : null;
        string[] values = o.OptionalStrings("values") ?? [];
        string? date = o.Has("date") ? o.RequiredString("date") : null;
        int seq = o.OptionalInt("seq", IntRange.Between(1, 10_000), 14);
        int horizon = o.OptionalInt("horizon", IntRange.Between(1, 10_000), 1);
        int stride = o.OptionalInt("stride", IntRange.Positive, 1);
        (double train, double validation) = ReadSplit(o, 0.7, 0.15);
        string missing = o.OptionalOneOf("missing", MissingPolicies, "refuse");
        string[]? classes = o.OptionalStrings("classes");
        ScriptOptions groupTable = o.OptionalTable("groups");
        Dictionary<string, string>? groups = null;
        if (classes is not null && o.Has("groups"))
        {
            groups = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string cls in classes)
                foreach (string raw in groupTable.OptionalStrings(cls) ?? [])
                    groups[raw] = cls;
        }
        else if (o.Has("groups"))
        {
            throw new ScriptArgumentException("'groups' needs 'classes' (the group names, in class order)");
        }
        if (features.Length == 0) throw new ScriptArgumentException("'features' must name at least one column");
        if (target is null && values.Length == 0) throw new ScriptArgumentException("nothing to predict: give 'target' (a label column) and/or 'values' (numeric columns)");
        var csv = new CsvTimeSeriesOptions
        {
            Columns = features.Concat(values).Distinct().ToArray(),
            DateColumn = date,
            LabelColumn = target,
            ClassNames = classes,
            LabelGroups = groups,
            Missing = missing switch { "drop" => MissingValuePolicy.DropRow, "ffill" => MissingValuePolicy.ForwardFill, "mean" => MissingValuePolicy.Mean, _ => MissingValuePolicy.Refuse },
        };
        CheckFile(call, path, "this CSV file", 4);
        TimeSeries series;
        try
        {
            series = CsvTimeSeries.Load(path, csv);
        }
        catch (DataFormatException e)
        {
            throw new ScriptArgumentException(e.Message.Replace(path, ScriptPaths.ShowFile(files, path), StringComparison.Ordinal));
        }
        var windows = new WindowedDataset(series, new WindowOptions
        {
            Features = features, SequenceLength = seq, Horizon = horizon, Stride = stride, ClassTarget = target is not null,
            ValueTargets = values, TrainFraction = train, ValidationFraction = validation,
        });
        return new ScriptDataset("csv", windows, WindowMetadata(windows));
    }

    private static ScriptDataset Text(ScriptOptions o, ScriptCall call)
    {
        string path = call.Files.ResolveRead(o.RequiredString("path"));
        int seq = o.OptionalInt("seq", IntRange.Between(1, 100_000), 64);
        int stride = o.OptionalInt("stride", IntRange.NonNegative, 0);
        (double train, double validation) = ReadSplit(o, 0.9, 0.05);
        CheckFile(call, path, "this text", 6);
        string text = CharVocabulary.ReadText(path);
        CharVocabulary vocab = CharVocabulary.FromText(text);
        var data = new CharSequenceDataset(text, vocab, seq, stride, train, validation);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["data.vocabulary"] = string.Concat(vocab.Characters) };
        return new ScriptDataset("text", data, meta, Vocabulary: vocab);
    }

    private static (int Train, int Validation, int Test) Counts(ScriptOptions o, int train, int validation, int test) =>
        (o.OptionalInt("train", IntRange.Positive, train), o.OptionalInt("validation", IntRange.Positive, validation), o.OptionalInt("test", IntRange.Positive, test));

    /// <summary>Refuses generated samples that would not fit the host's limit (the shape comes from a one-sample probe).</summary>
    internal static void CheckSamples(ScriptCall call, TaskShape shape, int train, int validation, int test)
    {
        int t = shape.SequenceLength, targets = shape.TargetEveryStep ? t : 1;
        double perSample = (shape.TokenInput ? t : (double)t * shape.InputFeatures) + (shape.NumClasses > 0 ? targets : 0) + (double)targets * shape.NumValues;
        double samples = (double)train + validation + test;
        HostMemory.Check(call.Host, "this dataset", samples * perSample * sizeof(float),
            $"{HostMemory.Count(samples)} samples of {HostMemory.Count(perSample)} values");
    }

    /// <summary>Refuses a file whose loaded form (about <paramref name="bytesPerByte"/> bytes for each of its bytes) would not fit the host's limit.</summary>
    private static void CheckFile(ScriptCall call, string path, string what, int bytesPerByte)
    {
        var file = new FileInfo(path);
        if (file.Exists) HostMemory.Check(call.Host, what, (double)file.Length * bytesPerByte, $"{HostMemory.Format(file.Length)} on disk");
    }

    private static ScriptDataset Sine(ScriptOptions o, ScriptCall call)
    {
        int seq = o.OptionalInt("seq", IntRange.Between(1, 10_000), 30);
        int components = o.OptionalInt("components", IntRange.Between(1, 16), 3);
        bool every = o.OptionalBool("every_step", false);
        double noise = o.OptionalNumber("noise", NumberRange.Between(0, 10), 0);
        (int train, int val, int test) = Counts(o, 1000, 200, 200);
        CheckSamples(call, new SineMixtureDataset(seq, components, 1, 1, 1, 1, every).Shape, train, val, test);
        return new ScriptDataset("sine", new SineMixtureDataset(seq, components, train, val, test, Seed(o), every, noise, call.Cancellation), new Dictionary<string, string>());
    }

    private static ScriptDataset Adding(ScriptOptions o, ScriptCall call)
    {
        int seq = o.OptionalInt("seq", IntRange.Between(2, 10_000), 50);
        (int train, int val, int test) = Counts(o, 2000, 400, 400);
        CheckSamples(call, new AddingProblemDataset(seq, 1, 1, 1).Shape, train, val, test);
        return new ScriptDataset("adding", new AddingProblemDataset(seq, train, val, test, Seed(o), call.Cancellation), new Dictionary<string, string>());
    }

    private static ScriptDataset Copy(ScriptOptions o, ScriptCall call)
    {
        int symbols = o.OptionalInt("symbols", IntRange.Between(2, 64), 8);
        int length = o.OptionalInt("length", IntRange.Between(1, 1000), 5);
        int delay = o.OptionalInt("delay", IntRange.Between(0, 10_000), 10);
        (int train, int val, int test) = Counts(o, 2000, 400, 400);
        CheckSamples(call, new CopyTaskDataset(symbols, length, delay, 1, 1, 1).Shape, train, val, test);
        return new ScriptDataset("copy", new CopyTaskDataset(symbols, length, delay, train, val, test, Seed(o), call.Cancellation), new Dictionary<string, string>());
    }
}
