namespace RnnPlayground.Core.Data;

/// <summary>A corpus BLEU score with the figures sacreBLEU prints beside it.</summary>
/// <param name="Score">BLEU on a 0–100 scale.</param>
/// <param name="Precisions">The (smoothed) n-gram precisions, n = 1 … 4, each 0–100.</param>
/// <param name="BrevityPenalty">exp(1 − r/c) when the hypotheses are shorter than the references, else 1.</param>
/// <param name="HypothesisLength">Tokens in all hypotheses (c).</param>
/// <param name="ReferenceLength">Tokens in the references, the closest length per sentence (r).</param>
public sealed record BleuScore(double Score, IReadOnlyList<double> Precisions, double BrevityPenalty, long HypothesisLength, long ReferenceLength);
