using System.Globalization;
using System.Text.RegularExpressions;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Scripting.Host.Internal;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// A script's tunable parameters: what its <c>rnn.params{…}</c> declared (name and default, whose
/// type — integer, number, string or boolean — every override must have) and the values they took
/// after the overrides given from outside (<c>--set name=value</c>, or the values a checkpoint
/// recorded). An override the script never declares is refused once the script has loaded.
/// </summary>
public sealed partial class ScriptParameters
{
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly string _source;
    private readonly SortedDictionary<string, object> _values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, object> _defaults = new(StringComparer.Ordinal);
    private bool _sealed;

    /// <param name="overrides">Names to values as text, parsed to each default's type.</param>
    /// <param name="source">How messages name where an override came from, e.g. <c>--set</c>.</param>
    public ScriptParameters(IReadOnlyDictionary<string, string> overrides, string source = "--set")
    {
        _overrides = overrides;
        _source = source;
    }

    /// <summary>The values the parameters took, in name order (see <see cref="ExperimentParameters"/>).</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>The defaults the script declared, in name order.</summary>
    public IReadOnlyDictionary<string, object> Defaults => _defaults;

    /// <summary>Whether an override did not fit its parameter (the load fails with that one line).</summary>
    internal bool Refused { get; private set; }

    /// <summary>Whether <paramref name="name"/> can be a parameter: a Lua identifier.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Declares one parameter and gives the value it takes (the override's, else the default).</summary>
    /// <exception cref="ScriptArgumentException">A bad or repeated name, a declaration after loading, or an override of the wrong type.</exception>
    internal object Declare(string name, object defaultValue)
    {
        if (_sealed) throw new ScriptArgumentException("parameters are declared while the script loads (at its top), not from a callback");
        if (!IsValidName(name)) throw new ScriptArgumentException($"'{name}' is not a parameter name (letters, digits and _, not starting with a digit)");
        if (_defaults.ContainsKey(name)) throw new ScriptArgumentException($"parameter '{name}' is declared twice");
        if (defaultValue is double d && !double.IsFinite(d)) throw new ScriptArgumentException($"parameter '{name}' must have a finite default (got {d})");
        _defaults[name] = defaultValue;
        object value = defaultValue;
        if (_overrides.TryGetValue(name, out string? text) && !TryConvert(text, defaultValue, out value))
        {
            Refused = true;
            throw new ScriptArgumentException($"{_source} {name}={text}: '{name}' must be {Expected(defaultValue)} (its default is {Show(defaultValue)})");
        }
        _values[name] = value;
        return value;
    }

    /// <summary>Ends declaring; refuses an override that names no declared parameter (one line naming it and the script).</summary>
    /// <exception cref="ScriptException">An override for a parameter the script does not declare.</exception>
    internal void Seal(string scriptPath)
    {
        _sealed = true;
        foreach (string name in _overrides.Keys.Order(StringComparer.Ordinal))
        {
            if (_defaults.ContainsKey(name)) continue;
            string why = NoSuchParameter(name);
            throw new ScriptException(ScriptErrorKind.Argument, $"{scriptPath}: {_source} {name}={_overrides[name]}: {why}", scriptPath, null);
        }
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot be set: <c>the script has no parameter 'hiden' (did you
    /// mean 'hidden'? it declares hidden, lr)</c>, or that it declares none.
    /// </summary>
    public string NoSuchParameter(string name)
    {
        if (_defaults.Count == 0) return "the script declares no parameters (rnn.params{…} declares them)";
        string? near = NameSuggestion.Closest(name, _defaults.Keys);
        string meant = near is null ? "" : $"did you mean '{near}'? ";
        return $"the script has no parameter '{name}' ({meant}it declares {string.Join(", ", _defaults.Keys)})";
    }

    /// <summary>Parses <paramref name="text"/> to the type of <paramref name="like"/> (integer, finite number, string, true/false).</summary>
    public static bool TryConvert(string text, object like, out object value)
    {
        value = like;
        switch (like)
        {
            case long when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i):
                value = i;
                return true;
            case double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d):
                value = d;
                return true;
            case string:
                value = text;
                return true;
            case bool when text is "true" or "false":
                value = text == "true";
                return true;
            default:
                return false;
        }
    }

    /// <summary>What an override of a parameter with default <paramref name="like"/> must be, e.g. <c>an integer</c>.</summary>
    public static string Expected(object like) => like switch
    {
        long => "an integer",
        double => "a number",
        bool => "true or false",
        _ => "a string",
    };

    /// <summary>A value as a script would write it (strings quoted).</summary>
    public static string Show(object value) => value is string s ? $"'{s}'" : ExperimentParameters.Format(value);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
