using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.data.pairs{ path = 'x.tsv', … }</c> (a file of <c>source&lt;TAB&gt;target</c> lines) and
/// <c>rnn.data.task{ name = 'dates' | 'reverse' | 'copy' | 'addition', … }</c> (generated, seeded):
/// token pairs for an encoder–decoder, as a Pairs handle with <c>info</c>, <c>pair</c> and
/// <c>score</c>. Vocabularies come from the training split only.
/// </summary>
internal static class PairsFunction
{
    private static readonly string[] Levels = ["char", "word"];
    private static readonly string[] Tasks = ["dates", "reverse", "copy", "addition"];
    private static readonly string[] SplitNames = ["train", "validation", "test"];

    public static HandleKind<ScriptPairs> Register(LuaHost host)
    {
        HandleKind<ScriptPairs> kind = host.RegisterHandleKind<ScriptPairs>("Pairs", p => p.ToString());
        host.RegisterFunction("rnn.data", "pairs", call => call.ReturnHandle(kind, FromFile(call.Options(1), call)));
        host.RegisterFunction("rnn.data", "task", call => call.ReturnHandle(kind, Generated(call.Options(1), call)));
        kind.RegisterMethod("info", Info);
        kind.RegisterMethod("pair", Pair);
        kind.RegisterMethod("score", Score);
        return kind;
    }

    private static ScriptPairs FromFile(ScriptOptions o, ScriptCall call)
    {
        string path = call.Files.ResolveRead(o.RequiredString("path"));
        PairDatasetOptions options = ReadOptions(o, o.OptionalOneOf("level", Levels, "char"));
        (double train, double validation) = DataModule.ReadSplit(o, 0.8, 0.1);
        if (File.Exists(path))
            HostMemory.Check(call.Host, "this pairs file", new FileInfo(path).Length * 24.0, $"{HostMemory.Format(new FileInfo(path).Length)} on disk");
        PairSplits splits;
        try
        {
            splits = PairFile.Read(path, options, train, validation);
        }
        catch (DataFormatException e)
        {
            throw new ScriptArgumentException(e.Message.Replace(path, ScriptPaths.ShowFile(call.Files, path), StringComparison.Ordinal));
        }
        catch (FileNotFoundException)
        {
            throw new ScriptArgumentException($"cannot read '{o.RequiredString("path")}': no such file");
        }
        return Make("pairs", splits, options);
    }

