using System.Globalization;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// Reads what a sweep varies against the parameters the script declares: <c>--grid 'lr=1e-3,3e-3
/// hidden=16,32'</c> (space between parameters, commas between values) or, for <c>--random N</c>,
/// <c>--ranges 'lr=log:1e-4..1e-2 hidden=16..128 cell=lstm,gru'</c>. Every mistake is one line
/// naming the option and the parameter (<see cref="ArgumentException"/>), found before anything runs.
/// </summary>
internal static class SweepSpaceParser
{
    /// <summary>The axes of a grid: lists of values only.</summary>
    public static IReadOnlyList<SweepAxis> Grid(string text, ScriptParameters parameters, string scriptPath) =>
        Parse("--grid", text, parameters, scriptPath, ranges: false);

    /// <summary>The axes of a random sweep: lists to choose among and ranges to draw from.</summary>
    public static IReadOnlyList<SweepAxis> Ranges(string text, ScriptParameters parameters, string scriptPath) =>
        Parse("--ranges", text, parameters, scriptPath, ranges: true);

    private static List<SweepAxis> Parse(string option, string text, ScriptParameters parameters, string scriptPath, bool ranges)
    {
        string[] items = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        string form = ranges ? "NAME=LOW..HIGH, NAME=log:LOW..HIGH or NAME=V1,V2,…" : "NAME=V1,V2,…";
        if (items.Length == 0) throw Error($"{option} '{text}': give {form} for one or more parameters, separated by spaces");
        var axes = new List<SweepAxis>();
        foreach (string item in items)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
                throw Error($"{option} '{item}': write {form} (a parameter, '=', then its values)");
            string name = item[..eq], values = item[(eq + 1)..];
            if (!parameters.Defaults.TryGetValue(name, out object? like))
                throw Error($"{option} {item}: {scriptPath}: {parameters.NoSuchParameter(name)}");
            if (axes.Any(a => a.Name == name)) throw Error($"{option}: '{name}' is given twice");
            axes.Add(values.Contains("..", StringComparison.Ordinal)
                ? ReadRange(option, item, name, values, like, ranges)
                : ReadList(option, item, name, values, like));
        }
        return axes;
    }

    private static SweepAxis ReadList(string option, string item, string name, string text, object like)
    {
        var values = new List<object>();
        foreach (string part in text.Split(','))
        {
            if (part.Length == 0) throw Error($"{option} {item}: '{name}' has an empty value (write {name}=V1,V2,…)");
            if (!ScriptParameters.TryConvert(part, like, out object value))
                throw Error($"{option} {item}: '{name}' must be {ScriptParameters.Expected(like)} (its default is {ScriptParameters.Show(like)}; got '{part}')");
            if (values.Contains(value)) throw Error($"{option} {item}: '{name}' lists {part} twice");
            values.Add(value);
        }
        return new SweepAxis(name, values);
    }

    private static SweepAxis ReadRange(string option, string item, string name, string text, object like, bool allowed)
    {
        if (!allowed) throw Error($"{option} {item}: a grid lists values (a range LOW..HIGH is for --random N --ranges)");
        if (like is not (long or double))
            throw Error($"{option} {item}: '{name}' is {ScriptParameters.Expected(like)}; a range needs a number or integer parameter (list the values instead)");
        bool log = text.StartsWith("log:", StringComparison.Ordinal);
        string[] ends = (log ? text[4..] : text).Split("..");
        bool integer = like is long;
        if (ends.Length != 2 || !TryEnd(ends[0], integer, out double low) || !TryEnd(ends[1], integer, out double high))
            throw Error($"{option} {item}: write {name}=LOW..HIGH or {name}=log:LOW..HIGH with {(integer ? "integer" : "number")} ends");
        if (!(low < high)) throw Error($"{option} {item}: the range's low end must be below its high end");
        if (log && low <= 0) throw Error($"{option} {item}: a log range needs a low end above 0");
        return new SweepAxis(name, [], new SweepRange(low, high, log, integer));
    }

    private static bool TryEnd(string text, bool integer, out double value)
    {
        value = 0;
        if (integer)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i) || Math.Abs(i) > 1L << 50) return false;
            value = i;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static ArgumentException Error(string message) => new(message);
}
