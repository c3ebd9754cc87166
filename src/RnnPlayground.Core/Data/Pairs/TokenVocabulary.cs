namespace RnnPlayground.Core.Data;

/// <summary>
/// The tokens of one side of a pairs dataset, numbered from 0, with four reserved ids first:
/// <see cref="Pad"/> = 0 (fills a batch past a sequence's end), <see cref="Bos"/> = 1 (the decoder's
/// first input), <see cref="Eos"/> = 2 (ends a target) and <see cref="Unk"/> = 3 (any token the
/// vocabulary does not hold). The remaining tokens are sorted (ordinal) so a vocabulary built from
/// the same training text is the same whatever the order of its lines. Store it with a model as
/// <see cref="Tokens"/> and rebuild it with <see cref="FromTokens"/>.
/// </summary>
public sealed class TokenVocabulary
{
    /// <summary>Padding id.</summary>
    public const int Pad = 0;

    /// <summary>Begin-of-sequence id (the decoder's first input).</summary>
    public const int Bos = 1;

    /// <summary>End-of-sequence id (the last target of every sequence).</summary>
    public const int Eos = 2;

    /// <summary>Unknown-token id.</summary>
    public const int Unk = 3;

    /// <summary>How many ids are reserved before the first real token.</summary>
    public const int ReservedCount = 4;

    /// <summary>The labels of the reserved ids, in id order.</summary>
    public static readonly IReadOnlyList<string> ReservedTokens = ["<pad>", "<bos>", "<eos>", "<unk>"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private TokenVocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++) _ids[tokens[i]] = i;
    }

    /// <summary>
    /// The vocabulary of <paramref name="sequences"/> (give it the training split only): every token
    /// seen at least <paramref name="minCount"/> times, after the reserved ids.
    /// </summary>
    public static TokenVocabulary Build(IEnumerable<IReadOnlyList<string>> sequences, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "must be ≥ 1");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sequence in sequences)
            foreach (string token in sequence)
                counts[token] = counts.GetValueOrDefault(token) + 1;
        var kept = counts.Where(kv => kv.Value >= minCount && !ReservedTokens.Contains(kv.Key))
            .Select(kv => kv.Key).Order(StringComparer.Ordinal);
        return new TokenVocabulary([.. ReservedTokens, .. kept]);
    }

    /// <summary>Rebuilds a vocabulary from its saved <see cref="Tokens"/> (reserved tokens first, then distinct tokens).</summary>
    public static TokenVocabulary FromTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < ReservedCount || !tokens.Take(ReservedCount).SequenceEqual(ReservedTokens))
            throw new ArgumentException($"a vocabulary starts with the reserved tokens {string.Join(' ', ReservedTokens)}", nameof(tokens));
        if (tokens.Distinct(StringComparer.Ordinal).Count() != tokens.Count)
            throw new ArgumentException("tokens must be distinct", nameof(tokens));
        return new TokenVocabulary([.. tokens]);
    }

    /// <summary>All tokens in id order (id = index), the reserved ones first.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Number of ids, reserved ones included (the width of an embedding or output layer).</summary>
    public int Size => _tokens.Length;

    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>Id of <paramref name="token"/>, or <see cref="Unk"/> when the vocabulary does not hold it.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out int id) ? id : Unk;

    /// <summary>The token with id <paramref name="id"/> (a reserved id gives its label, e.g. <c>&lt;unk&gt;</c>).</summary>
    public string TokenOf(int id) => (uint)id < (uint)_tokens.Length
        ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"must be in [0, {_tokens.Length})");

    /// <summary>Ids of <paramref name="tokens"/>; unknown ones become <see cref="Unk"/>. No BOS or EOS is added.</summary>
    public int[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new int[tokens.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = IdOf(tokens[i]);
        return ids;
    }

    /// <summary>
    /// Tokens of <paramref name="ids"/>, up to (not including) the first <see cref="Eos"/>; <see cref="Pad"/>
    /// and <see cref="Bos"/> are dropped, <see cref="Unk"/> reads <c>&lt;unk&gt;</c>.
    /// </summary>
    public string[] Decode(ReadOnlySpan<int> ids)
    {
        var tokens = new List<string>(ids.Length);
        foreach (int id in ids)
        {
            if (id == Eos) break;
            if (id == Pad || id == Bos) continue;
            tokens.Add(TokenOf(id));
        }
        return [.. tokens];
    }
}
