using System.Globalization;
using RnnPlayground.Core;
using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.data.generate{ train, validation, test, seed, sample = function(rng, i, split) … return x, y end, … }</c>:
/// calls <c>sample</c> once per sample (i = 1 … n within each split, in the order train,
/// validation, test) and keeps what it returns, so training makes no Lua call. Each call gets the
/// same Random handle, reseeded from (seed, split, i): a sample depends only on those, on every
/// machine, whatever the thread count and the other splits' sizes. The calls run inside the
/// script's own limits (one entry: its time limit and instruction budget cover all samples); a
/// sample that fails or does not fit is reported with its index. Large datasets (10⁴ samples or
/// more) print a progress line every tenth.
/// </summary>
internal static class GenerateFunction
{
    private const int ProgressFrom = 10_000;
    private static readonly string[] SplitNames = ["train", "validation", "test"];
    private static readonly string[] ResultNames = ["x", "y"];

    public static ScriptDataset Make(ScriptOptions o, ScriptCall call, HandleKind<RandomSource> randomKind)
    {
        int[] counts = [o.OptionalInt("train", IntRange.Between(1, 10_000_000), 2000),
            o.OptionalInt("validation", IntRange.Between(1, 10_000_000), 400), o.OptionalInt("test", IntRange.Between(1, 10_000_000), 400)];
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);
        bool normalize = o.OptionalBool("normalize", false);
        SampleLayout layout = SampleLayout.Read(o);
        using ScriptFunctionReference sample = o.RequiredFunction("sample");
        var random = new RandomSource(seed);
        using ScriptValue rng = call.Host.KeepHandle(randomKind, random);
        var results = new ScriptNumbers?[2];
        SequenceDatasetBuilder? builder = null;
        long total = counts.Sum(c => (long)c), done = 0;
        for (int s = 0; s < 3; s++)
        {
            for (int i = 0; i < counts[s]; i++)
            {
                call.Cancellation.ThrowIfCancellationRequested();
                string where = $"sample {i + 1} of {SplitNames[s]}";
                random.Reseed(SampleSeed(seed, s, i));
                ScriptCallResult r;
                try
                {
                    r = call.Host.TryCall(sample, [rng, i + 1, SplitNames[s]], ResultNames, results);
                }
                catch (ScriptArgumentException e)
                {
                    throw new ScriptArgumentException($"{where}: {e.Message}");
                }
                if (r.Error is { Kind: ScriptErrorKind.Limit })
                {
                    // The script goes on to stop on the limit itself, without this call's words: say here where it was.
                    call.Host.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"rnn.data.generate: the script's limit stopped {where} ({done} of {total} samples made; all samples share the script's one time limit and instruction budget)"));
                }
                if (r.Error is { } error)
                    throw new ScriptException(error.Kind, $"{where}: {error.Message}", error.ScriptPath, error.Line, error.LuaTraceback, error.Hint);
                if (builder is null)
                {
                    TaskShape shape = Fix(layout, results, where);
                    DataModule.CheckSamples(call, shape, counts[0], counts[1], counts[2]);
                    builder = Refusing.Arguments(() => new SequenceDatasetBuilder(shape, counts[0], counts[1], counts[2]));
                }
                layout.Add(builder, (Split)s, i, results[0], results[1], where, "x", "y", "sample 1 of train");
                if (++done % Math.Max(1, total / 10) == 0 && total >= ProgressFrom && done < total)
                    call.Host.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rnn.data.generate: {done}/{total} samples"));
            }
        }
        SequenceDataset data = builder!.Build(normalize);
        return new ScriptDataset("generate", data, SequencesFunction.Metadata(data));
    }

    private static TaskShape Fix(SampleLayout layout, ScriptNumbers?[] results, string where)
    {
        try
        {
            return layout.Fix(results[0], results[1], "x", "y");
        }
        catch (ScriptArgumentException e)
        {
            throw new ScriptArgumentException($"{where}: {e.Message}");
        }
    }

    /// <summary>The seed of sample <paramref name="index"/> of split <paramref name="split"/> (SplitMix64 of the three, so neighbours are unrelated).</summary>
    internal static ulong SampleSeed(ulong seed, int split, int index)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL + ((ulong)split << 40) + (ulong)index + 1;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
