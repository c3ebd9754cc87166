using RnnPlayground.Core.Data;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>What <c>rnn.data.pairs</c> and <c>rnn.data.task</c> give a script: source–target token pairs for an encoder–decoder.</summary>
/// <param name="Kind">"pairs" (a file) or the task's name: "reverse", "copy", "addition", "dates".</param>
/// <param name="Data">The pairs, their vocabularies (training split only) and batches.</param>
/// <param name="Metadata">Strings stored with every checkpoint: the token level and both vocabularies.</param>
public sealed record ScriptPairs(string Kind, PairDataset Data, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The checkpoint metadata of <paramref name="data"/>: <c>data.level</c>, <c>data.source_vocabulary</c> and <c>data.target_vocabulary</c> (tokens one a line, in id order).</summary>
    public static IReadOnlyDictionary<string, string> MetadataOf(PairDataset data) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["data.level"] = data.Level == TokenLevel.Word ? "word" : "char",
        ["data.source_vocabulary"] = string.Join('\n', data.SourceVocabulary.Tokens),
        ["data.target_vocabulary"] = string.Join('\n', data.TargetVocabulary.Tokens),
    };

    private PairDataset? _reversed;

    /// <summary>The same pairs with each source fed backwards (for a model with <c>reverse_source</c>), made once when first asked for.</summary>
    public PairDataset Reversed => _reversed ??= new PairDataset(Texts(Split.Train), Texts(Split.Validation), Texts(Split.Test),
        Data.Options with { ReverseSource = true });

    private TextPair[] Texts(Split split) => Enumerable.Range(0, Data.Count(split)).Select(i => Data.Pair(split, i)).ToArray();

    public override string ToString() =>
        $"Pairs({Kind}: {(Data.Level == TokenLevel.Word ? "words" : "characters")}, vocabularies {Data.SourceVocabulary.Size} → {Data.TargetVocabulary.Size}, " +
        $"{Data.Count(Split.Train)}/{Data.Count(Split.Validation)}/{Data.Count(Split.Test)} pairs)";
}
