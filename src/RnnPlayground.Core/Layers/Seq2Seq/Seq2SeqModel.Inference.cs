using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RnnPlayground.Core.Layers.Seq2Seq;

// Inference: encode sources once, then run the decoder one step at a time for R rows (B sources
// decoded greedily side by side, or the R hypotheses of a beam over one source), with whatever
// previous tokens and states the search chose.
public sealed partial class Seq2SeqModel
{
    private int _decodeRows;

    /// <summary>
    /// Encodes <paramref name="batch"/> sources (source tokens [S·B], time-major) for up to
    /// <paramref name="maxSteps"/> decoder steps of <paramref name="rows"/> rows (B rows, or any number
    /// of rows over one source). Afterwards <see cref="InitialState"/> holds s_0 [B, Hd].
    /// </summary>
    public void BeginDecoding(int[] source, int steps, int batch, int maxSteps, int rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (steps < 1 || batch < 1) throw new ArgumentException("seq2seq: a source needs at least one token");
        if (source.Length < steps * batch) throw new ArgumentException($"seq2seq: {steps} steps of {batch} sources need {steps * batch} tokens, got {source.Length}");
        if (batch != 1 && rows != batch) throw new ArgumentException($"seq2seq: {rows} rows over {batch} sources: rows must equal the sources, or the source be one");
        for (int k = 0; k < steps * batch; k++)
            if ((uint)source[k] >= (uint)Spec.SourceVocabulary)
                throw new ArgumentException($"seq2seq: source token {source[k]} must be in [0, {Spec.SourceVocabulary})");
        _forwardDone = false;
        Grow(ref _x, rows * Cell.InputSize);
        Grow(ref _o, rows * StateWidth);
        Grow(ref _stepLogits, rows * Spec.TargetVocabulary);
        Encode(source, steps, batch, maxSteps, rows, training: false);
        Cell.Begin(maxSteps, rows);
        _decodeRows = rows;
    }

    /// <summary>s_0 [B, Hd] of the sources given to <see cref="BeginDecoding"/>.</summary>
    public ReadOnlySpan<float> InitialState => _s0.AsSpan(0, _batch * Spec.DecoderHidden);

    /// <summary>
    /// The encoder's top-layer states h_j [S, B, M] (time-major; M = D·H, forward then backward) of the
    /// sources given to <see cref="BeginDecoding"/>: what the attention reads.
    /// </summary>
    public ReadOnlySpan<float> EncodedStates => _memory.Data.AsSpan(0, _sourceSteps * _batch * Spec.MemoryWidth);

    /// <summary>The new states s_t [R, ·] of the latest <see cref="DecodeStep"/>, row stride <see cref="DecodedStateStride"/>.</summary>
    public ReadOnlySpan<float> DecodedStates => _o.AsSpan(0, _decodeRows * StateWidth);

    /// <summary>Row stride of <see cref="DecodedStates"/> (the first Hd values of a row are s_t).</summary>
    public int DecodedStateStride => StateWidth;

    /// <summary>α [R, S] of step <paramref name="step"/> (empty without attention).</summary>
    public ReadOnlySpan<float> DecodedAttention(int step) =>
        Spec.Attention == AttentionKind.None ? default : Attention.Weights(step, _decodeRows);

    /// <summary>
    /// Decoder step <paramref name="step"/> (0 … maxSteps − 1) for R rows: previous tokens [R] and states
    /// hPrev [R, Hd] (row stride Hd) → log-probabilities [R, V] of the next token; the new states are
    /// <see cref="DecodedStates"/>. Between steps a search may reorder rows: the LSTM cell state follows
    /// through <see cref="ReorderRows"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void DecodeStep(int step, ReadOnlySpan<int> previousTokens, ReadOnlySpan<float> hPrev, Span<float> logProbabilities)
    {
        int rows = _decodeRows, inWidth = Cell.InputSize, et = Spec.TargetEmbedding, v = Spec.TargetVocabulary, w = StateWidth;
        ReadOnlySpan<float> embedding = TargetEmbedding.Weight.Values;
        for (int r = 0; r < rows; r++)
        {
            int token = previousTokens[r];
            if ((uint)token >= (uint)v) throw new ArgumentException($"seq2seq: token {token} must be in [0, {v})");
            embedding.Slice(token * et, et).CopyTo(_x.AsSpan(r * inWidth, et));
        }
        DecoderStep(step, rows, _x, hPrev, Spec.DecoderHidden, _o);
        Span<float> logits = logProbabilities[..(rows * v)];
        Output.Project(_o.AsSpan(0, rows * w), rows, logits);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = logits.Slice(r * v, v);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            float logSum = MathF.Log(TensorPrimitives.Sum(ExpInto(row, _stepLogits.AsSpan(0, v))));
            TensorPrimitives.Subtract(row, logSum, row);
        }
    }

    /// <summary>After step <paramref name="step"/>, row r of the next step continues row <paramref name="order"/>[r] (the LSTM's cell state).</summary>
    public void ReorderRows(int step, ReadOnlySpan<int> order) => Cell.ReorderCell(step, step, order);

    private static Span<float> ExpInto(ReadOnlySpan<float> x, Span<float> destination)
    {
        TensorPrimitives.Exp(x, destination);
        return destination;
    }
}
