using System.Globalization;
using System.Text.Json;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>
/// One JSON object of a checkpoint's metadata (<c>optimizer</c>, <c>trainer</c>, <c>selection</c>…)
/// read field by field: every key once and known, every value of its type and in its range. Each
/// refusal names the file and the field (<c>'trainer.epoch'</c>).
/// </summary>
internal sealed class CheckpointFields
{
    private readonly string _path;
    private readonly string _key;
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    private CheckpointFields(string path, string key)
    {
        _path = path;
        _key = key;
    }

    /// <summary>Parses metadata <paramref name="key"/>, which must be a JSON object with only <paramref name="allowed"/> keys.</summary>
    public static CheckpointFields Parse(string path, IReadOnlyDictionary<string, string> metadata, string key, params string[] allowed)
    {
        if (!metadata.TryGetValue(key, out string? json))
            throw new CheckpointException(path, $"metadata '{key}' is missing (not an RnnPlayground checkpoint?)");
        var fields = new CheckpointFields(path, key);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(path, $"metadata '{key}' is not a JSON object");
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(p.Name))
                    throw new CheckpointException(path, $"metadata '{key}' has an unknown field '{p.Name}' (known: {string.Join(", ", allowed)})");
                if (!fields._fields.TryAdd(p.Name, p.Value.Clone()))
                    throw new CheckpointException(path, $"metadata '{key}' has the field '{p.Name}' twice");
            }
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"metadata '{key}' is not valid JSON ({e.Message})", e);
        }
        return fields;
    }

    public bool Has(string field) => _fields.TryGetValue(field, out JsonElement e) && e.ValueKind != JsonValueKind.Null;

    /// <summary>A required string field.</summary>
    public string String(string field)
    {
        JsonElement e = Get(field);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(field, e, "a string");
    }

    /// <summary>A required integer field in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Integer(string field, long min, long max, string? why = null)
    {
        JsonElement e = Get(field);
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= min && v <= max) return v;
        throw Wrong(field, e, $"an integer in {min}…{max}{(why is null ? "" : $" ({why})")}");
    }

    /// <summary>A required finite number in [<paramref name="min"/>, <paramref name="max"/>] (<paramref name="exclusiveMin"/>: above min).</summary>
    public double Number(string field, double min, double max, bool exclusiveMin = false, string? why = null)
    {
        JsonElement e = Get(field);
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v)
            && (exclusiveMin ? v > min : v >= min) && v <= max)
            return v;
        string low = exclusiveMin ? $"> {Show(min)}" : $"≥ {Show(min)}";
        throw Wrong(field, e, $"a number {low} and ≤ {Show(max)}{(why is null ? "" : $" ({why})")}");
    }

    /// <summary>An error about <paramref name="field"/> that names the file and the field.</summary>
    public CheckpointException Refuse(string field, string reason) => new(_path, $"metadata '{_key}.{field}' {reason}");

    private JsonElement Get(string field) =>
        _fields.TryGetValue(field, out JsonElement e) ? e : throw new CheckpointException(_path, $"metadata '{_key}.{field}' is missing");

    private CheckpointException Wrong(string field, JsonElement e, string expected) =>
        Refuse(field, $"is {Truncate(e.GetRawText())}; it must be {expected}");

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
