namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>Finds the known name a mistyped one was probably meant to be.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The closest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is near:
    /// within one edit per three characters, at most two (so "lr" is not "taken" for "wd").
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = Math.Clamp(typed.Length / 3, 1, 2) + 1;
        foreach (string candidate in known)
        {
            int distance = EditDistance(typed, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
