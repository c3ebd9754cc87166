using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>Raw writes into Lua tables (no metamethods run), shared by results and context tables.</summary>
internal static class TableWriting
{
    public static void PushNumberList(IntPtr l, ReadOnlySpan<float> values)
    {
        LuaApi.CreateTable(l, values.Length, 0);
        for (int i = 0; i < values.Length; i++)
        {
            LuaApi.PushNumber(l, values[i]);
            LuaApi.RawSetInteger(l, -2, i + 1);
        }
    }

    /// <summary>Pushes a list of rows, each a list of <paramref name="columns"/> numbers (a matrix, row-major in <paramref name="values"/>).</summary>
    public static void PushRows(IntPtr l, ReadOnlySpan<float> values, int columns)
    {
        int rows = columns > 0 ? values.Length / columns : 0;
        LuaApi.CreateTable(l, rows, 0);
        for (int r = 0; r < rows; r++)
        {
            PushNumberList(l, values.Slice(r * columns, columns));
            LuaApi.RawSetInteger(l, -2, r + 1);
        }
    }

    /// <summary>
    /// Writes <paramref name="values"/> into the list in field <paramref name="key"/> of the table at
    /// <paramref name="table"/>, reusing the list that is there (and clearing its tail) so a per-step
    /// update allocates nothing in Lua.
    /// </summary>
    public static void SetNumberList(LuaHost host, IntPtr l, int table, string key, ReadOnlySpan<float> values)
    {
        host.PushKey(l, key);
        if (LuaApi.RawGet(l, table) != LuaApi.TypeTable)
        {
            LuaApi.Pop(l, 1);
            host.PushKey(l, key);
            PushNumberList(l, values);
            LuaApi.RawSet(l, table);
            return;
        }
        long oldLength = (long)LuaApi.RawLength(l, -1);
        for (int i = 0; i < values.Length; i++)
        {
            LuaApi.PushNumber(l, values[i]);
            LuaApi.RawSetInteger(l, -2, i + 1);
        }
        for (long i = values.Length + 1; i <= oldLength; i++)
        {
            LuaApi.PushNil(l);
            LuaApi.RawSetInteger(l, -2, i);
        }
        LuaApi.Pop(l, 1);
    }

    /// <summary>Sets field <paramref name="key"/> to the value on top of the stack (popping it).</summary>
    public static void SetTop(LuaHost host, IntPtr l, int table, string key)
    {
        host.PushKey(l, key);
        LuaApi.Insert(l, -2);
        LuaApi.RawSet(l, table);
    }
}
