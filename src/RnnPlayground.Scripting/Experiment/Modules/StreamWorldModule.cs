using RnnPlayground.Core;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.world{…}</c>: a world the script computes, streamed live like the weather world. It names
/// its <c>series</c> (and their <c>units</c>), which are the model's <c>inputs</c> and which its
/// forecast <c>values</c>, optional <c>classes</c>; <c>observe(t, rng, state)</c> returns one tick's
/// <c>{name = number, …}</c> (with <c>class = 'name'</c> when there are classes, and <c>note = '…'</c>
/// to mark a change in the charts); <c>init(rng)</c> makes the state; a step of the model's stream
/// is every <c>every</c>-th tick. The world runs <c>history</c> steps from <c>seed</c> at once (the
/// training data and its normalization); the live loop restarts it from <c>live.world_seed</c>.
/// Returns a Dataset handle for the experiment's <c>data</c>.
/// </summary>
public static class StreamWorldModule
{
    public static void Register(LuaHost host, HandleKind<ScriptDataset> dataKind, HandleKind<RandomSource> randomKind)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.RegisterFunction("rnn", "world", call => call.ReturnHandle(dataKind, World(call, call.Options(1), randomKind)));
    }

    private static ScriptDataset World(ScriptCall call, ScriptOptions o, HandleKind<RandomSource> randomKind)
    {
        string[] names = o.RequiredStrings("series");
        if (names.Length == 0) throw new ScriptArgumentException("'series' must name at least one series");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) throw new ScriptArgumentException("'series' names a series twice");
        foreach (string n in names)
            if (n is "class" or "note" || n.Length == 0) throw new ScriptArgumentException($"'series' cannot use the name '{n}' (observe returns class and note for the class and a marker)");
        string[] units = o.OptionalStrings("units") ?? names.Select(_ => "").ToArray();
        if (units.Length != names.Length) throw new ScriptArgumentException($"'units' must give one unit per series ({names.Length}, got {units.Length})");
        string[] inputs = o.OptionalStrings("inputs") ?? names;
        string[]? classes = o.OptionalStrings("classes");
        string[] values = o.OptionalStrings("values") ?? (classes is null ? [names[0]] : []);
        foreach (string n in inputs.Concat(values))
            if (!names.Contains(n)) throw new ScriptArgumentException($"'{n}' is not one of the series ({string.Join(", ", names)})");
        if (inputs.Length == 0) throw new ScriptArgumentException("'inputs' must name at least one series");
        if (classes is { Length: < 2 }) throw new ScriptArgumentException("'classes' must name at least two classes");
        if (values.Length == 0 && classes is null) throw new ScriptArgumentException("nothing to predict: give 'values' or 'classes'");
        int every = o.OptionalInt("every", IntRange.Between(1, 100_000), 1);
        int history = o.OptionalInt("history", IntRange.Between(100, 1_000_000), 2000);
        int seq = o.OptionalInt("seq", IntRange.Between(1, 10_000), 16);
        int horizon = o.OptionalInt("horizon", IntRange.Between(1, 10_000), 1);
        int period = o.OptionalInt("period", IntRange.Between(10, 10_000_000), 1000);
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);
        ScriptFunctionReference observe = o.RequiredFunction("observe");
        ScriptFunctionReference? init = o.OptionalFunction("init");
        if (history < seq + horizon + 10) throw new ScriptArgumentException($"'history' must be at least seq + horizon + 10 steps ({seq + horizon + 10}) to cut windows from");
        HostMemory.Check(call.Host, "this world's history", (double)history * (names.Length + 1) * sizeof(float) * 2, $"{HostMemory.Count(history)} steps");

        var series = names.Select((n, i) => new StreamSeries(n, units[i])).ToArray();
        var world = new ScriptWorld(call.Host, randomKind, observe, init, series, classes ?? [], every);
        var options = new WindowOptions
        {
            Features = inputs, SequenceLength = seq, Horizon = horizon, ClassTarget = classes is not null, ValueTargets = values,
            TrainFraction = 0.8, ValidationFraction = 0.1,
        };
        SimulatedStream stream;
        try
        {
            stream = SimulatedStream.Create(world, seed, history, options, call.Cancellation);
        }
        catch (WorldFailedException e)
        {
            throw new ScriptArgumentException($"the world failed while making its history: {e.Message}");
        }
        return new ScriptDataset("world", stream.Windows, DataModule.WindowMetadata(stream.Windows), World: new ScriptStream(stream, period));
    }
}
