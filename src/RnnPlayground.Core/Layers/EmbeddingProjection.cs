using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// The input projection of a recurrent layer fed by an <see cref="Embedding"/> (see
/// <see cref="IInputProjection"/>): forward, gates_r += (E·W_ihᵀ)[token_r], one V × G·H table per
/// direction made from the current weights; backward, the rows of dA summed per token into
/// G [V × G·H], then dW_ih += Gᵀ·E and dE += G·W_ih — products over the vocabulary instead of over
/// all T·B rows. <see cref="Tokens"/> are the embedding's input of the current pass.
/// </summary>
public sealed class EmbeddingProjection : IInputProjection
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
        int v = Embedding.VocabularySize, e = Embedding.Dimension, gh = weightIh.Shape[0];
        ReadOnlySpan<int> tokens = Tokens.Span;
        Grow(ref _table, v * gh);
        Span<float> table = _table.AsSpan(0, v * gh);
        Sgemm.Multiply(false, true, v, gh, e, Embedding.Weight.Values, e, weightIh.Values, e, table, gh);
        for (int r = 0; r < tokens.Length; r++)
        {
            Span<float> row = gates.Slice(r * gh, gh);
            VectorMath.Add(row, table.Slice(tokens[r] * gh, gh), row);
        }
    }

    public void Backward(int direction, Parameter weightIh, ReadOnlySpan<float> dA)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        int v = Embedding.VocabularySize, e = Embedding.Dimension, gh = weightIh.Shape[0];
        ReadOnlySpan<int> tokens = Tokens.Span;
        Grow(ref _tokenGradients, v * gh);
        Span<float> g = _tokenGradients.AsSpan(0, v * gh);
        g.Clear();
        for (int r = 0; r < tokens.Length; r++)
        {
            Span<float> row = g.Slice(tokens[r] * gh, gh);
            VectorMath.Add(row, dA.Slice(r * gh, gh), row);
        }
        Sgemm.Multiply(true, false, gh, e, v, g, gh, Embedding.Weight.Values, e, weightIh.Gradients, e, accumulate: true);
        Sgemm.Multiply(false, false, v, e, gh, g, gh, weightIh.Values, e, Embedding.Weight.Gradients, e, accumulate: true);
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
