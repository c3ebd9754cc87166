using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw little-endian data), so that
/// weights move between RnnPlayground and PyTorch (<c>safetensors.torch.load_file</c>).
/// Files we write carry in the header metadata a SHA-256 of the whole file (header and data, with
/// the checksum's own digits read as zeros), so any change to a weight, a moment or a header value
/// is detected. Reading refuses devices, pipes and files past <see cref="MaxFileBytes"/> before
/// reading a byte.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Metadata key holding the hex SHA-256 of the file.</summary>
    public const string ChecksumKey = "sha256";

    /// <summary>Hex digits of a SHA-256.</summary>
    public const int ChecksumLength = 64;

    /// <summary>The largest file read (1 GiB: about 90 million parameters with Adam's moments).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>
    /// Metadata <c>format</c> of files written before the checksum covered the header: their
    /// <c>sha256</c> covers the data only, so their header is not vouched for.
    /// </summary>
    public const string DataOnlyChecksumFormat = "rnnplayground-checkpoint/1";

    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>
    /// Writes tensors and metadata atomically: a temporary file in the same folder (stale ones of
    /// earlier interrupted saves to the same path removed first), then a rename.
    /// </summary>
    /// <exception cref="CheckpointException">The file would exceed <see cref="MaxFileBytes"/>.</exception>
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
        string placeholder = new('0', ChecksumLength);
        meta[ChecksumKey] = placeholder; // last, so its digits are the last occurrence below
        header["__metadata__"] = meta;

        string json = header.ToJsonString();
        int padded = (Encoding.UTF8.GetByteCount(json) + 7) / 8 * 8;
        var prefix = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
        int written = Encoding.UTF8.GetBytes(json, prefix.AsSpan(8));
        prefix.AsSpan(8 + written).Fill((byte)' ');
        int digits = 8 + prefix.AsSpan(8, written).LastIndexOf(Encoding.UTF8.GetBytes($"\"{ChecksumKey}\":\"{placeholder}\"")) + ChecksumKey.Length + 4;
        Encoding.ASCII.GetBytes(Checksum(prefix, digits, data.GetBuffer().AsSpan(0, (int)data.Length))).CopyTo(prefix, digits);

        string full = Path.GetFullPath(path);
        if (prefix.Length + data.Length > MaxFileBytes)
            throw new CheckpointException(full, $"would be {prefix.Length + data.Length:N0} bytes, more than the {MaxFileBytes:N0} a checkpoint may have (it could not be read back)");
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            StaleTemporaryFiles.Remove(dir, Path.GetFileName(full));
        }
        string temp = StaleTemporaryFiles.NameFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(prefix);
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

    /// <summary>
    /// Reads every tensor and the metadata, checking the header field by field and the checksum when
    /// the file has one; refuses anything wrong with the path and the field or reason.
    /// </summary>
    /// <exception cref="CheckpointException">The file is not a valid safetensors file, or not a regular file, or too large.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static SafeTensorsContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ReadBounded(path);
        if (bytes.Length < 8) throw new CheckpointException(path, $"file is truncated ({bytes.Length} bytes; a safetensors file starts with an 8-byte header length)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
            throw new CheckpointException(path, $"not a safetensors file (header length {headerLength})");
        if (8 + (long)headerLength > bytes.Length)
            throw new CheckpointException(path, $"file is truncated: the header needs {headerLength} bytes but only {bytes.Length - 8} follow");
        int dataStart = 8 + (int)headerLength;
        ReadOnlySpan<byte> data = bytes.AsSpan(dataStart);
        SafeTensorsHeader header = SafeTensorsHeader.Parse(path, bytes.AsSpan(8, (int)headerLength), data.Length);
        bool verified = false;
        if (header.Metadata.TryGetValue(ChecksumKey, out string? expected))
        {
            bool dataOnly = header.Metadata.GetValueOrDefault("format") == DataOnlyChecksumFormat;
            string actual = dataOnly ? Convert.ToHexStringLower(SHA256.HashData(data)) : Checksum(bytes.AsSpan(0, dataStart), 8 + header.ChecksumOffset, data);
            // A tensor past the data was already refused as a truncated file by SafeTensorsHeader.Parse.
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException(path, $"file is corrupted or was edited: its checksum (metadata '{ChecksumKey}') does not match its {(dataOnly ? "data" : "header and data")}");
            verified = !dataOnly;
        }
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (SafeTensorEntry t in header.Tensors)
            tensors[t.Name] = Decode(path, t, data.Slice((int)t.Begin, (int)(t.End - t.Begin)));
        return new SafeTensorsContents(tensors, header.Metadata, verified);
    }

    /// <summary>
    /// The SHA-256 of a file's prefix (length and header) and data with the 64 checksum digits at
    /// <paramref name="digits"/> in the prefix taken as '0's, as hex digits.
    /// </summary>
    private static string Checksum(ReadOnlySpan<byte> prefix, int digits, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix[..digits]);
        Span<byte> zeros = stackalloc byte[ChecksumLength];
        zeros.Fill((byte)'0');
        hash.AppendData(zeros);
        hash.AppendData(prefix[(digits + ChecksumLength)..]);
        hash.AppendData(data);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The file's bytes, refusing before reading what is not a regular file (a device grows without
    /// end, a pipe blocks) or is larger than <see cref="MaxFileBytes"/>.
    /// </summary>
    private static byte[] ReadBounded(string path)
    {
        if (Directory.Exists(path)) throw new CheckpointException(path, "is a folder, not a checkpoint file");
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such checkpoint file", path);
        if (info.LinkTarget is not null)
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        if (info is not FileInfo file || !file.Exists)
            throw new CheckpointException(path, "is a link to something that is not a file");
        long length = file.Length;
        if (length == 0)
            throw new CheckpointException(path, "is empty or not a regular file (a device or a pipe); a checkpoint is a regular file");
        if (length > MaxFileBytes)
            throw new CheckpointException(path, $"is {length:N0} bytes, more than the {MaxFileBytes:N0} a checkpoint may have");
        var bytes = new byte[length];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        int read = 0;
        while (read < bytes.Length)
        {
            int n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0) throw new CheckpointException(path, $"file shrank while being read ({read} of {length} bytes)");
            read += n;
        }
        if (stream.ReadByte() >= 0) throw new CheckpointException(path, "file grew while being read");
        return bytes;
    }

    private static SafeTensor Decode(string path, SafeTensorEntry entry, ReadOnlySpan<byte> raw)
    {
        (string name, string dtype, int[] shape, int count) = (entry.Name, entry.DType, entry.Shape, (int)entry.Count);
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
                for (int i = 0; i < count; i++)
                {
                    long v = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]);
                    ints[i] = v is >= int.MinValue and <= int.MaxValue ? (int)v
                        : throw new CheckpointException(path, $"tensor '{name}': value {v} at {i} does not fit 32 bits");
                }
                break;
        }
        return new SafeTensor(name, dtype, shape, floats, ints);
    }
}
