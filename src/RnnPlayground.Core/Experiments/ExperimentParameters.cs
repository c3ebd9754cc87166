using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// The values an experiment's tunable parameters took (a script's <c>rnn.params{…}</c> after the
/// command line's <c>--set</c>): names to a <see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/> or <see cref="bool"/>, in name order. Stored as JSON in checkpoints (the
/// <see cref="MetadataKey"/> entry) and in summary.json, so a run can be rebuilt as it was trained.
/// </summary>
public static class ExperimentParameters
{
    /// <summary>The checkpoint metadata key holding the parameters as a JSON object.</summary>
    public const string MetadataKey = "params";

    /// <summary>No parameters.</summary>
    public static IReadOnlyDictionary<string, object> None { get; } = new SortedDictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The parameters as a JSON object (integers as integers, numbers round-tripping).</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var o = new JsonObject();
        foreach ((string name, object value) in parameters) o[name] = ToJson(value);
        return o;
    }

    /// <summary>One value as JSON (a non-finite number as null).</summary>
    public static JsonNode? ToJson(object value) => value switch
    {
        long i => JsonValue.Create(i),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        _ => throw new ArgumentException($"a parameter value of type {value.GetType().Name}; parameters are integers, numbers, strings or booleans"),
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote (JSON integers become <see cref="long"/>, other numbers <see cref="double"/>).</summary>
    /// <exception cref="ArgumentException">Not a JSON object of plain values.</exception>
    public static IReadOnlyDictionary<string, object> FromJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the recorded parameters are not JSON ({e.Message})");
        }
        if (node is not JsonObject o) throw new ArgumentException("the recorded parameters are not a JSON object");
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? value) in o)
        {
            result[name] = value?.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when value.AsValue().TryGetValue(out long i) => i,
                JsonValueKind.Number => value.GetValue<double>(),
                _ => throw new ArgumentException($"the recorded parameter '{name}' is not an integer, number, string or boolean"),
            };
        }
        return result;
    }

    /// <summary>A value as <c>--set</c> takes it (numbers round-trip, booleans as <c>true</c>/<c>false</c>).</summary>
    public static string Format(object value) => value switch
    {
        long i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        _ => throw new ArgumentException($"a parameter value of type {value.GetType().Name}"),
    };
}
