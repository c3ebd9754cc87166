namespace RnnPlayground.Core.Data;

/// <summary>
/// Source–target token pairs in three splits (train / validation / test), for encoder–decoder
/// models. Both vocabularies are built on the training split only, so a validation or test token
/// never seen in training reads <see cref="TokenVocabulary.Unk"/>. Samples are drawn in batches
/// bucketed by source length (<see cref="Batches"/>) and written into a preallocated
/// <see cref="PairBatch"/> by <see cref="Fill"/>, which does not allocate.
/// </summary>
public sealed class PairDataset
{
    private readonly PairSide[] _splits;

    /// <param name="train">Training pairs (the vocabularies come from these).</param>
    /// <param name="validation">Validation pairs (may be empty).</param>
    /// <param name="test">Test pairs (may be empty).</param>
    /// <param name="options">Token level, minimum count, source reversal, length limits.</param>
    /// <exception cref="ArgumentException">No training pairs, an empty source, or a side longer than its limit.</exception>
    public PairDataset(IReadOnlyList<TextPair> train, IReadOnlyList<TextPair> validation, IReadOnlyList<TextPair> test,
        PairDatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        Options = options ?? new PairDatasetOptions();
        if (Options.MaxSourceLength < 0 || Options.MaxTargetLength < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "length limits must be ≥ 0 (0: no limit)");
        if (train.Count == 0) throw new ArgumentException("the training split has no pairs", nameof(train));
        var tokenized = new[] { train, validation, test }.Select((pairs, s) => Tokenize(pairs, (Split)s)).ToArray();
        SourceVocabulary = TokenVocabulary.Build(tokenized[0].Select(p => p.Source), Options.MinCount);
        TargetVocabulary = TokenVocabulary.Build(tokenized[0].Select(p => p.Target), Options.MinCount);
        _splits = tokenized.Select((pairs, s) => new PairSide(
            [.. new[] { train, validation, test }[s]],
            pairs.Select(p => SourceVocabulary.Encode(p.Source)).ToArray(),
            pairs.Select(p => TargetVocabulary.Encode(p.Target)).ToArray())).ToArray();
        MaxSourceLength = _splits.SelectMany(s => s.Sources).Max(ids => (int?)ids.Length) ?? 1;
        MaxTargetSteps = (_splits.SelectMany(s => s.Targets).Max(ids => (int?)ids.Length) ?? 0) + 1;
    }

    public PairDatasetOptions Options { get; }

    public TokenLevel Level => Options.Level;

    /// <summary>The encoder's vocabulary (training split only).</summary>
    public TokenVocabulary SourceVocabulary { get; }

    /// <summary>The decoder's vocabulary (training split only).</summary>
    public TokenVocabulary TargetVocabulary { get; }

    /// <summary>Longest source over all splits, in tokens.</summary>
    public int MaxSourceLength { get; }

    /// <summary>Most decoder steps any pair needs: its longest target plus EOS.</summary>
    public int MaxTargetSteps { get; }

    public int Count(Split split) => Side(split).Texts.Length;

    /// <summary>The texts of sample <paramref name="index"/> of <paramref name="split"/>, as given.</summary>
    public TextPair Pair(Split split, int index) => Side(split).Texts[index];

    /// <summary>Source ids of a sample in the order the encoder reads them (reversed under <see cref="PairDatasetOptions.ReverseSource"/>).</summary>
    public ReadOnlySpan<int> SourceIds(Split split, int index) => Side(split).Sources[index];

    /// <summary>Target ids of a sample, without BOS or EOS.</summary>
    public ReadOnlySpan<int> TargetIds(Split split, int index) => Side(split).Targets[index];

    /// <summary>The source tokens of a sample as the encoder reads them (unknown ones as <c>&lt;unk&gt;</c>): labels for an attention picture.</summary>
    public string[] SourceTokens(Split split, int index)
    {
        var ids = SourceIds(split, index);
        var tokens = new string[ids.Length];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = SourceVocabulary.TokenOf(ids[i]);
        return tokens;
    }

    /// <summary>Text of target ids (a decoder's output), stopping at the first EOS.</summary>
    public string DecodeTarget(ReadOnlySpan<int> ids) => TokenText.Join(TargetVocabulary.Decode(ids), Level);

    /// <summary>Ids of a source text as the encoder reads it (tokenized, unknown tokens as UNK, reversed if the options say so).</summary>
    public int[] EncodeSource(string text)
    {
        int[] ids = SourceVocabulary.Encode(TokenText.Split(text, Level));
        if (Options.ReverseSource) Array.Reverse(ids);
        return ids;
    }

