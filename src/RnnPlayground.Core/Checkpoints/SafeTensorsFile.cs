using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>One tensor of a safetensors file, converted to float32 (or int32 for I32/I64 data).</summary>
public sealed record SafeTensor(string Name, string DType, int[] Shape, float[] Floats, int[] Ints)
{
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw little-endian data), so that
/// weights move between RnnPlayground and PyTorch (<c>safetensors.torch.load_file</c>).
/// Files we write carry a SHA-256 of the data in the header metadata, so corruption is detected.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Metadata key holding the hex SHA-256 of the data section.</summary>
    public const string ChecksumKey = "sha256";

    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Writes tensors and metadata atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, int[] Shape, float[] Values)> floats,
        IReadOnlyList<(string Name, int[] Shape, int[] Values)> ints, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = new JsonObject();
        var data = new MemoryStream();
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, string dtype, int[] shape, ReadOnlySpan<byte> bytes)
        {
            if (!names.Add(name)) throw new ArgumentException($"tensor '{name}' is written twice");
            if (name == "__metadata__") throw new ArgumentException("'__metadata__' is not a tensor name");
            long begin = data.Length;
            data.Write(bytes);
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(begin, data.Length),
            };
        }
        foreach ((string name, int[] shape, float[] values) in floats)
        {
            CheckLength(name, shape, values.Length);
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
            Add(name, "F32", shape, bytes);
        }
        foreach ((string name, int[] shape, int[] values) in ints)
        {
            CheckLength(name, shape, values.Length);
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
            Add(name, "I32", shape, bytes);
        }
        var meta = new JsonObject();
        foreach ((string k, string v) in metadata)
            if (k != ChecksumKey) meta[k] = v;
        meta[ChecksumKey] = Convert.ToHexStringLower(SHA256.HashData(data.GetBuffer().AsSpan(0, (int)data.Length)));
        header["__metadata__"] = meta;

        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (headerBytes.Length + 7) / 8 * 8;
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        string temp = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> len = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
                stream.Write(len);
                stream.Write(headerBytes);
                for (int i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
                data.Position = 0;
                data.CopyTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static void CheckLength(string name, int[] shape, int length)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        if (n != length) throw new ArgumentException($"tensor '{name}' has {length} values but shape [{string.Join(", ", shape)}]");
    }

    /// <summary>Reads every tensor and the metadata; refuses a truncated or corrupted file with its path and the reason.</summary>
    /// <exception cref="CheckpointException">The file is not a valid safetensors file.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static (Dictionary<string, SafeTensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint file", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new CheckpointException(path, $"file is truncated ({bytes.Length} bytes; a safetensors file starts with an 8-byte header length)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
            throw new CheckpointException(path, $"not a safetensors file (header length {headerLength})");
        if (8 + (long)headerLength > bytes.Length)
            throw new CheckpointException(path, $"file is truncated: the header needs {headerLength} bytes but only {bytes.Length - 8} follow");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength))?.AsObject()
                ?? throw new CheckpointException(path, "header is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or DecoderFallbackException)
        {
            throw new CheckpointException(path, $"header is not valid JSON ({e.Message})", e);
        }
        int dataStart = 8 + (int)headerLength;
        ReadOnlySpan<byte> data = bytes.AsSpan(dataStart);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        long maxEnd = 0;
        var ranges = new List<(long Begin, long End, string Name)>();
        try
        {
            foreach ((string name, JsonNode? node) in header)
            {
                if (name == "__metadata__")
                {
                    foreach ((string k, JsonNode? v) in node!.AsObject()) metadata[k] = v!.GetValue<string>();
                    continue;
                }
                JsonObject t = node!.AsObject();
                string dtype = t["dtype"]!.GetValue<string>();
                int[] shape = t["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
                JsonArray offsets = t["data_offsets"]!.AsArray();
                long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
                if (shape.Any(d => d < 0)) throw new CheckpointException(path, $"tensor '{name}' has a negative dimension");
                long count = shape.Aggregate(1L, (a, b) => a * b);
                int size = dtype switch
                {
                    "F32" or "I32" => 4,
                    "F64" or "I64" => 8,
                    "F16" or "BF16" => 2,
                    _ => throw new CheckpointException(path, $"tensor '{name}' has unsupported dtype {dtype}"),
                };
                if (begin < 0 || end < begin || end - begin != count * size)
                    throw new CheckpointException(path, $"tensor '{name}' ({dtype} [{string.Join(", ", shape)}]) has a byte range [{begin}, {end}) of the wrong size");
                if (end > data.Length)
                    throw new CheckpointException(path, $"file is truncated: tensor '{name}' ends at byte {end} of the data but the data has {data.Length} bytes");
                ranges.Add((begin, end, name));
                maxEnd = Math.Max(maxEnd, end);
                tensors[name] = Decode(name, dtype, shape, (int)count, data.Slice((int)begin, (int)(end - begin)));
            }
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or JsonException or OverflowException)
        {
            throw new CheckpointException(path, $"header does not describe tensors properly ({e.Message})", e);
        }
        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (int i = 1; i < ranges.Count; i++)
            if (ranges[i].Begin < ranges[i - 1].End)
                throw new CheckpointException(path, $"tensors '{ranges[i - 1].Name}' and '{ranges[i].Name}' overlap");
        if (metadata.TryGetValue(ChecksumKey, out string? expected))
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(data));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException(path, data.Length < maxEnd ? "file is truncated" : "data is corrupted (checksum mismatch)");
        }
        return (tensors, metadata);
    }

    private static SafeTensor Decode(string name, string dtype, int[] shape, int count, ReadOnlySpan<byte> raw)
    {
        float[] floats = [];
        int[] ints = [];
        switch (dtype)
        {
            case "F32":
                floats = new float[count];
                for (int i = 0; i < count; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                break;
            case "F64":
                floats = new float[count];
                for (int i = 0; i < count; i++) floats[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
                break;
            case "F16":
                floats = new float[count];
                for (int i = 0; i < count; i++) floats[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]);
                break;
            case "BF16":
                floats = new float[count];
                for (int i = 0; i < count; i++) floats[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16);
                break;
            case "I32":
                ints = new int[count];
                for (int i = 0; i < count; i++) ints[i] = BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]);
                break;
            case "I64":
                ints = new int[count];
                for (int i = 0; i < count; i++) ints[i] = checked((int)BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]));
                break;
        }
        return new SafeTensor(name, dtype, shape, floats, ints);
    }
}
