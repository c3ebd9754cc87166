namespace RnnPlayground.Core.Data;

/// <summary>
/// Next-character prediction over a text: the text is encoded, split in order into train /
/// validation / test parts by fraction of characters, and each part cut into windows of L + 1
/// characters every <see cref="Stride"/> characters. Batches: <see cref="Batch.Tokens"/> [L, B] the
/// window's first L ids, <see cref="Batch.Classes"/> [L, B] the id that follows each of them.
/// </summary>
public sealed class CharSequenceDataset : ISequenceDataset
{
    private readonly int[] _ids;
    private readonly ChronologicalSplit _chars;

    /// <param name="text">The corpus.</param>
    /// <param name="vocabulary">Its vocabulary (e.g. <see cref="CharVocabulary.FromText"/>).</param>
    /// <param name="sequenceLength">Steps per sample (L).</param>
    /// <param name="stride">Characters between window starts; default L (windows touch, no overlap).</param>
    /// <param name="trainFraction">Share of characters in the training part: ⌊f·n⌋.</param>
    /// <param name="validationFraction">Share in the validation part; the rest test.</param>
    public CharSequenceDataset(string text, CharVocabulary vocabulary, int sequenceLength, int stride = 0,
        double trainFraction = 0.9, double validationFraction = 0.05)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "must be ≥ 1");
        if (stride < 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, "must be ≥ 1 (or 0 for the sequence length)");
        Vocabulary = vocabulary;
        Stride = stride == 0 ? sequenceLength : stride;
        _ids = vocabulary.Encode(text);
        _chars = ChronologicalSplit.FromFractions(_ids.Length, trainFraction, validationFraction);
        if (WindowCount(_chars.Train, sequenceLength) < 1)
            throw new ArgumentException($"the training part has {_chars.Train} characters, fewer than one window of {sequenceLength + 1}", nameof(text));
        Shape = new TaskShape(sequenceLength, 0, vocabulary.Size, vocabulary.Size, 0, true, [],
            vocabulary.Characters.Select(c => c.ToString()).ToArray(), []);
    }

    public TaskShape Shape { get; }

    public CharVocabulary Vocabulary { get; }

    public int Stride { get; }

    /// <summary>Characters in each part of the text.</summary>
    public ChronologicalSplit CharacterSplit => _chars;

    /// <summary>The encoded text.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    private int WindowCount(int characters, int length) => characters < length + 1 ? 0 : (characters - length - 1) / Stride + 1;

    public int Count(Split split) => WindowCount(_chars.Count(split), Shape.SequenceLength);

    /// <summary>Position in the text of the first character of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public int StartOf(Split split, int index) => _chars.Offset(split) + index * Stride;

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch)
    {
        DatasetGuard.CheckFill(Shape, Count(split), split, indices, batch);
        int b = indices.Length, l = Shape.SequenceLength;
        batch.Size = b;
        for (int s = 0; s < b; s++)
        {
            int start = StartOf(split, indices[s]);
            for (int t = 0; t < l; t++)
            {
                batch.Tokens[t * b + s] = _ids[start + t];
                batch.Classes[t * b + s] = _ids[start + t + 1];
            }
        }
    }
}
