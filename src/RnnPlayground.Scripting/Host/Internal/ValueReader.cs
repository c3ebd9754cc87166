using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// Converts one Lua value on the stack to C#, or throws a <see cref="ScriptArgumentException"/> in
/// the house format: <c>{subject} must be {expected} (got {value})</c>. Tables are read with raw
/// access only, so no script code (metamethod) runs while an argument is read.
/// </summary>
internal static unsafe class ValueReader
{
    public static bool IsAbsent(IntPtr l, int index) => LuaApi.Type(l, index) <= LuaApi.TypeNil;

    public static ScriptArgumentException Missing(string subject, string expected) =>
        new($"{subject} is missing (expected {expected})");

    public static ScriptArgumentException Wrong(LuaHost host, IntPtr l, int index, string subject, string expected) =>
        new($"{subject} must be {expected} (got {LuaText.Describe(host, l, index)})");

    public static int Int(LuaHost host, IntPtr l, int index, string subject, IntRange range)
    {
        if (TryInteger(l, index, out long value) && range.Contains(value)) return (int)value;
        throw Wrong(host, l, index, subject, range.Description);
    }

    public static double Number(LuaHost host, IntPtr l, int index, string subject, NumberRange range)
    {
        if (LuaApi.Type(l, index) == LuaApi.TypeNumber)
        {
            double value = LuaApi.ToNumber(l, index);
            if (range.Contains(value)) return value;
        }
        throw Wrong(host, l, index, subject, range.Description);
    }

    public static bool Bool(LuaHost host, IntPtr l, int index, string subject)
    {
        if (LuaApi.Type(l, index) == LuaApi.TypeBoolean) return LuaApi.ToBoolean(l, index) != 0;
        throw Wrong(host, l, index, subject, "true or false");
    }

    public static string String(LuaHost host, IntPtr l, int index, string subject)
    {
        return LuaApi.ToStringStrict(l, index) ?? throw Wrong(host, l, index, subject, "a string");
    }

    public static string OneOf(LuaHost host, IntPtr l, int index, string subject, IReadOnlyList<string> allowed)
    {
        string? text = LuaApi.ToStringStrict(l, index);
        if (text is not null && allowed.Contains(text)) return text;
        string expected = "one of " + string.Join(", ", allowed.Select(LuaText.Quote));
        string got = LuaText.Describe(host, l, index);
        string? suggestion = text is null ? null : NameSuggestion.Closest(text, allowed);
        throw new ScriptArgumentException(suggestion is null
            ? $"{subject} must be {expected} (got {got})"
            : $"{subject} must be {expected} (got {got}; did you mean {LuaText.Quote(suggestion)}?)");
    }

    public static float[] Floats(LuaHost host, IntPtr l, int index, string subject)
    {
        int count = ListLength(host, l, index, subject, "a list of numbers");
        var values = new float[count];
        FillNumbers(host, l, index, subject, values);
        return values;
    }

    /// <summary>A list of numbers at full (double) precision, e.g. fractions that are floored later.</summary>
    public static double[] Numbers(LuaHost host, IntPtr l, int index, string subject)
    {
        int count = ListLength(host, l, index, subject, "a list of numbers");
        var values = new double[count];
        FillNumbers(host, l, index, subject, values);
        return values;
    }

    /// <summary>Reads a list of numbers into <paramref name="destination"/> (no allocation); returns its length.</summary>
    public static int FloatsInto(LuaHost host, IntPtr l, int index, string subject, Span<float> destination)
    {
        int count = ListLength(host, l, index, subject, "a list of numbers");
        if (count > destination.Length)
            throw new ScriptArgumentException($"{subject} must be a list of at most {destination.Length} numbers (got {count})");
        FillNumbers(host, l, index, subject, destination[..count]);
        return count;
    }

    public static string[] Strings(LuaHost host, IntPtr l, int index, string subject)
    {
        int count = ListLength(host, l, index, subject, "a list of strings");
        var values = new string[count];
        for (int i = 0; i < count; i++)
        {
            LuaApi.RawGetInteger(l, index, i + 1);
            string? text = LuaApi.ToStringStrict(l, -1);
            if (text is null) throw ElementError(host, l, subject, "a list of strings", i + 1);
            values[i] = text;
            LuaApi.Pop(l, 1);
        }
        return values;
    }

