namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// Finds where a Lua source nests deepest (brackets and blocks, outside strings and comments), to
/// give Lua's position-less "C stack overflow" from its parser a line. A heuristic, not a parser:
/// it only has to point at the right region of a script that nests hundreds of levels deep.
/// </summary>
internal static class NestingScanner
{
    /// <summary>The first line (1-based) where the nesting is deepest.</summary>
    public static int DeepestLine(ReadOnlySpan<byte> source)
    {
        int line = 1, depth = 0, deepest = -1, deepestLine = 1;
        for (int i = 0; i < source.Length; i++)
        {
            byte c = source[i];
            switch (c)
            {
                case (byte)'\n':
                    line++;
                    continue;
                case (byte)'-' when i + 1 < source.Length && source[i + 1] == '-':
                    i += 2;
                    if (LongBracketLevel(source, i) is int commentLevel and >= 0) i = SkipLongBracket(source, i, commentLevel, ref line);
                    else while (i < source.Length && source[i] != '\n') i++;
                    i--;
                    continue;
                case (byte)'[' when LongBracketLevel(source, i) is int level and >= 0:
                    i = SkipLongBracket(source, i, level, ref line) - 1;
                    continue;
                case (byte)'"' or (byte)'\'':
                    for (i++; i < source.Length && source[i] != c && source[i] != '\n'; i++)
                        if (source[i] == '\\' && i + 1 < source.Length && source[++i] == '\n') line++;
                    continue;
                case (byte)'(' or (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)')' or (byte)'}' or (byte)']':
                    depth--;
                    break;
                default:
                    if (!IsWordStart(c) || (i > 0 && IsWordPart(source[i - 1]))) continue;
                    int end = i;
                    while (end < source.Length && IsWordPart(source[end])) end++;
                    ReadOnlySpan<byte> word = source[i..end];
                    if (word.SequenceEqual("function"u8) || word.SequenceEqual("do"u8) || word.SequenceEqual("then"u8) || word.SequenceEqual("repeat"u8)) depth++;
                    else if (word.SequenceEqual("end"u8) || word.SequenceEqual("until"u8) || word.SequenceEqual("elseif"u8)) depth--;
                    i = end - 1;
                    break;
            }
            if (depth > deepest)
            {
                deepest = depth;
                deepestLine = line;
            }
        }
        return deepestLine;
    }

    /// <summary>The level of a long bracket opening at <paramref name="i"/> (<c>[[</c> is 0, <c>[==[</c> is 2), or -1.</summary>
    private static int LongBracketLevel(ReadOnlySpan<byte> source, int i)
    {
        if (i >= source.Length || source[i] != '[') return -1;
        int j = i + 1;
        while (j < source.Length && source[j] == '=') j++;
        return j < source.Length && source[j] == '[' ? j - i - 1 : -1;
    }

    /// <summary>The index just past the long bracket opened at <paramref name="i"/>, counting its lines.</summary>
    private static int SkipLongBracket(ReadOnlySpan<byte> source, int i, int level, ref int line)
    {
        for (i += level + 2; i < source.Length; i++)
        {
            if (source[i] == '\n') line++;
            if (source[i] != ']') continue;
            int j = i + 1;
            while (j < source.Length && source[j] == '=') j++;
            if (j - i - 1 == level && j < source.Length && source[j] == ']') return j + 1;
        }
        return source.Length;
    }

    private static bool IsWordStart(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_';

    private static bool IsWordPart(byte c) => IsWordStart(c) || c is >= (byte)'0' and <= (byte)'9';
}
