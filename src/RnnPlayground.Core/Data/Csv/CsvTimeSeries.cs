using System.Globalization;

namespace RnnPlayground.Core.Data;

/// <summary>
/// Loads a CSV file (header row, RFC 4180 quoting, empty lines skipped) into a <see cref="TimeSeries"/>:
/// the chosen numeric columns, an optional date column (calendar for climatology) and an optional
/// categorical label column mapped to class indices. Every problem is a <see cref="DataFormatException"/>
/// of the form <c>path:line: column 'x': …</c>.
/// </summary>
public static class CsvTimeSeries
{
    private static readonly string[] DefaultDateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss'Z'",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd", "yyyyMMdd", "dd.MM.yyyy", "M/d/yyyy", "MM/dd/yyyy",
    ];

    /// <summary>Reads <paramref name="path"/>; see <see cref="CsvTimeSeriesOptions"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="DataFormatException">The file does not fit the options (unknown column, missing or bad cell, unknown label, dates out of order…).</exception>
    public static TimeSeries Load(string path, CsvTimeSeriesOptions options) => Load(path, options, out _);

    /// <inheritdoc cref="Load(string, CsvTimeSeriesOptions)"/>
    public static TimeSeries Load(string path, CsvTimeSeriesOptions options, out CsvLoadReport report)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        return Parse(File.ReadAllText(path), path, options, out report);
    }

    /// <summary>Parses CSV <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static TimeSeries Parse(string text, string source, CsvTimeSeriesOptions options, out CsvLoadReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Columns);
        if (!Enum.IsDefined(options.Missing))
            throw new ArgumentOutOfRangeException(nameof(options), options.Missing, "unknown missing-value policy");

        List<CsvRecordReader.Record> records = CsvRecordReader.Parse(text, source, options.Delimiter);
        if (records.Count == 0) throw new DataFormatException(source, 0, null, "the file is empty (a header row is needed)");
        var reader = new CsvTimeSeriesReader(source, options, records[0]);
        for (int r = 1; r < records.Count; r++) reader.Add(records[r]);
        return reader.Finish(out report);
    }

    /// <summary>Parses a date with <paramref name="format"/>, or with the default forms when it is null.</summary>
    public static bool TryParseDate(string text, string? format, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool ok = format is null
            ? DateTime.TryParseExact(text, DefaultDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTime dt)
            : DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out dt);
        date = ok ? DateOnly.FromDateTime(dt) : default;
        return ok;
    }
}
