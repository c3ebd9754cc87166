namespace RnnPlayground.Core.Data;

/// <summary>N-gram counting shared by <see cref="Bleu"/> and <see cref="ChrF"/>.</summary>
internal static class NGrams
{
    /// <summary>Separates the tokens of a word n-gram key (a character no token holds).</summary>
    private const char Separator = '\u0001';

    /// <summary>Counts of the word n-grams of <paramref name="tokens"/> for n = <paramref name="min"/> … <paramref name="max"/>, each keyed by its tokens joined with a separator.</summary>
    public static Dictionary<string, int> Count(IReadOnlyList<string> tokens, int min, int max)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = min; n <= max; n++)
            for (int i = 0; i + n <= tokens.Count; i++)
            {
                string key = string.Join(Separator, tokens.Skip(i).Take(n));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        return counts;
    }

    /// <summary>The n of a key made by <see cref="Count(IReadOnlyList{string}, int, int)"/>.</summary>
    public static int OrderOf(string key) => key.Count(c => c == Separator) + 1;

    /// <summary>Counts of the character n-grams of <paramref name="text"/> (n fixed).</summary>
    public static Dictionary<string, int> CountChars(string text, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= text.Length; i++)
        {
            string key = text.Substring(i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>Refuses reference sets that do not give one reference per hypothesis.</summary>
    public static void CheckReferenceSets(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceSets)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceSets);
        if (referenceSets.Count == 0) throw new ArgumentException("needs at least one set of references", nameof(referenceSets));
        foreach (var set in referenceSets)
            if (set.Count != hypotheses.Count)
                throw new ArgumentException($"a reference set has {set.Count} references for {hypotheses.Count} hypotheses (one per hypothesis)", nameof(referenceSets));
    }
}