    public static T Handle<T>(LuaHost host, IntPtr l, int index, string subject, HandleKind<T> kind) where T : class
    {
        if (host.TryGetHandle(l, index, kind, out T? target)) return target;
        throw Wrong(host, l, index, subject, $"a {kind.Name} handle");
    }

    /// <summary>
    /// A table of string keys to integers, numbers, strings or booleans, in key order (Lua
    /// integers stay <see cref="long"/>, other numbers <see cref="double"/>).
    /// </summary>
    public static SortedDictionary<string, object> PlainTable(LuaHost host, IntPtr l, int index, string subject)
    {
        const string Expected = "a table of names to numbers, strings or booleans";
        RequireTable(host, l, index, subject, Expected);
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        LuaApi.PushNil(l);
        while (LuaApi.Next(l, index) != 0)
        {
            string? key = LuaApi.Type(l, -2) == LuaApi.TypeString ? LuaApi.ToStringStrict(l, -2) : null;
            object? value = LuaApi.Type(l, -1) switch
            {
                LuaApi.TypeNumber when LuaApi.IsInteger(l, -1) != 0 => LuaApi.ToInteger(l, -1),
                LuaApi.TypeNumber => LuaApi.ToNumber(l, -1),
                LuaApi.TypeString => LuaApi.ToStringStrict(l, -1),
                LuaApi.TypeBoolean => LuaApi.ToBoolean(l, -1) != 0,
                _ => null,
            };
            if (key is null || value is null)
            {
                string got = $"{LuaText.Describe(host, l, -1)} at [{LuaText.Describe(host, l, -2)}]";
                LuaApi.Pop(l, 2);
                throw new ScriptArgumentException($"{subject} must be {Expected} (got {got})");
            }
            result[key] = value;
            LuaApi.Pop(l, 1);
        }
        return result;
    }

    public static void RequireTable(LuaHost host, IntPtr l, int index, string subject, string expected)
    {
        if (LuaApi.Type(l, index) != LuaApi.TypeTable) throw Wrong(host, l, index, subject, expected);
    }

    private static bool TryInteger(IntPtr l, int index, out long value)
    {
        value = 0;
        if (LuaApi.Type(l, index) != LuaApi.TypeNumber) return false;
        if (LuaApi.IsInteger(l, index) != 0)
        {
            value = LuaApi.ToInteger(l, index);
            return true;
        }
        double number = LuaApi.ToNumber(l, index);
        if (!double.IsFinite(number) || Math.Floor(number) != number || Math.Abs(number) > 9.0e15) return false;
        value = (long)number;
        return true;
    }

    private static int ListLength(LuaHost host, IntPtr l, int index, string subject, string expected)
    {
        RequireTable(host, l, index, subject, expected);
        ulong length = LuaApi.RawLength(l, index);
        if (length > int.MaxValue) throw new ScriptArgumentException($"{subject} has too many elements ({length})");
        if (LuaApi.CheckStack(l, 2) == 0) throw new ScriptArgumentException("the Lua stack is full");
        return (int)length;
    }

    private static void FillNumbers<T>(LuaHost host, IntPtr l, int index, string subject, Span<T> destination)
        where T : struct, System.Numerics.IFloatingPoint<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            LuaApi.RawGetInteger(l, index, i + 1);
            if (LuaApi.Type(l, -1) != LuaApi.TypeNumber)
                throw ElementError(host, l, subject, "a list of numbers", i + 1);
            destination[i] = T.CreateTruncating(LuaApi.ToNumber(l, -1));
            LuaApi.Pop(l, 1);
        }
    }

    private static ScriptArgumentException ElementError(LuaHost host, IntPtr l, string subject, string expected, int position)
    {
        string got = LuaText.Describe(host, l, -1);
        LuaApi.Pop(l, 1);
        return new ScriptArgumentException($"{subject} must be {expected} (got {got} at [{position}])");
    }
}
