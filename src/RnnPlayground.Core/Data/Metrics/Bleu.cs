namespace RnnPlayground.Core.Data;

/// <summary>
/// Corpus BLEU as sacreBLEU computes it by default (Papineni et al. 2002; <c>BLEU()</c>, signature
/// <c>case:mixed|eff:no|tok:13a|smooth:exp</c>): texts tokenized by <see cref="Tokenizer13a"/>,
/// clipped n-gram matches for n = 1 … 4 pooled over the corpus (with several references, each
/// n-gram clipped by its largest count in any of them, and the reference length the one closest to
/// the hypothesis, the shorter on a tie), an order with no match smoothed to 1 / (2ᵏ·total) for its
/// k-th such order, the geometric mean of the precisions times the brevity penalty.
/// </summary>
public static class Bleu
{
    private const int MaxOrder = 4;

    /// <summary>BLEU of <paramref name="hypotheses"/> against one reference each.</summary>
    public static BleuScore Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        Corpus(hypotheses, [references]);

    /// <summary>BLEU of <paramref name="hypotheses"/> against <paramref name="referenceSets"/>: each set gives one reference per hypothesis.</summary>
    public static BleuScore Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceSets)
    {
        NGrams.CheckReferenceSets(hypotheses, referenceSets);
        var correct = new long[MaxOrder];
        var total = new long[MaxOrder];
        long hypothesisLength = 0, referenceLength = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            string[] hypothesis = Tokenizer13a.Tokenize(hypotheses[i]);
            var clip = new Dictionary<string, int>(StringComparer.Ordinal);
            int closest = -1;
            foreach (var set in referenceSets)
            {
                string[] reference = Tokenizer13a.Tokenize(set[i]);
                int diff = Math.Abs(hypothesis.Length - reference.Length), best = Math.Abs(hypothesis.Length - closest);
                if (closest < 0 || diff < best || (diff == best && reference.Length < closest)) closest = reference.Length;
                foreach (var (gram, count) in NGrams.Count(reference, 1, MaxOrder))
                    clip[gram] = Math.Max(clip.GetValueOrDefault(gram), count);
            }
            hypothesisLength += hypothesis.Length;
            referenceLength += closest;
            foreach (var (gram, count) in NGrams.Count(hypothesis, 1, MaxOrder))
            {
                int n = NGrams.OrderOf(gram) - 1;
                total[n] += count;
                correct[n] += Math.Min(count, clip.GetValueOrDefault(gram));
            }
        }
        return Score(correct, total, hypothesisLength, referenceLength);
    }

    private static BleuScore Score(long[] correct, long[] total, long hypothesisLength, long referenceLength)
    {
        double penalty = hypothesisLength >= referenceLength ? 1.0
            : hypothesisLength > 0 ? Math.Exp(1 - (double)referenceLength / hypothesisLength) : 0.0;
        var precisions = new double[MaxOrder];
        if (correct.All(c => c == 0)) return new BleuScore(0, precisions, penalty, hypothesisLength, referenceLength);
        double smooth = 1;
        for (int n = 0; n < MaxOrder; n++)
        {
            if (total[n] == 0) break;
            if (correct[n] == 0)
            {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            }
            else
            {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        // An order without any n-gram (all sentences too short) has precision 0, and so BLEU 0, as in sacreBLEU.
        double logMean = precisions.Sum(p => p > 0 ? Math.Log(p) : -9_999_999_999.0) / MaxOrder;
        return new BleuScore(penalty * Math.Exp(logMean), precisions, penalty, hypothesisLength, referenceLength);
    }
}
