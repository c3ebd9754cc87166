using System.Globalization;
using System.Text;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>How values are shown in the host's messages: numbers as Lua prints them, strings quoted.</summary>
internal static class LuaText
{
    private const int MaxQuotedLength = 40;

    /// <summary>A float as Lua's <c>%.14g</c> prints it (<c>2.5</c>, <c>1e+20</c>, <c>3.0</c>).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        string text = value.ToString("G14", CultureInfo.InvariantCulture).Replace("E", "e");
        if (!text.Contains('.') && !text.Contains('e') && !text.Contains("inf") && !text.Contains("nan")) text += ".0";
        return text;
    }

    /// <summary>A string in double quotes, shortened past 40 characters, with control characters escaped.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        int shown = Math.Min(text.Length, MaxQuotedLength);
        for (int i = 0; i < shown; i++)
        {
            char ch = text[i];
            switch (ch)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(ch)) quoted.Append("\\").Append(((int)ch).ToString(CultureInfo.InvariantCulture));
                    else quoted.Append(ch);
                    break;
            }
        }
        if (text.Length > shown) quoted.Append("...");
        return quoted.Append('"').ToString();
    }

    /// <summary>The value at <paramref name="index"/> as a message's "(got …)" shows it.</summary>
    public static unsafe string Describe(LuaHost host, IntPtr l, int index)
    {
        int type = LuaApi.Type(l, index);
        switch (type)
        {
            case LuaApi.TypeNone:
            case LuaApi.TypeNil:
                return "nil";
            case LuaApi.TypeBoolean:
                return LuaApi.ToBoolean(l, index) != 0 ? "true" : "false";
            case LuaApi.TypeNumber:
                if (LuaApi.IsInteger(l, index) != 0)
                    return LuaApi.ToInteger(l, index).ToString(CultureInfo.InvariantCulture);
                return Number(LuaApi.ToNumber(l, index));
            case LuaApi.TypeString:
                return Quote(LuaApi.ToText(l, index) ?? "");
            case LuaApi.TypeUserData:
                string? kind = host.HandleKindNameAt(l, index);
                return kind is null ? "userdata" : $"a {kind} handle";
            default:
                return LuaApi.TypeName(type);
        }
    }
}
