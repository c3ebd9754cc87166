using System.Text;
using System.Text.Json;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>One tensor entry of a safetensors header: its dtype, shape and byte range in the data section.</summary>
internal sealed record SafeTensorEntry(string Name, string DType, int[] Shape, long Count, long Begin, long End);

/// <summary>
/// The JSON header of a safetensors file, checked field by field: every key once, each tensor an
/// object of <c>dtype</c> (a known type), <c>shape</c> (non-negative integers) and
/// <c>data_offsets</c> (two integers whose span fits the shape), <c>__metadata__</c> strings only.
/// Every refusal names the file and the field.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private static readonly string[] TensorFields = ["dtype", "shape", "data_offsets"];

    private SafeTensorsHeader(List<SafeTensorEntry> tensors, Dictionary<string, string> metadata, int checksumOffset)
    {
        Tensors = tensors;
        Metadata = metadata;
        ChecksumOffset = checksumOffset;
    }

    public IReadOnlyList<SafeTensorEntry> Tensors { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>Where the checksum's hex digits start in the header bytes, or −1 when there is no checksum.</summary>
    public int ChecksumOffset { get; }

    /// <summary>Bytes per element of a dtype we read, or 0 for one we do not.</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        "F32" or "I32" => 4,
        "F64" or "I64" => 8,
        "F16" or "BF16" => 2,
        _ => 0,
    };

    /// <summary>Parses and checks <paramref name="header"/> (the JSON after the length prefix) of a file whose data section has <paramref name="dataLength"/> bytes.</summary>
    /// <exception cref="CheckpointException">Anything malformed, with the file and the field.</exception>
    public static SafeTensorsHeader Parse(string path, ReadOnlySpan<byte> header, long dataLength)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException)
        {
            throw new CheckpointException(path, "header is not valid UTF-8");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text.TrimEnd(' '), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"header is not valid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(path, $"header is a JSON {Kind(doc.RootElement)}, not an object");
            var tensors = new List<SafeTensorEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty p in Unique(path, doc.RootElement, "header"))
            {
                if (p.Name == "__metadata__") ReadMetadata(path, p.Value, metadata);
                else tensors.Add(ReadTensor(path, p.Name, p.Value, dataLength));
            }
            CheckOverlaps(path, tensors);
            int checksumOffset = metadata.ContainsKey(SafeTensorsFile.ChecksumKey) ? FindChecksum(path, header) : -1;
            return new SafeTensorsHeader(tensors, metadata, checksumOffset);
        }
    }

    /// <summary>The object's properties, refusing a key given twice (JSON parsers disagree on which one wins).</summary>
    private static IEnumerable<JsonProperty> Unique(string path, JsonElement obj, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = obj.EnumerateObject().ToList();
        foreach (JsonProperty p in properties)
            if (!seen.Add(p.Name)) throw new CheckpointException(path, $"{where}: key '{p.Name}' appears twice");
        return properties;
    }

    private static void ReadMetadata(string path, JsonElement node, Dictionary<string, string> metadata)
    {
        if (node.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, $"header: '__metadata__' is a JSON {Kind(node)}, not an object of strings");
        foreach (JsonProperty p in Unique(path, node, "header: '__metadata__'"))
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointException(path, $"metadata '{p.Name}' is a JSON {Kind(p.Value)}, not a string");
            metadata[p.Name] = p.Value.GetString()!;
        }
    }

    private static SafeTensorEntry ReadTensor(string path, string name, JsonElement node, long dataLength)
    {
        string where = $"tensor '{name}'";
        if (node.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(path, $"{where} is a JSON {Kind(node)}, not an object with dtype, shape and data_offsets");
        var fields = Unique(path, node, where).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (string key in fields.Keys)
            if (!TensorFields.Contains(key)) throw new CheckpointException(path, $"{where}: unknown field '{key}' (a tensor has dtype, shape and data_offsets)");
        foreach (string key in TensorFields)
            if (!fields.ContainsKey(key)) throw new CheckpointException(path, $"{where}: '{key}' is missing");
        JsonElement dtypeNode = fields["dtype"];
        if (dtypeNode.ValueKind != JsonValueKind.String)
            throw new CheckpointException(path, $"{where}: 'dtype' is a JSON {Kind(dtypeNode)}, not a string");
        string dtype = dtypeNode.GetString()!;
        int size = ElementSize(dtype);
        if (size == 0) throw new CheckpointException(path, $"{where}: 'dtype' {dtype} is not supported (F32, F64, F16, BF16, I32, I64)");
        int[] shape = Integers(path, where, "shape", fields["shape"], int.MaxValue).Select(d => (int)d).ToArray();
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > int.MaxValue) throw new CheckpointException(path, $"{where}: 'shape' [{string.Join(", ", shape)}] has more than {int.MaxValue} elements");
        }
        long[] offsets = Integers(path, where, "data_offsets", fields["data_offsets"], long.MaxValue);
        if (offsets.Length != 2)
            throw new CheckpointException(path, $"{where}: 'data_offsets' must be [begin, end], got {offsets.Length} value(s)");
        (long begin, long end) = (offsets[0], offsets[1]);
        if (end < begin || end - begin != count * size)
            throw new CheckpointException(path, $"{where}: 'data_offsets' [{begin}, {end}) do not hold {dtype} [{string.Join(", ", shape)}] ({count * size} bytes)");
        if (end > dataLength)
            throw new CheckpointException(path, $"file is truncated: {where} ends at byte {end} of the data but the data has {dataLength} bytes");
        return new SafeTensorEntry(name, dtype, shape, count, begin, end);
    }

    private static long[] Integers(string path, string where, string field, JsonElement node, long max)
    {
        if (node.ValueKind != JsonValueKind.Array)
            throw new CheckpointException(path, $"{where}: '{field}' is a JSON {Kind(node)}, not an array of integers");
        var values = new List<long>();
        foreach (JsonElement e in node.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v) || v < 0 || v > max)
                throw new CheckpointException(path, $"{where}: '{field}' holds {e.GetRawText()}, not an integer in 0…{max}");
            values.Add(v);
        }
        return [.. values];
    }

    private static void CheckOverlaps(string path, List<SafeTensorEntry> tensors)
    {
        var ranges = tensors.Where(t => t.End > t.Begin).OrderBy(t => t.Begin).ToList();
        for (int i = 1; i < ranges.Count; i++)
            if (ranges[i].Begin < ranges[i - 1].End)
                throw new CheckpointException(path, $"tensors '{ranges[i - 1].Name}' and '{ranges[i].Name}' overlap");
    }

    /// <summary>Finds the checksum's hex digits in the raw header: the string value of <c>__metadata__.sha256</c>.</summary>
    private static int FindChecksum(string path, ReadOnlySpan<byte> header)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
        bool inMetadata = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1) inMetadata = reader.ValueTextEquals("__metadata__");
            else if (inMetadata && reader.CurrentDepth == 2 && reader.ValueTextEquals(SafeTensorsFile.ChecksumKey))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length != SafeTensorsFile.ChecksumLength)
                    break;
                return (int)reader.TokenStartIndex + 1;
            }
        }
        throw new CheckpointException(path, $"metadata '{SafeTensorsFile.ChecksumKey}' is not {SafeTensorsFile.ChecksumLength} hex digits");
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
