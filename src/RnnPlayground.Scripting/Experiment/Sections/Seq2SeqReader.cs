using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// Reads the experiment table of an encoder–decoder (<c>data</c> a Pairs handle, <c>model</c> a
/// Seq2Seq handle): <c>name</c>, <c>optimizer</c>, <c>schedule</c>, <c>batch</c>, <c>epochs</c>/<c>steps</c>,
/// <c>clip</c>, <c>teacher_forcing</c> (a ratio, or <c>{from, to, steps}</c> for scheduled sampling),
/// <c>evaluate_every</c>, <c>beam</c>, <c>seed</c>, <c>sample</c> (the pair the live view decodes: an
/// index into the test split, or a source text), <c>feed_every</c>, the callbacks and <c>compare</c>
/// (variants with model, optimizer, schedule, clip, batch, steps, epochs, seed, teacher_forcing replaced).
/// </summary>
internal static class Seq2SeqReader
{
    private static readonly string[] CallbackNames = ["on_step", "on_epoch", "on_eval", "on_finish"];
    private static readonly string[] LiveOnly = ["on_draw", "on_day", "on_key", "on_click", "live", "view", "select", "loss", "bptt", "clip_value"];

    public static Seq2SeqTable Read(ScriptOptions o, ScriptTable table, ExperimentKinds kinds, string defaultName, string scriptPath,
        IReadOnlyDictionary<string, object> parameters)
    {
        string name = o.OptionalString("name", defaultName);
        ScriptPairs pairs = o.RequiredHandle("data", kinds.Pairs);
        ScriptSeq2Seq model = o.RequiredHandle("model", kinds.Seq2Seq);
        foreach (string field in LiveOnly)
            if (o.Has(field)) throw new ScriptArgumentException($"'{field}' is not used by an encoder–decoder experiment (data from rnn.data.pairs or rnn.data.task, model rnn.nn.seq2seq)");
        foreach (string callback in CallbackNames)
            if (o.Has(callback) && !table.HasFunction(callback))
                throw new ScriptArgumentException($"'{callback}' must be a function");
        PairDataset pairData = DataFor(pairs, model);
        var definition = new Seq2SeqDefinition
        {
            Name = name,
            Data = pairData,
            Model = Seq2SeqPairs.Sized(model.Spec, pairData),
            Optimizer = o.OptionalHandle("optimizer", kinds.Optimizer) ?? new OptimizerSpec("adam", 1e-3f),
            Schedule = o.OptionalHandle("schedule", kinds.Schedule),
            BatchSize = o.OptionalInt("batch", IntRange.Between(1, 1_000_000), 32),
            ClipNorm = o.OptionalNumber("clip", NumberRange.NonNegative, 0),
            Epochs = o.Has("epochs") ? o.RequiredInt("epochs", IntRange.Positive) : null,
            Steps = o.Has("steps") ? o.RequiredInt("steps", IntRange.Positive) : null,
            EvaluateEvery = o.OptionalInt("evaluate_every", IntRange.NonNegative, 0),
            Beam = o.OptionalInt("beam", IntRange.Between(1, 256), 1),
            Seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1),
            Metadata = MetadataOf(pairData, scriptPath),
            Parameters = parameters,
        };
        definition = WithTeacherForcing(o, definition);
        Validated(definition);
        TextPair sample = ReadSample(o, definition.Data);
        int feedEvery = o.OptionalInt("feed_every", IntRange.Positive, 10);
        var variants = new List<Seq2SeqTable.Variant>();
        foreach (ScriptOptions v in o.OptionalTableList("compare"))
        {
            string variantName = v.RequiredString("name");
            if (OutputFolder.NameProblem(variantName) is { } problem) throw new ScriptArgumentException($"'compare' variant '{variantName}': the name {problem}");
            if (variants.Any(x => OutputFolder.SameFolder(x.Name, variantName)))
                throw new ScriptArgumentException($"two 'compare' variants would share the output folder of '{variantName}'; name them apart");
            ScriptSeq2Seq variantModel = v.OptionalHandle("model", kinds.Seq2Seq) ?? model;
            PairDataset data = DataFor(pairs, variantModel);
            var variant = definition with
            {
                Name = $"{name}-{variantName}",
                Data = data,
                Model = Seq2SeqPairs.Sized(variantModel.Spec, data),
                Metadata = MetadataOf(data, scriptPath),
                Optimizer = v.OptionalHandle("optimizer", kinds.Optimizer) ?? definition.Optimizer,
                Schedule = v.OptionalHandle("schedule", kinds.Schedule) ?? definition.Schedule,
                BatchSize = v.OptionalInt("batch", IntRange.Between(1, 1_000_000), definition.BatchSize),
                ClipNorm = v.OptionalNumber("clip", NumberRange.NonNegative, definition.ClipNorm),
                Steps = v.Has("steps") ? v.RequiredInt("steps", IntRange.Positive) : definition.Steps,
                Epochs = v.Has("epochs") ? v.RequiredInt("epochs", IntRange.Positive) : definition.Epochs,
                Seed = (ulong)v.OptionalInt("seed", IntRange.NonNegative, (int)definition.Seed),
            };
            variants.Add(new Seq2SeqTable.Variant(variantName, Validated(WithTeacherForcing(v, variant)), variantModel));
        }
        return new Seq2SeqTable(definition, pairs, model, sample, feedEvery, variants);
    }

    private static Dictionary<string, string> MetadataOf(PairDataset data, string scriptPath) =>
        new(ScriptPairs.MetadataOf(data), StringComparer.Ordinal) { ["script"] = scriptPath };

    /// <summary>The pairs as <paramref name="model"/> reads them: with the source reversed when it asks for that.</summary>
    private static PairDataset DataFor(ScriptPairs pairs, ScriptSeq2Seq model)
    {
        PairDataset data = pairs.Data;
        if (!model.ReverseSource) return data;
        if (data.Options.ReverseSource)
            throw new ScriptArgumentException("the model's 'reverse_source' would reverse sources the pairs already reverse (reverse_source in rnn.data); set it in one place");
        return pairs.Reversed;
    }

    /// <summary><c>teacher_forcing = 0.5</c> (constant) or <c>{from = 1, to = 0.5, steps = N}</c> (linear; steps left out: the whole run).</summary>
    private static Seq2SeqDefinition WithTeacherForcing(ScriptOptions o, Seq2SeqDefinition d)
    {
        if (!o.Has("teacher_forcing")) return d;
        if (!o.IsTable("teacher_forcing"))
        {
            float ratio = (float)o.RequiredNumber("teacher_forcing", NumberRange.Between(0, 1));
            return d with { TeacherForcingFrom = ratio, TeacherForcingTo = ratio, TeacherForcingSteps = null };
        }
        ScriptOptions t = o.RequiredTable("teacher_forcing");
        float from = (float)t.OptionalNumber("from", NumberRange.Between(0, 1), 1);
        float to = (float)t.RequiredNumber("to", NumberRange.Between(0, 1));
        long? steps = t.Has("steps") ? t.RequiredInt("steps", IntRange.Positive) : null;
        return d with { TeacherForcingFrom = from, TeacherForcingTo = to, TeacherForcingSteps = steps };
    }

    /// <summary><c>sample = 3</c> (the test split's third pair) or <c>sample = 'text'</c> (no target); default the test split's first pair.</summary>
    private static TextPair ReadSample(ScriptOptions o, PairDataset data)
    {
        Split split = data.Count(Split.Test) > 0 ? Split.Test : data.Count(Split.Validation) > 0 ? Split.Validation : Split.Train;
        if (o.Has("sample") && o.IsString("sample"))
        {
            string text = o.RequiredString("sample");
            if (data.EncodeSource(text).Length == 0) throw new ScriptArgumentException("'sample' has no tokens");
            return new TextPair(text, "");
        }
        int index = o.OptionalInt("sample", IntRange.Between(1, data.Count(split)), 1);
        return data.Pair(split, index - 1);
    }

    private static Seq2SeqDefinition Validated(Seq2SeqDefinition d) => Refusing.Arguments(() =>
    {
        d.Validate();
        return d;
    });
}

/// <summary>What an encoder–decoder experiment table says, checked.</summary>
/// <param name="Sample">The pair the live view decodes as training goes (its target empty for a text of the script's).</param>
/// <param name="FeedEvery">Training steps between two decodings of <paramref name="Sample"/> in the live view.</param>
internal sealed record Seq2SeqTable(Seq2SeqDefinition Definition, ScriptPairs Pairs, ScriptSeq2Seq Model, TextPair Sample, int FeedEvery,
    IReadOnlyList<Seq2SeqTable.Variant> Variants)
{
    /// <summary>One experiment of a comparison.</summary>
    public sealed record Variant(string Name, Seq2SeqDefinition Definition, ScriptSeq2Seq Model);
}
