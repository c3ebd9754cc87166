using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace RnnPlayground.App;

/// <summary>
/// Command-line options that check their value while parsing: a value of the wrong type or out
/// of range is one line naming the option and what it accepts
/// (<c>--steps must be an integer from 1 to 1000000000000 (got '-5')</c>), reported before
/// anything runs.
/// </summary>
internal static class CheckedOptions
{
    /// <summary>An integer option in [<paramref name="min"/>, <paramref name="max"/>], null when not given (unless it has a default).</summary>
    public static Option<T?> Integer<T>(string name, T min, T max, string description, T? defaultValue = null)
        where T : struct, IBinaryInteger<T>
    {
        string range = string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
        var option = new Option<T?>(name)
        {
            Description = description,
            CustomParser = result => Parse<T?>(result, name, range, text =>
                T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T v) && v >= min && v <= max ? v : null),
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    /// <summary>A finite number option above <paramref name="min"/> (or at it, when <paramref name="minInclusive"/>) and at most <paramref name="max"/>.</summary>
    public static Option<double?> Number(string name, double min, double max, string description, double? defaultValue = null, bool minInclusive = false)
    {
        string range = string.Create(CultureInfo.InvariantCulture, $"a number {(minInclusive ? "from" : "above")} {min} {(minInclusive ? "to" : "and at most")} {max}");
        var option = new Option<double?>(name)
        {
            Description = description,
            CustomParser = result => Parse(result, name, range, text =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    && (minInclusive ? v >= min : v > min) && v <= max ? v : (double?)null),
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    /// <summary>A non-empty text option (a path, a name).</summary>
    public static Option<string?> Text(string name, string description, bool required = false)
    {
        return new Option<string?>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result => Parse(result, name, "a non-empty value", text => text.Length > 0 && !text.Contains('\0') ? text : null),
        };
    }

    /// <summary>A window or picture size <c>WIDTHxHEIGHT</c>, each side from <paramref name="min"/> to <paramref name="max"/> pixels.</summary>
    public static Option<PictureSize?> Size(string name, int min, int max, string description, PictureSize defaultValue)
    {
        string expected = $"WIDTHxHEIGHT with each side from {min} to {max} pixels, e.g. 1280x800";
        return new Option<PictureSize?>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse<PictureSize?>(result, name, expected, text =>
            {
                string[] parts = text.Split('x');
                return parts.Length == 2
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w) && w >= min && w <= max
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h) && h >= min && h <= max
                    ? new PictureSize(w, h) : null;
            }),
        };
    }

    /// <summary>A choice among <paramref name="choices"/>.</summary>
    public static Option<string?> Choice(string name, IReadOnlyList<string> choices, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, $"one of {string.Join(", ", choices)}", text => choices.Contains(text) ? text : null),
    };

    private static T? Parse<T>(ArgumentResult result, string name, string expected, Func<string, T?> convert)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        T? value = result.Tokens.Count == 1 ? convert(text) : default;
        if (value is null) result.AddError($"{name} must be {expected} (got '{text}')");
        return value;
    }
}
