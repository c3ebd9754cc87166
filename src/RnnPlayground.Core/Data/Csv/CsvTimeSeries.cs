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

        var records = CsvRecordReader.Parse(text, source, options.Delimiter);
        if (records.Count == 0) throw new DataFormatException(source, 0, null, "the file is empty (a header row is needed)");
        string[] header = records[0].Fields.Select(h => h.Trim()).ToArray();
        int headerLine = records[0].Line;
        for (int i = 0; i < header.Length; i++)
            if (Array.IndexOf(header, header[i]) != i)
                throw new DataFormatException(source, headerLine, header[i], "the header names this column twice");

        int Find(string name)
        {
            int i = Array.IndexOf(header, name);
            if (i < 0)
                throw new DataFormatException(source, headerLine, name, $"no such column; available: {string.Join(", ", header)}");
            return i;
        }

        int[] valueCols = options.Columns.Select(Find).ToArray();
        int dateCol = options.DateColumn is null ? -1 : Find(options.DateColumn);
        int labelCol = options.LabelColumn is null ? -1 : Find(options.LabelColumn);
        var missingMarkers = new HashSet<string>(options.MissingMarkers, StringComparer.OrdinalIgnoreCase);
        LabelEncoding? fixedEncoding = options.ClassNames is null ? null : new LabelEncoding(options.ClassNames, options.LabelGroups);
        var groups = options.LabelGroups;

        var values = new List<float>[valueCols.Length];
        for (int c = 0; c < values.Length; c++) values[c] = new List<float>(records.Count);
        var missingAt = new List<(int row, int col)>();    // cells to fill with the column mean
        var rawLabels = new List<string>();
        var dates = new List<DateOnly>();
        var rowLines = new List<int>();
        int dropped = 0, filled = 0;
        var rowValues = new float[valueCols.Length];
        var rowMissing = new bool[valueCols.Length];

        for (int r = 1; r < records.Count; r++)
        {
            var (line, fields) = records[r];
            if (fields.Length != header.Length)
                throw new DataFormatException(source, line, null, $"{fields.Length} fields, the header has {header.Length}");

            bool drop = false;
            for (int c = 0; c < valueCols.Length; c++)
            {
                string cell = fields[valueCols[c]].Trim();
                string name = header[valueCols[c]];
                rowMissing[c] = missingMarkers.Contains(cell);
                if (rowMissing[c])
                {
                    switch (options.Missing)
                    {
                        case MissingValuePolicy.Refuse:
                            throw new DataFormatException(source, line, name, "missing value");
                        case MissingValuePolicy.DropRow:
                            drop = true;
                            break;
                        case MissingValuePolicy.ForwardFill when values[c].Count == 0:
                            throw new DataFormatException(source, line, name, "missing value and no earlier row to forward-fill from");
                    }
                    continue;
                }
                if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                    throw new DataFormatException(source, line, name, $"not a finite number: '{fields[valueCols[c]]}'");
                rowValues[c] = v;
            }

            string? label = null;
            if (labelCol >= 0)
            {
                label = fields[labelCol].Trim();
                if (missingMarkers.Contains(label))
                {
                    switch (options.Missing)
                    {
                        case MissingValuePolicy.DropRow: drop = true; break;
                        case MissingValuePolicy.ForwardFill when rawLabels.Count > 0: label = null; break;
                        case MissingValuePolicy.ForwardFill:
                            throw new DataFormatException(source, line, header[labelCol], "missing label and no earlier row to forward-fill from");
                        default:
                            throw new DataFormatException(source, line, header[labelCol], "missing label");
                    }
                }
                else if (fixedEncoding is not null ? fixedEncoding.IndexOf(label) < 0
                         : groups is not null && !groups.ContainsKey(label) && !groups.Values.Contains(label, StringComparer.Ordinal))
                {
                    var known = fixedEncoding?.KnownLabels ?? groups!.Keys.Concat(groups.Values).Distinct(StringComparer.Ordinal);
                    throw new DataFormatException(source, line, header[labelCol], $"unknown label '{label}'; known: {string.Join(", ", known)}");
                }
            }

            DateOnly date = default;
            if (dateCol >= 0)
            {
                string cell = fields[dateCol].Trim();
                if (missingMarkers.Contains(cell))
                {
                    if (options.Missing != MissingValuePolicy.DropRow)
                        throw new DataFormatException(source, line, header[dateCol], "missing date");
                    drop = true;
                }
                else if (!TryParseDate(cell, options.DateFormat, out date))
                {
                    string expected = options.DateFormat ?? "yyyy-MM-dd or one of the common forms";
                    throw new DataFormatException(source, line, header[dateCol], $"not a date ({expected}): '{fields[dateCol]}'");
                }
            }

            if (drop)
            {
                dropped++;
                continue;
            }
            if (dateCol >= 0 && dates.Count > 0 && date <= dates[^1])
                throw new DataFormatException(source, line, header[dateCol],
                    $"date {date:yyyy-MM-dd} is not after the previous row's {dates[^1]:yyyy-MM-dd} (rows must be in time order)");

            int row = rowLines.Count;
            for (int c = 0; c < valueCols.Length; c++)
            {
                if (!rowMissing[c]) values[c].Add(rowValues[c]);
                else
                {
                    filled++;
                    if (options.Missing == MissingValuePolicy.ForwardFill) values[c].Add(values[c][^1]);
                    else
                    {
                        values[c].Add(float.NaN);
                        missingAt.Add((row, c));
                    }
                }
            }
            if (labelCol >= 0)
            {
                if (label is null) filled++;
                rawLabels.Add(label ?? rawLabels[^1]);
            }
            if (dateCol >= 0) dates.Add(date);
            rowLines.Add(line);
        }

        if (rowLines.Count == 0) throw new DataFormatException(source, 0, null, "no data rows");

        var columns = values.Select(v => v.ToArray()).ToArray();
        foreach (var (row, c) in missingAt)
        {
            double sum = 0;
            int n = 0;
            foreach (float v in columns[c]) if (!float.IsNaN(v)) { sum += v; n++; }
            if (n == 0) throw new DataFormatException(source, 0, header[valueCols[c]], "every value is missing; there is no mean to fill with");
            columns[c][row] = (float)(sum / n);
        }

        int[]? labels = null;
        LabelEncoding? encoding = null;
        if (labelCol >= 0)
        {
            encoding = fixedEncoding ?? (groups is not null
                ? new LabelEncoding(groups.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), groups)
                : LabelEncoding.FromObservedLabels(rawLabels));
            labels = rawLabels.Select(encoding.IndexOf).ToArray();
        }

        int gaps = 0;
        for (int i = 1; i < dates.Count; i++) if (dates[i].DayNumber - dates[i - 1].DayNumber != 1) gaps++;
        report = new CsvLoadReport(rowLines.Count, dropped, filled, gaps);
        return new TimeSeries(source, options.Columns, columns, options.LabelColumn, labels, encoding,
            dateCol >= 0 ? dates : null);
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
