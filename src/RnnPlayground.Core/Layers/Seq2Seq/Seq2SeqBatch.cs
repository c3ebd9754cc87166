using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// One training batch of an encoder–decoder, time-major: <see cref="Source"/> [S·B] token ids
/// (source b is <see cref="SourceLengths"/>[b] ≤ S tokens long, padded after: the encoder runs it masked, as if alone),
/// <see cref="TargetInput"/> [T·B] the decoder's inputs (the start token, then y_1 … y_{T−1}) and
/// <see cref="TargetOutput"/> [T·B] what it should emit (y_1 … y_T, the end token, then
/// <see cref="Padding"/> where a target is shorter than T: those steps count in no loss).
/// The arrays grow once to the largest shape and are reused.
/// </summary>
public sealed class Seq2SeqBatch
{
    /// <summary>The target value of a padded step (ignored by the loss).</summary>
    public const int Padding = -1;

    public int[] Source { get; private set; } = [];

    /// <summary>[B] tokens of each source (the rest of its column is padding).</summary>
    public int[] SourceLengths { get; private set; } = [];

    /// <summary>True when every source is <see cref="SourceSteps"/> long.</summary>
    public bool SourcesFull
    {
        get
        {
            for (int b = 0; b < Size; b++)
                if (SourceLengths[b] != SourceSteps) return false;
            return true;
        }
    }

    public int[] TargetInput { get; private set; } = [];

    public int[] TargetOutput { get; private set; } = [];

    /// <summary>S: source steps.</summary>
    public int SourceSteps { get; private set; }

    /// <summary>T: target steps.</summary>
    public int TargetSteps { get; private set; }

    /// <summary>B: sequences in the batch.</summary>
    public int Size { get; private set; }

    /// <summary>Sets the shape, growing the arrays when needed (their contents are then stale until filled).</summary>
    public void Resize(int sourceSteps, int targetSteps, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (Source.Length < sourceSteps * size) Source = new int[sourceSteps * size];
        if (SourceLengths.Length < size) SourceLengths = new int[size];
        if (TargetInput.Length < targetSteps * size)
        {
            TargetInput = new int[targetSteps * size];
            TargetOutput = new int[targetSteps * size];
        }
        (SourceSteps, TargetSteps, Size) = (sourceSteps, targetSteps, size);
    }

    /// <summary>
    /// Copies a batch of token pairs (its padded target steps become <see cref="Padding"/>), resizing to its shape.
    /// </summary>
    public void CopyFrom(PairBatch pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int b = pairs.Size, s = pairs.SourceSteps, t = pairs.TargetSteps;
        Resize(s, t, b);
        pairs.Source.AsSpan(0, s * b).CopyTo(Source);
        pairs.SourceLengths.AsSpan(0, b).CopyTo(SourceLengths);
        pairs.TargetInput.AsSpan(0, t * b).CopyTo(TargetInput);
        for (int step = 0; step < t; step++)
            for (int r = 0; r < b; r++)
                TargetOutput[step * b + r] = step < pairs.TargetLengths[r] ? pairs.TargetOutput[step * b + r] : Padding;
    }

    /// <summary>
    /// Writes sample <paramref name="b"/>: its source (1 … <see cref="SourceSteps"/> tokens, then <paramref name="sourcePadding"/>) and its
    /// target tokens (at most T − 1, without start and end): inputs start, y…, then end tokens as
    /// filler; outputs y…, end, then <see cref="Padding"/>.
    /// </summary>
    public void Set(int b, ReadOnlySpan<int> source, ReadOnlySpan<int> target, int startToken, int endToken, int sourcePadding = 0)
    {
        if ((uint)b >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(b), b, $"must be in [0, {Size})");
        if (source.Length < 1 || source.Length > SourceSteps) throw new ArgumentException($"source has {source.Length} tokens; this batch's sources have 1 to {SourceSteps}", nameof(source));
        if (target.Length > TargetSteps - 1) throw new ArgumentException($"target has {target.Length} tokens; this batch holds at most {TargetSteps - 1} (and the end token)", nameof(target));
        for (int j = 0; j < SourceSteps; j++) Source[j * Size + b] = j < source.Length ? source[j] : sourcePadding;
        SourceLengths[b] = source.Length;
        for (int t = 0; t < TargetSteps; t++)
        {
            TargetInput[t * Size + b] = t == 0 ? startToken : t - 1 < target.Length ? target[t - 1] : endToken;
            TargetOutput[t * Size + b] = t < target.Length ? target[t] : t == target.Length ? endToken : Padding;
        }
    }
}
