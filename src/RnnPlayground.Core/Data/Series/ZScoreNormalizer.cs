using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RnnPlayground.Core.Data;

/// <summary>
/// Per-column z-score normalization, x' = (x − mean) / std, with the population standard
/// deviation (divide by n) of the rows it was fitted on; a constant column gets std 1. Immutable;
/// saved with a model as JSON (<see cref="ToJson"/>) or as flat strings (<see cref="ToDictionary"/>).
/// </summary>
public sealed class ZScoreNormalizer
{
    private const string Format = "rnnplayground.zscore";
    private const int Version = 1;
    private readonly string[] _names;
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <param name="names">Column names, distinct.</param>
    /// <param name="means">Mean per column (finite).</param>
    /// <param name="stds">Standard deviation per column (finite, &gt; 0).</param>
    public ZScoreNormalizer(IReadOnlyList<string> names, IReadOnlyList<double> means, IReadOnlyList<double> stds)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(stds);
        if (means.Count != names.Count || stds.Count != names.Count)
            throw new ArgumentException($"{names.Count} names, {means.Count} means and {stds.Count} stds", nameof(means));
        _names = names.ToArray();
        if (_names.Distinct(StringComparer.Ordinal).Count() != _names.Length)
            throw new ArgumentException($"column names must be distinct: {string.Join(", ", _names)}", nameof(names));
        _mean = means.ToArray();
        _std = stds.ToArray();
        for (int i = 0; i < _names.Length; i++)
        {
            if (!double.IsFinite(_mean[i])) throw new ArgumentOutOfRangeException(nameof(means), _mean[i], $"mean of '{_names[i]}' must be finite");
            if (!(double.IsFinite(_std[i]) && _std[i] > 0)) throw new ArgumentOutOfRangeException(nameof(stds), _std[i], $"std of '{_names[i]}' must be finite and > 0");
        }
    }

    /// <summary>Fits <paramref name="columns"/> of <paramref name="series"/> on the rows listed in <paramref name="rows"/>.</summary>
    public static ZScoreNormalizer Fit(TimeSeries series, IReadOnlyList<string> columns, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("no rows to fit on", nameof(rows));
        var means = new double[columns.Count];
        var stds = new double[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            ReadOnlySpan<float> col = series.Column(columns[c]);
            double sum = 0;
            foreach (int r in rows) sum += col[r];
            double mean = sum / rows.Count;
            double sq = 0;
            foreach (int r in rows) sq += (col[r] - mean) * (col[r] - mean);
            means[c] = mean;
            stds[c] = StdOrOne(Math.Sqrt(sq / rows.Count));
        }
        return new ZScoreNormalizer(columns, means, stds);
    }

    /// <summary>Fits on <paramref name="rows"/>, row-major [n, names.Count].</summary>
    public static ZScoreNormalizer Fit(IReadOnlyList<string> names, ReadOnlySpan<float> rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        int width = names.Count;
        if (width == 0 || rows.Length == 0 || rows.Length % width != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {width} columns", nameof(rows));
        int n = rows.Length / width;
        var means = new double[width];
        var stds = new double[width];
        for (int c = 0; c < width; c++)
        {
            double sum = 0;
            for (int r = 0; r < n; r++) sum += rows[r * width + c];
            double mean = sum / n;
            double sq = 0;
            for (int r = 0; r < n; r++) sq += (rows[r * width + c] - mean) * (rows[r * width + c] - mean);
            means[c] = mean;
            stds[c] = StdOrOne(Math.Sqrt(sq / n));
        }
        return new ZScoreNormalizer(names, means, stds);
    }

    private static double StdOrOne(double std) => std > 0 ? std : 1.0;

    public IReadOnlyList<string> Names => _names;

    public int Width => _names.Length;

    public IReadOnlyList<double> Means => _mean;

    public IReadOnlyList<double> Stds => _std;

    /// <summary>Index of column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the known ones.</exception>
    public int IndexOf(string name)
    {
        int i = Array.IndexOf(_names, name);
        return i >= 0 ? i : throw new ArgumentException($"the normalizer has no column '{name}'; it has: {string.Join(", ", _names)}", nameof(name));
    }

    public float Normalize(int column, float value) => (float)((value - _mean[column]) / _std[column]);

    public float Denormalize(int column, float value) => (float)(value * _std[column] + _mean[column]);

    /// <summary>Normalizes one row [Width] into <paramref name="normalized"/> [Width] (may be the same memory).</summary>
    public void Normalize(ReadOnlySpan<float> raw, Span<float> normalized)
    {
        if (raw.Length != _names.Length || normalized.Length != _names.Length)
            throw new ArgumentException($"rows must have {_names.Length} values (got {raw.Length} and {normalized.Length})", nameof(raw));
        for (int i = 0; i < raw.Length; i++) normalized[i] = Normalize(i, raw[i]);
    }

    /// <summary>Inverse of <see cref="Normalize(ReadOnlySpan{float}, Span{float})"/> for one row [Width].</summary>
    public void Denormalize(ReadOnlySpan<float> normalized, Span<float> raw)
    {
        if (raw.Length != _names.Length || normalized.Length != _names.Length)
            throw new ArgumentException($"rows must have {_names.Length} values (got {normalized.Length} and {raw.Length})", nameof(normalized));
        for (int i = 0; i < raw.Length; i++) raw[i] = Denormalize(i, normalized[i]);
    }

    /// <summary>
    /// <c>{"format":"rnnplayground.zscore","version":1,"columns":[{"name":…,"mean":…,"std":…},…]}</c>
    /// with round-trip doubles.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteStartArray("columns");
            for (int i = 0; i < _names.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", _names[i]);
                w.WriteNumber("mean", _mean[i]);
                w.WriteNumber("std", _std[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <param name="source">Names the text in messages (e.g. the checkpoint path).</param>
    /// <exception cref="DataFormatException">Not a saved normalizer, another version, or invalid values.</exception>
    public static ZScoreNormalizer FromJson(string json, string source = "normalizer")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw new DataFormatException(source, 0, null, $"not a saved normalizer (format must be '{Format}')");
            int version = root.GetProperty("version").GetInt32();
            if (version != Version) throw new DataFormatException(source, 0, null, $"normalizer version {version}; this build reads version {Version}");
            var names = new List<string>();
            var means = new List<double>();
            var stds = new List<double>();
            foreach (var col in root.GetProperty("columns").EnumerateArray())
            {
                names.Add(col.GetProperty("name").GetString() ?? throw new DataFormatException(source, 0, null, "a column has no name"));
                means.Add(col.GetProperty("mean").GetDouble());
                stds.Add(col.GetProperty("std").GetDouble());
            }
            return new ZScoreNormalizer(names, means, stds);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException and not DataFormatException)
        {
            throw new DataFormatException(source, 0, null, $"invalid saved normalizer: {e.Message}");
        }
    }

    /// <summary>Flat form for checkpoint metadata: <c>{prefix}columns</c> (names joined by '\n'), <c>{prefix}{name}.mean</c>, <c>{prefix}{name}.std</c>.</summary>
    public Dictionary<string, string> ToDictionary(string prefix = "norm.")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var d = new Dictionary<string, string>(StringComparer.Ordinal) { [prefix + "columns"] = string.Join('\n', _names) };
        for (int i = 0; i < _names.Length; i++)
        {
            d[$"{prefix}{_names[i]}.mean"] = _mean[i].ToString("R", CultureInfo.InvariantCulture);
            d[$"{prefix}{_names[i]}.std"] = _std[i].ToString("R", CultureInfo.InvariantCulture);
        }
        return d;
    }

    /// <summary>Reads what <see cref="ToDictionary"/> wrote.</summary>
    /// <exception cref="DataFormatException">An entry is missing or not a number.</exception>
    public static ZScoreNormalizer FromDictionary(IReadOnlyDictionary<string, string> entries, string prefix = "norm.", string source = "normalizer")
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(prefix);
        string Get(string key) => entries.TryGetValue(key, out string? v) ? v : throw new DataFormatException(source, 0, null, $"no '{key}' entry");
        double Number(string key) => double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new DataFormatException(source, 0, null, $"'{key}' is not a number: '{Get(key)}'");
        string[] names = Get(prefix + "columns").Split('\n');
        try
        {
            return new ZScoreNormalizer(names, names.Select(n => Number($"{prefix}{n}.mean")).ToArray(), names.Select(n => Number($"{prefix}{n}.std")).ToArray());
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(source, 0, null, $"invalid saved normalizer: {e.Message}");
        }
    }
}
