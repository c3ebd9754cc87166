namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// A decoded output: <see cref="Tokens"/> without the end token, the attention matrix
/// <see cref="Attention"/> [Tokens.Length × SourceLength] (row i: α of the step that emitted token i),
/// the log-probability of the tokens (and of the end token when <see cref="Finished"/>) and the
/// length-normalized <see cref="Score"/> the search ranked it by.
/// </summary>
public sealed record Translation(int[] Tokens, float[] Attention, int SourceLength, double LogProbability, double Score, bool Finished)
{
    /// <summary>α_{i,j}: how much output token i attended to source position j.</summary>
    public float AttentionAt(int i, int j) => Attention[i * SourceLength + j];
}
