namespace RnnPlayground.Core.Data;

/// <summary>
/// Random strings and what a model should write for them: the string reversed (<see cref="Reverse"/>,
/// the alignment runs backwards) or the string itself (<see cref="Copy"/>, a monotonic alignment,
/// as in translation between languages of similar word order). Lengths are uniform in
/// [<paramref name="minLength"/>, <paramref name="maxLength"/>], characters uniform over the alphabet.
/// </summary>
public static class StringPairTask
{
    /// <summary>The default alphabet: the 26 lower-case letters.</summary>
    public const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>"abc" → "cba".</summary>
    public static PairSplits Reverse((int Train, int Validation, int Test) counts, ulong seed, int minLength = 4, int maxLength = 16,
        string alphabet = Letters, CancellationToken cancellation = default) =>
        Make(counts, seed, minLength, maxLength, alphabet, reverse: true, cancellation);

    /// <summary>"abc" → "abc".</summary>
    public static PairSplits Copy((int Train, int Validation, int Test) counts, ulong seed, int minLength = 4, int maxLength = 16,
        string alphabet = Letters, CancellationToken cancellation = default) =>
        Make(counts, seed, minLength, maxLength, alphabet, reverse: false, cancellation);

    private static PairSplits Make((int, int, int) counts, ulong seed, int minLength, int maxLength, string alphabet, bool reverse,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        if (minLength < 1) throw new ArgumentOutOfRangeException(nameof(minLength), minLength, "must be ≥ 1");
        if (maxLength < minLength) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"must be ≥ the minimum length {minLength}");
        if (alphabet.Length < 2 || alphabet.Distinct().Count() != alphabet.Length || alphabet.Any(char.IsWhiteSpace))
            throw new ArgumentException("the alphabet needs at least 2 distinct characters, none of them whitespace", nameof(alphabet));
        return PairSplits.Generate(counts, seed, (random, _) =>
        {
            var chars = new char[minLength + random.NextInt(maxLength - minLength + 1)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.NextInt(alphabet.Length)];
            string source = new(chars);
            if (reverse) Array.Reverse(chars);
            return new TextPair(source, new string(chars));
        }, cancellation);
    }
}
