namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// Hashes a stripped Lua 5.4 binary chunk (<c>lua_dump</c> with strip) without the line numbers a
/// stripped chunk still carries (each function's first and last line), so the same code hashes the
/// same wherever it stands in the file. A chunk that does not parse as expected is hashed whole
/// (then moving code counts as changing it: the safe side).
/// </summary>
internal static class BytecodeFingerprint
{
    private const int HeaderSize = 4 + 1 + 1 + 6 + 1 + 1 + 1 + 8 + 8;
    private const byte NumberInteger = 0x03, NumberFloat = 0x13, ShortString = 0x04, LongString = 0x14;

    public static ulong Of(ReadOnlySpan<byte> chunk)
    {
        ulong h = 14695981039346656037UL;
        int at = HeaderSize + 1; // the header, then the count of the main function's upvalues
        try
        {
            if (chunk.Length < at) return Hash(h, chunk);
            h = Hash(h, chunk[..at]);
            h = Function(chunk, ref at, h);
            return at == chunk.Length ? h : Hash(14695981039346656037UL, chunk);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            return Hash(14695981039346656037UL, chunk);
        }
    }

    private static ulong Function(ReadOnlySpan<byte> c, ref int at, ulong h)
    {
        h = Take(c, ref at, StringSize(c, ref at), h); // the source (absent when stripped)
        Size(c, ref at); // first line: left out
        Size(c, ref at); // last line: left out
        h = Take(c, ref at, 3, h); // parameters, vararg, stack size
        h = Take(c, ref at, checked((int)Size(c, ref at) * 4), h); // the instructions
        long constants = Size(c, ref at);
        h = Mix(h, (ulong)constants);
        for (long i = 0; i < constants; i++)
        {
            byte tag = c[at];
            h = Take(c, ref at, 1, h);
            h = tag switch
            {
                NumberInteger or NumberFloat => Take(c, ref at, 8, h),
                ShortString or LongString => Take(c, ref at, StringSize(c, ref at), h),
                _ => h,
            };
        }
        long upvalues = Size(c, ref at);
        h = Take(c, ref at, checked((int)upvalues * 3), Mix(h, (ulong)upvalues));
        long protos = Size(c, ref at);
        h = Mix(h, (ulong)protos);
        for (long i = 0; i < protos; i++) h = Function(c, ref at, h);
        for (int i = 0; i < 4; i++) h = Mix(h, (ulong)Size(c, ref at)); // debug lists: empty when stripped
        return h;
    }

    /// <summary>Reads a string's length as dumped (0: no string; else length + 1).</summary>
    private static int StringSize(ReadOnlySpan<byte> c, ref int at)
    {
        long size = Size(c, ref at);
        return size == 0 ? 0 : checked((int)size - 1);
    }

    /// <summary>A dumped size: 7 bits a byte, most significant first, the last byte marked by its top bit.</summary>
    private static long Size(ReadOnlySpan<byte> c, ref int at)
    {
        long x = 0;
        byte b;
        do
        {
            b = c[at++];
            x = (x << 7) | (uint)(b & 0x7F);
        }
        while ((b & 0x80) == 0);
        return x;
    }

    private static ulong Take(ReadOnlySpan<byte> c, ref int at, int count, ulong h)
    {
        h = Hash(h, c.Slice(at, count));
        at += count;
        return h;
    }

    private static ulong Hash(ulong h, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) h = (h ^ b) * 1099511628211UL;
        return h;
    }

    /// <summary>Folds a 64-bit value into hash <paramref name="h"/>.</summary>
    public static ulong Mix(ulong h, ulong value)
    {
        for (int s = 0; s < 64; s += 8) h = (h ^ ((value >> s) & 0xFF)) * 1099511628211UL;
        return h;
    }
}
