using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>The keys <c>--keys</c> presses in a recording: a comma-separated list of on_key's names, or t for the step-through.</summary>
internal static class RecordedKeys
{
    /// <summary>The step-through's key.</summary>
    public const string StepThrough = "t";

    /// <exception cref="ArgumentException">A name that is neither a free key nor t, naming the option.</exception>
    public static IReadOnlyList<string> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return [];
        var keys = new List<string>();
        foreach (string raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string key = raw.ToLowerInvariant();
            if (key != StepThrough && !ScriptKeys.Free.Contains(key, StringComparer.Ordinal))
                throw new ArgumentException($"--keys: '{raw}' is not a key the script receives (known: t, {string.Join(", ", ScriptKeys.Free)})");
            keys.Add(key);
        }
        return keys;
    }
}
