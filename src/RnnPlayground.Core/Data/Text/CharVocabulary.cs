namespace RnnPlayground.Core.Data;

/// <summary>
/// The characters of a text, sorted by code (ordinal) and numbered from 0: id ↔ char. Characters
/// outside it are handled by <see cref="UnknownPolicy"/>. Store it with a model as
/// <see cref="Characters"/> and rebuild it with <see cref="FromCharacters"/>.
/// </summary>
/// <remarks>Works on UTF-16 code units: a character outside the Basic Multilingual Plane counts as two.</remarks>
public sealed class CharVocabulary
{
    private readonly string _chars;
    private readonly Dictionary<char, int> _ids;

    private CharVocabulary(string sortedDistinct, UnknownCharPolicy policy, char? replacement)
    {
        _chars = sortedDistinct;
        _ids = new Dictionary<char, int>(_chars.Length);
        for (int i = 0; i < _chars.Length; i++) _ids[_chars[i]] = i;
        if (!Enum.IsDefined(policy)) throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy");
        if (policy == UnknownCharPolicy.Replace)
        {
            if (replacement is not char r) throw new ArgumentException("the Replace policy needs a replacement character", nameof(replacement));
            if (!_ids.ContainsKey(r)) throw new ArgumentException($"replacement character {Describe(r)} is not in the vocabulary", nameof(replacement));
        }
        UnknownPolicy = policy;
        Replacement = replacement;
    }

    /// <summary>The vocabulary of <paramref name="text"/>.</summary>
    public static CharVocabulary FromText(string text, UnknownCharPolicy policy = UnknownCharPolicy.Throw, char? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new ArgumentException("the text is empty", nameof(text));
        var distinct = text.Distinct().Order().ToArray();
        return new CharVocabulary(new string(distinct), policy, replacement);
    }

    /// <summary>The vocabulary of a UTF-8 text file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="DataFormatException">The file is empty.</exception>
    public static CharVocabulary FromFile(string path, UnknownCharPolicy policy = UnknownCharPolicy.Throw, char? replacement = null)
    {
        string text = ReadText(path);
        return FromText(text, policy, replacement);
    }

    /// <summary>Reads a UTF-8 text file, refusing an empty one.</summary>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        string text = File.ReadAllText(path);
        return text.Length > 0 ? text : throw new DataFormatException(path, 0, null, "the text file is empty");
    }

    /// <summary>Rebuilds a vocabulary from its saved <see cref="Characters"/> (must be sorted and distinct).</summary>
    public static CharVocabulary FromCharacters(string characters, UnknownCharPolicy policy = UnknownCharPolicy.Throw, char? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length == 0) throw new ArgumentException("no characters", nameof(characters));
        for (int i = 1; i < characters.Length; i++)
            if (characters[i] <= characters[i - 1])
                throw new ArgumentException($"characters must be sorted and distinct; {Describe(characters[i])} at {i} breaks that", nameof(characters));
        return new CharVocabulary(characters, policy, replacement);
    }

    /// <summary>All characters in id order (id = index).</summary>
    public string Characters => _chars;

    public int Size => _chars.Length;

    public UnknownCharPolicy UnknownPolicy { get; }

    /// <summary>The character unknown ones become under <see cref="UnknownCharPolicy.Replace"/>.</summary>
    public char? Replacement { get; }

    public bool Contains(char c) => _ids.ContainsKey(c);

    /// <summary>Id of <paramref name="c"/>, or -1 when it is not in the vocabulary.</summary>
    public int IdOf(char c) => _ids.TryGetValue(c, out int id) ? id : -1;

    public char CharOf(int id) => (uint)id < (uint)_chars.Length
        ? _chars[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"must be in [0, {_chars.Length})");

    /// <summary>Ids of <paramref name="text"/>, unknown characters handled by <see cref="UnknownPolicy"/>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        int n = Encode(text, ids);
        return n == ids.Length ? ids : ids[..n];
    }

    /// <summary>Writes the ids of <paramref name="text"/> into <paramref name="ids"/>; returns how many were written.</summary>
    public int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int id = IdOf(text[i]);
            if (id < 0)
            {
                switch (UnknownPolicy)
                {
                    case UnknownCharPolicy.Skip: continue;
                    case UnknownCharPolicy.Replace: id = _ids[Replacement!.Value]; break;
                    default: throw new ArgumentException($"character {Describe(text[i])} at position {i} is not in the vocabulary of {Size} characters", nameof(text));
                }
            }
            if (n >= ids.Length) throw new ArgumentException($"needs room for at least {n + 1} ids, got {ids.Length}", nameof(ids));
            ids[n++] = id;
        }
        return n;
    }

    /// <summary>The text of <paramref name="ids"/>.</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var chars = new char[ids.Length];
        for (int i = 0; i < ids.Length; i++) chars[i] = CharOf(ids[i]);
        return new string(chars);
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}
