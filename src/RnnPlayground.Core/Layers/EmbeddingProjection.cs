using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// The input projection of rows that come from an <see cref="Embedding"/> (see
/// <see cref="IInputProjection"/>): forward, gates_r += (E·Wᵀ)[token_r], from a V × G·H table made
/// with the current weights; backward, the rows of dA summed per token into G [V × G·H], then
/// dW += Gᵀ·E and dE += G·W — products over the vocabulary instead of over all the rows. W is the
/// first <see cref="Embedding.Dimension"/> columns of the input weights (a recurrent layer's whole
/// W_ih, or the embedding's columns of a decoder cell's). <see cref="Tokens"/> are the embedding's
/// input of the current pass.
/// </summary>
public sealed unsafe class EmbeddingProjection : IInputProjection
{
    private float[] _table = [], _tokenGradients = [];

    public EmbeddingProjection(Embedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        Embedding = embedding;
    }

    public Embedding Embedding { get; }

    /// <summary>The token ids [T·B] of the current pass.</summary>
    public ReadOnlyMemory<int> Tokens { get; set; }

    public void Forward(int direction, Parameter weightIh, Span<float> gates)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        int gh = weightIh.Shape[0];
        MakeTable(weightIh.Values, Embedding.Dimension, gh);
        AddRows(0, Tokens.Length, gates, gh);
    }

    public void Backward(int direction, Parameter weightIh, ReadOnlySpan<float> dA)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        AddGradients(dA, weightIh.Shape[0], weightIh.Values, weightIh.Gradients, Embedding.Dimension);
    }

    /// <summary>The table E·Wᵀ [V × G·H] from the weights' first columns (row stride <paramref name="ldw"/>).</summary>
    internal void MakeTable(ReadOnlySpan<float> weights, int ldw, int gh)
    {
        int v = Embedding.VocabularySize, e = Embedding.Dimension;
        Grow(ref _table, v * gh);
        Sgemm.Multiply(false, true, v, gh, e, Embedding.Weight.Values, e, weights, ldw, _table, gh);
    }

    /// <summary>gates_r += table[token_{first + r}] for r &lt; <paramref name="count"/> (rows of G·H).</summary>
    internal void AddRows(int first, int count, Span<float> gates, int gh)
    {
        ReadOnlySpan<int> tokens = Tokens.Span.Slice(first, count);
        if (gates.Length < (long)count * gh) throw new ArgumentException($"gates hold {gates.Length} values, fewer than {count}×{gh}", nameof(gates));
        fixed (int* t = tokens)
        fixed (float* g = gates, table = _table)
            ParallelRanges.Run(count, 1, 3L * gh, new RowGather(t, table, g, gh));
    }

    /// <summary>Rows start…end−1 of the gates += the table's rows of their tokens.</summary>
    private readonly unsafe struct RowGather(int* tokens, float* table, float* gates, int gh) : IRangeBody
    {
        public void Invoke(int start, int end)
        {
            for (int r = start; r < end; r++)
            {
                var row = new Span<float>(gates + (nint)r * gh, gh);
                VectorMath.Add(row, new ReadOnlySpan<float>(table + (nint)tokens[r] * gh, gh), row);
            }
        }
    }

    /// <summary>Columns start…end−1 of the per-token gradient rows: each token's row += the gate gradients of its steps, in step order.</summary>
    private readonly unsafe struct ColumnScatter(int* tokens, int count, float* dA, float* gradients, int gh) : IRangeBody
    {
        public void Invoke(int start, int end)
        {
            int width = end - start;
            for (int r = 0; r < count; r++)
            {
                var row = new Span<float>(gradients + (nint)tokens[r] * gh + start, width);
                VectorMath.Add(row, new ReadOnlySpan<float>(dA + (nint)r * gh + start, width), row);
            }
        }
    }

    /// <summary>From dA [T·B, G·H] (one row per token): adds into the weights' first columns' gradient (row stride <paramref name="ldw"/>) and the embedding's.</summary>
    internal void AddGradients(ReadOnlySpan<float> dA, int gh, ReadOnlySpan<float> weights, Span<float> weightGradients, int ldw)
    {
        int v = Embedding.VocabularySize, e = Embedding.Dimension;
        ReadOnlySpan<int> tokens = Tokens.Span;
        Grow(ref _tokenGradients, v * gh);
        Span<float> g = _tokenGradients.AsSpan(0, v * gh);
        g.Clear();
        if (dA.Length < (long)tokens.Length * gh) throw new ArgumentException($"dA holds {dA.Length} values, fewer than {tokens.Length}×{gh}", nameof(dA));
        // By columns, so each element still sums its steps in order: the same bits on any number of threads.
        fixed (int* t = tokens)
        fixed (float* d = dA, rows = g)
            ParallelRanges.Run(gh, 16, 2L * tokens.Length, new ColumnScatter(t, tokens.Length, d, rows, gh));
        Sgemm.Multiply(true, false, gh, e, v, g, gh, Embedding.Weight.Values, e, weightGradients, ldw, accumulate: true);
        Sgemm.Multiply(false, false, v, e, gh, g, gh, weights, ldw, Embedding.Weight.Gradients, e, accumulate: true);
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