    /// <summary>
    /// The samples of <paramref name="split"/> in batches of at most <paramref name="batchSize"/>,
    /// bucketed by source length so padding stays small: samples are sorted by source length (ties
    /// in a random order when <paramref name="random"/> is given, else by index), cut into batches in
    /// that order, and the batches shuffled (when <paramref name="random"/> is given). Every sample
    /// appears exactly once.
    /// </summary>
    public int[][] Batches(Split split, int batchSize, RandomSource? random = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be ≥ 1");
        var side = Side(split);
        int[] order = Enumerable.Range(0, side.Texts.Length).ToArray();
        random?.Shuffle(order.AsSpan());
        order = [.. order.OrderBy(i => side.Sources[i].Length)];
        var batches = order.Chunk(batchSize).ToArray();
        random?.Shuffle(batches.AsSpan());
        return batches;
    }

    /// <summary>Writes the samples at <paramref name="indices"/> of <paramref name="split"/> into <paramref name="batch"/> (see <see cref="PairBatch"/> for the layout).</summary>
    public void Fill(Split split, ReadOnlySpan<int> indices, PairBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var side = Side(split);
        int b = indices.Length;
        if (b < 1 || b > batch.Capacity) throw new ArgumentException($"needs 1 to {batch.Capacity} indices, got {b}", nameof(indices));
        int sourceSteps = 0, targetSteps = 0;
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)side.Texts.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"must be in [0, {side.Texts.Length}) for the {split} split");
            sourceSteps = Math.Max(sourceSteps, side.Sources[i].Length);
            targetSteps = Math.Max(targetSteps, side.Targets[i].Length + 1);
        }
        if (sourceSteps > batch.MaxSourceSteps || targetSteps > batch.MaxTargetSteps)
            throw new ArgumentException($"the batch holds sources of {batch.MaxSourceSteps} and targets of {batch.MaxTargetSteps} steps; these samples need {sourceSteps} and {targetSteps}", nameof(batch));
        batch.Size = b;
        batch.SourceSteps = sourceSteps;
        batch.TargetSteps = targetSteps;
        batch.Source.AsSpan(0, sourceSteps * b).Fill(TokenVocabulary.Pad);
        batch.TargetInput.AsSpan(0, targetSteps * b).Fill(TokenVocabulary.Pad);
        batch.TargetOutput.AsSpan(0, targetSteps * b).Fill(TokenVocabulary.Pad);
        for (int r = 0; r < b; r++)
        {
            int i = indices[r];
            int[] source = side.Sources[i], target = side.Targets[i];
            batch.Indices[r] = i;
            batch.SourceLengths[r] = source.Length;
            batch.TargetLengths[r] = target.Length + 1;
            for (int t = 0; t < source.Length; t++) batch.Source[t * b + r] = source[t];
            batch.TargetInput[r] = TokenVocabulary.Bos;
            for (int t = 0; t < target.Length; t++)
            {
                batch.TargetInput[(t + 1) * b + r] = target[t];
                batch.TargetOutput[t * b + r] = target[t];
            }
            batch.TargetOutput[target.Length * b + r] = TokenVocabulary.Eos;
        }
    }

    private PairSide Side(Split split) => (uint)split < (uint)_splits.Length
        ? _splits[(int)split]
        : throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split");

    private (string[] Source, string[] Target)[] Tokenize(IReadOnlyList<TextPair> pairs, Split split)
    {
        var result = new (string[], string[])[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i] ?? throw new ArgumentException($"pair {i + 1} of the {split} split is null", nameof(pairs));
            string[] source = TokenText.Split(pair.Source, Options.Level), target = TokenText.Split(pair.Target, Options.Level);
            if (source.Length == 0) throw new ArgumentException($"pair {i + 1} of the {split} split has an empty source", nameof(pairs));
            if (Options.MaxSourceLength > 0 && source.Length > Options.MaxSourceLength)
                throw new ArgumentException($"pair {i + 1} of the {split} split has a source of {source.Length} tokens, more than the maximum {Options.MaxSourceLength}", nameof(pairs));
            if (Options.MaxTargetLength > 0 && target.Length > Options.MaxTargetLength)
                throw new ArgumentException($"pair {i + 1} of the {split} split has a target of {target.Length} tokens, more than the maximum {Options.MaxTargetLength}", nameof(pairs));
            if (Options.ReverseSource) Array.Reverse(source);
            result[i] = (source, target);
        }
        return result;
    }

    private sealed record PairSide(TextPair[] Texts, int[][] Sources, int[][] Targets);
}
