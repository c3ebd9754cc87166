namespace RnnPlayground.Core.Data;

/// <summary>Cuts text into tokens at a <see cref="TokenLevel"/> and joins tokens back into text.</summary>
public static class TokenText
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    /// <summary>The tokens of <paramref name="text"/>: its characters, or its whitespace-separated words.</summary>
    public static string[] Split(string text, TokenLevel level)
    {
        ArgumentNullException.ThrowIfNull(text);
        return level switch
        {
            TokenLevel.Char => text.Select(c => c.ToString()).ToArray(),
            TokenLevel.Word => text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown token level"),
        };
    }

    /// <summary>Text from <paramref name="tokens"/>: concatenated (char level) or joined by single spaces (word level).</summary>
    public static string Join(IEnumerable<string> tokens, TokenLevel level)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return level == TokenLevel.Word ? string.Join(' ', tokens) : string.Concat(tokens);
    }
}
