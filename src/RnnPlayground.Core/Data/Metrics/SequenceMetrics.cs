namespace RnnPlayground.Core.Data;

/// <summary>
/// Scores of decoded sequences against their targets, over a whole corpus (all pairs pooled, the
/// way sacreBLEU and jiwer pool): exact-match accuracy, token accuracy and character error rate.
/// Outputs and targets are given in the same order, one output per target. BLEU and chrF are in
/// <see cref="Bleu"/> and <see cref="ChrF"/>.
/// </summary>
public static class SequenceMetrics
{
    /// <summary>Share of outputs equal to their target (ordinal comparison); NaN for no pairs.</summary>
    public static double ExactMatch(IReadOnlyList<string> outputs, IReadOnlyList<string> targets)
    {
        CheckPaired(outputs, targets);
        if (targets.Count == 0) return double.NaN;
        int same = 0;
        for (int i = 0; i < targets.Count; i++)
            if (string.Equals(outputs[i], targets[i], StringComparison.Ordinal)) same++;
        return (double)same / targets.Count;
    }

    /// <summary>
    /// Position-wise token accuracy: tokens equal at the same position, over Σ max(|output|, |target|)
    /// positions, so a missing or an extra token counts as wrong. NaN when every sequence is empty.
    /// </summary>
    public static double TokenAccuracy(IReadOnlyList<IReadOnlyList<string>> outputs, IReadOnlyList<IReadOnlyList<string>> targets)
    {
        CheckPaired(outputs, targets);
        long same = 0, positions = 0;
        for (int i = 0; i < targets.Count; i++)
        {
            IReadOnlyList<string> o = outputs[i], t = targets[i];
            positions += Math.Max(o.Count, t.Count);
            for (int k = 0; k < Math.Min(o.Count, t.Count); k++)
                if (string.Equals(o[k], t[k], StringComparison.Ordinal)) same++;
        }
        return positions == 0 ? double.NaN : (double)same / positions;
    }

    /// <summary>
    /// Character error rate: Σ edit distance(output, target) / Σ |target| over the characters of the
    /// texts (jiwer's corpus CER); can exceed 1 when outputs are longer than targets. NaN when every
    /// target is empty.
    /// </summary>
    public static double CharacterErrorRate(IReadOnlyList<string> outputs, IReadOnlyList<string> targets)
    {
        CheckPaired(outputs, targets);
        long edits = 0, chars = 0;
        for (int i = 0; i < targets.Count; i++)
        {
            edits += EditDistance(outputs[i].AsSpan(), targets[i].AsSpan());
            chars += targets[i].Length;
        }
        return chars == 0 ? double.NaN : (double)edits / chars;
    }

    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int EditDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IEquatable<T>
    {
        if (a.Length < b.Length) return EditDistance(b, a);
        var row = new int[b.Length + 1];   // row[j]: distance between a[..i] and b[..j]
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + (a[i - 1].Equals(b[j - 1]) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static void CheckPaired<T>(IReadOnlyList<T> outputs, IReadOnlyList<T> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Count != targets.Count)
            throw new ArgumentException($"{outputs.Count} outputs for {targets.Count} targets (one output per target)", nameof(outputs));
    }
}