    private static ScriptPairs Generated(ScriptOptions o, ScriptCall call)
    {
        string name = o.RequiredOneOf("name", Tasks);
        var counts = (o.OptionalInt("train", IntRange.Between(1, 1_000_000), 5000),
            o.OptionalInt("validation", IntRange.Between(0, 1_000_000), 500), o.OptionalInt("test", IntRange.Between(0, 1_000_000), 500));
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);
        PairDatasetOptions options = ReadOptions(o, "char");
        HostMemory.Check(call.Host, "this task", (counts.Item1 + counts.Item2 + counts.Item3) * 400.0,
            $"{HostMemory.Count(counts.Item1 + counts.Item2 + counts.Item3)} pairs");
        PairSplits splits = name switch
        {
            "dates" => DatePairTask.Generate(counts, seed, o.OptionalBool("held_out", true), call.Cancellation),
            "addition" => AdditionPairTask.Generate(counts, seed, o.OptionalInt("digits", IntRange.Between(1, 9), 3), call.Cancellation),
            _ => Strings(o, name, counts, seed, call.Cancellation),
        };
        return Make(name, splits, options);
    }

    private static PairSplits Strings(ScriptOptions o, string name, (int, int, int) counts, ulong seed, CancellationToken cancellation)
    {
        int min = o.OptionalInt("min_length", IntRange.Between(1, 1000), 4);
        int max = o.OptionalInt("max_length", IntRange.Between(1, 1000), 16);
        string alphabet = o.OptionalString("alphabet", StringPairTask.Letters);
        if (max < min) throw new ScriptArgumentException($"'max_length' ({max}) is less than 'min_length' ({min})");
        return Refusing.Arguments(() => name == "reverse"
            ? StringPairTask.Reverse(counts, seed, min, max, alphabet, cancellation)
            : StringPairTask.Copy(counts, seed, min, max, alphabet, cancellation));
    }

    private static PairDatasetOptions ReadOptions(ScriptOptions o, string level) => new()
    {
        Level = level == "word" ? TokenLevel.Word : TokenLevel.Char,
        MinCount = o.OptionalInt("min_count", IntRange.Between(1, 1_000_000), 1),
        ReverseSource = o.OptionalBool("reverse_source", false),
        MaxSourceLength = o.OptionalInt("max_source", IntRange.NonNegative, 0),
        MaxTargetLength = o.OptionalInt("max_target", IntRange.NonNegative, 0),
    };

    private static ScriptPairs Make(string kind, PairSplits splits, PairDatasetOptions options)
    {
        PairDataset data = Refusing.Arguments(() => new PairDataset(splits.Train, splits.Validation, splits.Test, options));
        return new ScriptPairs(kind, data, ScriptPairs.MetadataOf(data));
    }

    private static Split ReadSplit(ScriptCall call, int position, string defaultSplit) =>
        (Split)Array.IndexOf(SplitNames, call.IsPresent(position) ? call.OneOf(position, "split", SplitNames) : defaultSplit);

    private static void Info(ScriptPairs p, ScriptCall call)
    {
        PairDataset d = p.Data;
        call.ReturnTable(10)
            .Set("kind", p.Kind).Set("level", d.Level == TokenLevel.Word ? "word" : "char")
            .Set("source_vocab", d.SourceVocabulary.Size).Set("target_vocab", d.TargetVocabulary.Size)
            .Set("max_source", d.MaxSourceLength).Set("max_target", d.MaxTargetSteps - 1)
            .Set("train", d.Count(Split.Train)).Set("validation", d.Count(Split.Validation)).Set("test", d.Count(Split.Test));
    }

    /// <summary><c>data:pair(i[, split])</c> → source, target (the texts as given; i from 1).</summary>
    private static void Pair(ScriptPairs p, ScriptCall call)
    {
        Split split = ReadSplit(call, 2, "train");
        int count = p.Data.Count(split);
        if (count == 0) throw new ScriptArgumentException($"the {SplitNames[(int)split]} split has no pairs");
        int i = call.Int(1, "i", IntRange.Between(1, count));
        TextPair pair = p.Data.Pair(split, i - 1);
        call.Return(pair.Source);
        call.Return(pair.Target);
    }

    /// <summary><c>data:score(outputs[, split])</c>: one output per pair of the split (default test) → the sequence metrics.</summary>
    private static void Score(ScriptPairs p, ScriptCall call)
    {
        string[] outputs = call.Strings(1, "outputs");
        Split split = ReadSplit(call, 2, "test");
        int count = p.Data.Count(split);
        if (outputs.Length != count)
            throw new ScriptArgumentException($"'outputs' has {outputs.Length} texts where the {SplitNames[(int)split]} split has {count} pairs (one output per pair, in order)");
        if (count == 0) throw new ScriptArgumentException($"the {SplitNames[(int)split]} split has no pairs to score");
        string[] targets = Enumerable.Range(0, count).Select(i => p.Data.Pair(split, i).Target).ToArray();
        TokenLevel level = p.Data.Level;
        string[][] outputTokens = outputs.Select(o => TokenText.Split(o, level)).ToArray();
        string[][] targetTokens = targets.Select(t => TokenText.Split(t, level)).ToArray();
        call.ReturnTable(6)
            .Set("exact", SequenceMetrics.ExactMatch(outputs, targets))
            .Set("token_accuracy", SequenceMetrics.TokenAccuracy(outputTokens, targetTokens))
            .Set("cer", SequenceMetrics.CharacterErrorRate(outputs, targets))
            .Set("bleu", Bleu.Corpus(outputs, targets).Score)
            .Set("chrf", ChrF.Corpus(outputs, targets))
            .Set("count", count);
    }
}
