namespace RnnPlayground.Core.Data;

/// <summary>
/// Corpus chrF as sacreBLEU computes it by default (Popović 2015; <c>CHRF()</c>: character
/// n-grams n = 1 … 6, no word n-grams, β = 2, whitespace removed): per sentence the hypothesis,
/// reference and matching n-gram counts of each order (with several references, those of the
/// reference with the best sentence F-score), pooled over the corpus; precision and recall averaged
/// over the orders both sides have, then F_β = (1 + β²)·P·R / (β²·P + R), on a 0–100 scale.
/// </summary>
public static class ChrF
{
    private const int Order = 6;
    private const double Beta = 2;

    /// <summary>chrF of <paramref name="hypotheses"/> against one reference each.</summary>
    public static double Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        Corpus(hypotheses, [references]);

    /// <summary>chrF of <paramref name="hypotheses"/> against <paramref name="referenceSets"/>: each set gives one reference per hypothesis.</summary>
    public static double Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceSets)
    {
        NGrams.CheckReferenceSets(hypotheses, referenceSets);
        var corpus = new long[3 * Order];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            string hypothesis = WithoutWhitespace(hypotheses[i]);
            long[]? best = null;
            double bestScore = -1;
            foreach (var set in referenceSets)
            {
                long[] stats = Statistics(hypothesis, WithoutWhitespace(set[i]));
                double score = FScore(stats);
                if (score > bestScore) (best, bestScore) = (stats, score);
            }
            for (int k = 0; k < corpus.Length; k++) corpus[k] += best![k];
        }
        return FScore(corpus);
    }

    /// <summary>[hypothesis, reference, matching] n-gram counts for each order n = 1 … 6.</summary>
    private static long[] Statistics(string hypothesis, string reference)
    {
        var stats = new long[3 * Order];
        for (int n = 1; n <= Order; n++)
        {
            var h = NGrams.CountChars(hypothesis, n);
            var r = NGrams.CountChars(reference, n);
            stats[3 * (n - 1)] = h.Values.Sum();
            stats[3 * (n - 1) + 1] = r.Values.Sum();
            stats[3 * (n - 1) + 2] = h.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        }
        return stats;
    }

    private static double FScore(long[] stats)
    {
        double precision = 0, recall = 0;
        int orders = 0;
        for (int n = 0; n < Order; n++)
        {
            long hypothesis = stats[3 * n], reference = stats[3 * n + 1], match = stats[3 * n + 2];
            if (hypothesis == 0 || reference == 0) continue;
            precision += (double)match / hypothesis;
            recall += (double)match / reference;
            orders++;
        }
        if (orders == 0) return 0;
        precision /= orders;
        recall /= orders;
        double factor = Beta * Beta;
        return precision + recall > 0 ? 100 * (1 + factor) * precision * recall / (factor * precision + recall) : 0;
    }

    private static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
