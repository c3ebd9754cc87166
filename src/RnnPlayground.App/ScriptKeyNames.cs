using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// The names a script's <c>on_key</c> receives for the window's free keys (GLFW key codes):
/// letters and digits lower case, arrows, Enter, Backspace, Insert, Delete, Page Up/Down, Home,
/// End and F1–F12. Keys the window uses map to no name (see <see cref="ScriptKeys.Host"/>).
/// </summary>
internal static class ScriptKeyNames
{
    /// <summary>GLFW's code of the T key (step through one pass).</summary>
    public const int KeyT = 84;

    private static readonly Dictionary<int, string> Special = new()
    {
        [257] = "enter", [259] = "backspace", [260] = "insert", [261] = "delete",
        [262] = "right", [263] = "left", [264] = "down", [265] = "up",
        [266] = "pageup", [267] = "pagedown", [268] = "home", [269] = "end",
    };

    /// <summary>The script's name of <paramref name="nativeKey"/>, or null when the key is the window's or unnamed.</summary>
    public static string? Of(int nativeKey)
    {
        string? name = nativeKey switch
        {
            >= 65 and <= 90 => ((char)('a' + (nativeKey - 65))).ToString(),
            >= 48 and <= 57 => ((char)('0' + (nativeKey - 48))).ToString(),
            >= 290 and <= 301 => $"f{nativeKey - 289}",
            _ => Special.GetValueOrDefault(nativeKey),
        };
        return name is not null && ScriptKeys.Free.Contains(name, StringComparer.Ordinal) ? name : null;
    }
}
