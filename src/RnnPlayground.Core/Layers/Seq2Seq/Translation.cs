namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// A decoded output: <see cref="Tokens"/> without the end token, the attention matrix
/// <see cref="Attention"/> [Steps × SourceLength] (row i: α of the step that emitted token i; when
/// <see cref="Finished"/> the last row is the end token's; empty for a model without attention),
/// the log-probability of the tokens (and of the end token when <see cref="Finished"/>) and the
/// length-normalized <see cref="Score"/> the search ranked it by.
/// </summary>
public sealed record Translation(int[] Tokens, float[] Attention, int SourceLength, double LogProbability, double Score, bool Finished)
{
    /// <summary>Decoder steps taken: the tokens, plus the end token when <see cref="Finished"/>.</summary>
    public int Steps => Tokens.Length + (Finished ? 1 : 0);

    /// <summary>α_{i,j}: how much decoder step i attended to source position j.</summary>
    public float AttentionAt(int i, int j) => Attention[i * SourceLength + j];
}
