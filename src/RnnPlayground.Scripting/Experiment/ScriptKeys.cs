using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The keys a script's <c>on_key(ctx, key)</c> receives, by name, and the keys the window keeps for
/// itself (never passed on). Letters and digits are lower case.
/// </summary>
public static class ScriptKeys
{
    /// <summary>The keys passed to <c>on_key</c>.</summary>
    public static IReadOnlyList<string> Free { get; } =
    [
        "a", "b", "e", "g", "i", "j", "k", "l", "m", "o", "p", "q", "u", "v", "x", "y", "z", "9",
        "left", "right", "up", "down", "enter", "backspace", "insert", "delete", "pageup", "pagedown", "home", "end",
        "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
    ];

    /// <summary>The window's own keys, by name, with what they do (a script cannot take them).</summary>
    public static IReadOnlyDictionary<string, string> Host { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["space"] = "pause/resume", ["n"] = "one training step", ["t"] = "step through one pass", ["+"] = "faster", ["-"] = "slower",
        ["["] = "halve the learning rate", ["]"] = "double the learning rate", ["c"] = "clipping", [","] = "halve the clip threshold",
        ["."] = "double the clip threshold", ["tab"] = "cycle the views", ["w"] = "fresh weights", ["r"] = "reload", ["s"] = "screenshot",
        ["escape"] = "quit", ["/"] = "help", ["f"] = "storm front", ["h"] = "heat wave", ["d"] = "dry spell",
        ["0"] = "climate", ["1"] = "storminess", ["2"] = "storminess", ["3"] = "temperature", ["4"] = "temperature",
        ["5"] = "seasons", ["6"] = "seasons", ["7"] = "noise", ["8"] = "noise",
    };

    /// <summary>Checks a key name a script gave; a host key or an unknown name is its error.</summary>
    internal static string Check(string key)
    {
        if (Free.Contains(key, StringComparer.Ordinal)) return key;
        if (Host.TryGetValue(key, out string? use))
            throw new ScriptArgumentException($"key '{key}' belongs to the window ({use}) and is not passed to on_key");
        throw new ScriptArgumentException($"unknown key '{key}'; the keys passed to on_key: {string.Join(", ", Free)}");
    }
}
