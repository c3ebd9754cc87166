namespace RnnPlayground.Core.Data;

/// <summary>
/// Sequence classification from a UTF-8 file of <c>label&lt;TAB&gt;text</c> lines (blank lines
/// skipped): each text is a variable-length sequence of token ids (characters or words), its label
/// the class after the last step. The lines are shuffled (seeded) and split; the vocabulary comes
/// from the training split only, sorted, with id 0 the unknown token that every token not seen in
/// training becomes. Classes are the labels of the whole file, sorted.
/// </summary>
public sealed class LabelledTextDataset : ISequenceDataset
{
    /// <summary>The name of token 0.</summary>
    public const string UnknownToken = "<unk>";

    private readonly SequenceDataset _data;
    private readonly int[] _unknown = new int[3];

    private LabelledTextDataset(SequenceDataset data, IReadOnlyList<string> tokens, int[] unknown)
    {
        _data = data;
        Tokens = tokens;
        unknown.CopyTo(_unknown, 0);
    }

    public TaskShape Shape => _data.Shape;

    /// <summary>The vocabulary: token id → token (id 0 is <see cref="UnknownToken"/>).</summary>
    public IReadOnlyList<string> Tokens { get; }

    public int Count(Split split) => _data.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _data.Fill(split, indices, batch);

    public int LengthOf(Split split, int index) => _data.LengthOf(split, index);

    /// <summary>How many tokens of <paramref name="split"/> were not in the training vocabulary.</summary>
    public int UnknownTokens(Split split) => _unknown[(int)split];

    /// <summary>Reads and splits the file.</summary>
    /// <exception cref="DataFormatException">A line without a tab, an empty label or text, too few lines or labels.</exception>
    public static LabelledTextDataset Load(string path, LabelledTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var records = new List<(string Label, string[] Tokens)>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0) throw new DataFormatException(path, lineNumber, null, "no tab: each line is label<TAB>text");
            string label = line[..tab].Trim(), text = line[(tab + 1)..];
            if (label.Length == 0) throw new DataFormatException(path, lineNumber, null, "empty label before the tab");
            if (options.Lowercase) text = text.ToLowerInvariant();
            string[] tokens = options.Level == TextLevel.Word
                ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : [.. text.Trim().Select(c => c.ToString())];
            if (tokens.Length == 0) throw new DataFormatException(path, lineNumber, null, "empty text after the tab");
            if (options.MaxLength > 0 && tokens.Length > options.MaxLength) tokens = tokens[..options.MaxLength];
            records.Add((label, tokens));
        }
        if (records.Count < 3) throw new DataFormatException(path, 0, null, $"{records.Count} labelled lines: at least 3 are needed (train, validation, test)");
        string[] classes = [.. records.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];
        if (classes.Length < 2) throw new DataFormatException(path, 0, null, $"every line has the label '{classes[0]}': a classifier needs at least 2 labels");

        int[] order = [.. Enumerable.Range(0, records.Count)];
        new RandomSource(options.Seed).Shuffle(order.AsSpan());
        ChronologicalSplit split = ChronologicalSplit.FromFractions(records.Count, options.TrainFraction, options.ValidationFraction);
        foreach (Split s in Enum.GetValues<Split>())
            if (split.Count(s) == 0)
                throw new DataFormatException(path, 0, null, $"the split leaves no {s.ToString().ToLowerInvariant()} lines of {records.Count}");

        string[] vocabulary = [UnknownToken, .. Enumerable.Range(0, split.Train).SelectMany(i => records[order[i]].Tokens).Distinct().Order(StringComparer.Ordinal)];
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 1; i < vocabulary.Length; i++) ids[vocabulary[i]] = i;
        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) classIds[classes[i]] = i;

        int longest = records.Max(r => r.Tokens.Length);
        var shape = new TaskShape(longest, 0, vocabulary.Length, classes.Length, 0, false, [], classes, [], VariableLength: true);
        var builder = new SequenceDatasetBuilder(shape, split.Train, split.Validation, split.Test);
        var unknown = new int[3];
        foreach (Split s in Enum.GetValues<Split>())
            for (int i = 0; i < split.Count(s); i++)
            {
                (string label, string[] tokens) = records[order[split.Offset(s) + i]];
                int[] tokenIds = new int[tokens.Length];
                for (int k = 0; k < tokens.Length; k++)
                {
                    tokenIds[k] = ids.GetValueOrDefault(tokens[k]);
                    if (tokenIds[k] == 0) unknown[(int)s]++;
                }
                builder.Set(s, i, [], tokenIds, [classIds[label]], []);
            }
        return new LabelledTextDataset(builder.Build(normalize: false), vocabulary, unknown);
    }
}
