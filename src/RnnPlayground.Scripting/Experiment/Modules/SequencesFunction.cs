using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.data.sequences{ inputs = {…}, targets = {…}, split, normalize, classes, vocab, every_step }</c>:
/// a dataset from the script's own tables, sample i being (inputs[i], targets[i]); the first
/// fraction of the list trains, the next validates, the rest tests (in the order given). Inputs
/// of different lengths make a variable-length dataset (batches padded and masked).
/// </summary>
internal static class SequencesFunction
{
    public static ScriptDataset Make(ScriptOptions o)
    {
        IReadOnlyList<ScriptNumbers> inputs = o.RequiredNumbersList("inputs");
        IReadOnlyList<ScriptNumbers> targets = o.RequiredNumbersList("targets");
        (double train, double validation) = DataModule.ReadSplit(o, 0.7, 0.15);
        bool normalize = o.OptionalBool("normalize", false);
        SampleLayout layout = SampleLayout.Read(o);
        if (targets.Count != inputs.Count)
            throw new ScriptArgumentException($"'targets' has {targets.Count} samples where 'inputs' has {inputs.Count} (one target per sample)");
        if (inputs.Count == 0) throw new ScriptArgumentException("'inputs' has no samples");
        var split = ChronologicalSplit.FromFractions(inputs.Count, train, validation);
        foreach (Split s in Enum.GetValues<Split>())
            if (split.Count(s) == 0)
                throw new ScriptArgumentException($"the split leaves no {s.ToString().ToLowerInvariant()} samples of {inputs.Count}; give more samples or other 'split' fractions");
        int first = inputs[0]?.Rows ?? 0, longest = inputs.Max(x => x?.Rank > 0 ? x.Rows : 0);
        bool ragged = inputs.Any(x => x?.Rank > 0 && x.Rows != first);
        TaskShape shape = layout.Fix(inputs[0], targets[0], "inputs[1]", "targets[1]", ragged ? longest : 0);
        var builder = Refusing.Arguments(() => new SequenceDatasetBuilder(shape, split.Train, split.Validation, split.Test));
        foreach (Split s in Enum.GetValues<Split>())
            for (int i = 0; i < split.Count(s); i++)
            {
                int n = split.Offset(s) + i + 1;
                layout.Add(builder, s, i, inputs[n - 1], targets[n - 1], $"sample {n}", $"inputs[{n}]", $"targets[{n}]", "inputs[1]");
            }
        SequenceDataset data = builder.Build(normalize);
        return new ScriptDataset("sequences", data, Metadata(data));
    }

    /// <summary>What checkpoints keep of a script's dataset: the input normalization and the class names.</summary>
    internal static Dictionary<string, string> Metadata(SequenceDataset data)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.Normalizer is { } n) meta["data.features"] = n.ToJson();
        if (data.Shape.NumClasses > 0) meta["data.classes"] = string.Join('\n', data.Shape.ClassNames);
        return meta;
    }
}
