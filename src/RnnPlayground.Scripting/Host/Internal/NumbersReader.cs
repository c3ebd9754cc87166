using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// Reads a number, a list of numbers, or a list of equally long lists of numbers into
/// <see cref="ScriptNumbers"/>, with raw access only; a list whose rows differ in length, or an
/// element of the wrong type, is refused naming where (<c>x[3] has 2 numbers where x[1] has 3</c>).
/// </summary>
internal static class NumbersReader
{
    public const string Expected = "a number, a list of numbers or a list of lists of numbers";

    public static ScriptNumbers Read(LuaHost host, IntPtr l, int index, string subject)
    {
        index = LuaApi.AbsIndex(l, index);
        int type = LuaApi.Type(l, index);
        if (type == LuaApi.TypeNumber) return new ScriptNumbers([LuaApi.ToNumber(l, index)], 0, 1, 1);
        if (type != LuaApi.TypeTable) throw ValueReader.Wrong(host, l, index, subject, Expected);
        ulong length = LuaApi.RawLength(l, index);
        if (length > int.MaxValue) throw new ScriptArgumentException($"{subject} has too many elements ({length})");
        int rows = (int)length;
        if (LuaApi.CheckStack(l, 3) == 0) throw new ScriptArgumentException("the Lua stack is full");
        if (rows == 0) return new ScriptNumbers([], 1, 0, 1);
        LuaApi.RawGetInteger(l, index, 1);
        bool nested = LuaApi.Type(l, -1) == LuaApi.TypeTable;
        int columns = nested ? (int)Math.Min(LuaApi.RawLength(l, -1), int.MaxValue) : 1;
        LuaApi.Pop(l, 1);
        if ((long)rows * columns > Array.MaxLength) throw new ScriptArgumentException($"{subject} has too many numbers");
        var values = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            LuaApi.RawGetInteger(l, index, r + 1);
            int row = LuaApi.GetTop(l);
            try
            {
                if (!nested)
                {
                    if (LuaApi.Type(l, row) != LuaApi.TypeNumber)
                        throw ValueReader.Wrong(host, l, row, $"{subject}[{r + 1}]", $"a number like {subject}[1]");
                    values[r] = LuaApi.ToNumber(l, row);
                    continue;
                }
                if (LuaApi.Type(l, row) != LuaApi.TypeTable)
                    throw ValueReader.Wrong(host, l, row, $"{subject}[{r + 1}]", $"a list of {columns} numbers like {subject}[1]");
                ulong n = LuaApi.RawLength(l, row);
                if (n != (ulong)columns)
                    throw new ScriptArgumentException($"{subject}[{r + 1}] has {n} numbers where {subject}[1] has {columns}");
                for (int c = 0; c < columns; c++)
                {
                    LuaApi.RawGetInteger(l, row, c + 1);
                    if (LuaApi.Type(l, -1) != LuaApi.TypeNumber)
                        throw ValueReader.Wrong(host, l, -1, $"{subject}[{r + 1}][{c + 1}]", "a number");
                    values[r * columns + c] = LuaApi.ToNumber(l, -1);
                    LuaApi.Pop(l, 1);
                }
            }
            finally
            {
                LuaApi.SetTop(l, row - 1);
            }
        }
        return new ScriptNumbers(values, nested ? 2 : 1, rows, columns);
    }
}
