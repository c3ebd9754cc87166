using System.Globalization;

namespace RnnPlayground.Core.Data;

/// <summary>
/// Reads the records of one CSV file into the columns of a <see cref="TimeSeries"/>, for
/// <see cref="CsvTimeSeries.Parse"/>: the header first (<see cref="CsvTimeSeriesReader(string, CsvTimeSeriesOptions, CsvRecordReader.Record)"/>),
/// then each data record (<see cref="Add"/>: its values, label and date, under the missing-value
/// policy), then <see cref="Finish"/> (mean-filled cells, label encoding, the report).
/// </summary>
internal sealed class CsvTimeSeriesReader
{
    private readonly string _source;
    private readonly CsvTimeSeriesOptions _options;
    private readonly string[] _header;
    private readonly int[] _valueCols;
    private readonly int _dateCol;
    private readonly int _labelCol;
    private readonly HashSet<string> _missingMarkers;
    private readonly LabelEncoding? _fixedEncoding;
    private readonly List<float>[] _values;
    private readonly List<(int Row, int Col)> _missingAt = [];    // cells to fill with the column mean
    private readonly List<string> _rawLabels = [];
    private readonly List<DateOnly> _dates = [];
    private readonly List<int> _rowLines = [];
    private readonly float[] _rowValues;
    private readonly bool[] _rowMissing;
    private int _dropped, _filled;

    /// <summary>Reads the header record and finds the columns the options name.</summary>
    /// <exception cref="DataFormatException">A column named twice in the header, or one the options name is not in it.</exception>
    public CsvTimeSeriesReader(string source, CsvTimeSeriesOptions options, CsvRecordReader.Record headerRecord)
    {
        _source = source;
        _options = options;
        _header = headerRecord.Fields.Select(h => h.Trim()).ToArray();
        int headerLine = headerRecord.Line;
        for (int i = 0; i < _header.Length; i++)
            if (Array.IndexOf(_header, _header[i]) != i)
                throw new DataFormatException(source, headerLine, _header[i], "the header names this column twice");

        int Find(string name)
        {
            int i = Array.IndexOf(_header, name);
            if (i < 0)
                throw new DataFormatException(source, headerLine, name, $"no such column; available: {string.Join(", ", _header)}");
            return i;
        }

        _valueCols = options.Columns.Select(Find).ToArray();
        _dateCol = options.DateColumn is null ? -1 : Find(options.DateColumn);
        _labelCol = options.LabelColumn is null ? -1 : Find(options.LabelColumn);
        _missingMarkers = new HashSet<string>(options.MissingMarkers, StringComparer.OrdinalIgnoreCase);
        _fixedEncoding = options.ClassNames is null ? null : new LabelEncoding(options.ClassNames, options.LabelGroups);
        _values = new List<float>[_valueCols.Length];
        for (int c = 0; c < _values.Length; c++) _values[c] = [];
        _rowValues = new float[_valueCols.Length];
        _rowMissing = new bool[_valueCols.Length];
    }

    /// <summary>Reads one data record; a row the missing-value policy drops is counted, not kept.</summary>
    /// <exception cref="DataFormatException">A wrong field count, a bad or refused missing cell, an unknown label, a bad date or one out of order.</exception>
    public void Add(CsvRecordReader.Record record)
    {
        (int line, string[] fields) = record;
        if (fields.Length != _header.Length)
            throw new DataFormatException(_source, line, null, $"{fields.Length} fields, the header has {_header.Length}");
        bool drop = !ReadValues(line, fields);
        string? label = _labelCol >= 0 ? ReadLabel(line, fields, ref drop) : null;
        DateOnly date = _dateCol >= 0 ? ReadDate(line, fields, ref drop) : default;
        if (drop)
        {
            _dropped++;
            return;
        }
        if (_dateCol >= 0 && _dates.Count > 0 && date <= _dates[^1])
            throw new DataFormatException(_source, line, _header[_dateCol],
                $"date {date:yyyy-MM-dd} is not after the previous row's {_dates[^1]:yyyy-MM-dd} (rows must be in time order)");
        Append(line, label, date);
    }

    /// <summary>The series read so far, with mean-filled cells and encoded labels.</summary>
    /// <exception cref="DataFormatException">No data row was kept, or a column to mean-fill has no value at all.</exception>
    public TimeSeries Finish(out CsvLoadReport report)
    {
        if (_rowLines.Count == 0) throw new DataFormatException(_source, 0, null, "no data rows");
        float[][] columns = _values.Select(v => v.ToArray()).ToArray();
        FillMeans(columns);
        (int[]? labels, LabelEncoding? encoding) = EncodeLabels();
        int gaps = 0;
        for (int i = 1; i < _dates.Count; i++) if (_dates[i].DayNumber - _dates[i - 1].DayNumber != 1) gaps++;
        report = new CsvLoadReport(_rowLines.Count, _dropped, _filled, gaps);
        return new TimeSeries(_source, _options.Columns, columns, _options.LabelColumn, labels, encoding,
            _dateCol >= 0 ? _dates : null);
    }

    /// <summary>Reads the value cells into the row buffers; false when a missing cell drops the row.</summary>
    private bool ReadValues(int line, string[] fields)
    {
        bool keep = true;
        for (int c = 0; c < _valueCols.Length; c++)
        {
            string cell = fields[_valueCols[c]].Trim();
            string name = _header[_valueCols[c]];
            _rowMissing[c] = _missingMarkers.Contains(cell);
            if (_rowMissing[c])
            {
                switch (_options.Missing)
                {
                    case MissingValuePolicy.Refuse:
                        throw new DataFormatException(_source, line, name, "missing value");
                    case MissingValuePolicy.DropRow:
                        keep = false;
                        break;
                    case MissingValuePolicy.ForwardFill when _values[c].Count == 0:
                        throw new DataFormatException(_source, line, name, "missing value and no earlier row to forward-fill from");
                }
                continue;
            }
            if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                throw new DataFormatException(_source, line, name, $"not a finite number: '{fields[_valueCols[c]]}'");
            _rowValues[c] = v;
        }
        return keep;
    }

    /// <summary>The row's label; null when it is missing and forward-filled.</summary>
    private string? ReadLabel(int line, string[] fields, ref bool drop)
    {
        string label = fields[_labelCol].Trim();
        string column = _header[_labelCol];
        IReadOnlyDictionary<string, string>? groups = _options.LabelGroups;
        if (_missingMarkers.Contains(label))
        {
            switch (_options.Missing)
            {
                case MissingValuePolicy.DropRow: drop = true; return label;
                case MissingValuePolicy.ForwardFill when _rawLabels.Count > 0: return null;
                case MissingValuePolicy.ForwardFill:
                    throw new DataFormatException(_source, line, column, "missing label and no earlier row to forward-fill from");
                default:
                    throw new DataFormatException(_source, line, column, "missing label");
            }
        }
        if (_fixedEncoding is not null ? _fixedEncoding.IndexOf(label) < 0
            : groups is not null && !groups.ContainsKey(label) && !groups.Values.Contains(label, StringComparer.Ordinal))
        {
            IEnumerable<string> known = _fixedEncoding?.KnownLabels ?? groups!.Keys.Concat(groups.Values).Distinct(StringComparer.Ordinal);
            throw new DataFormatException(_source, line, column, $"unknown label '{label}'; known: {string.Join(", ", known)}");
        }
        return label;
    }

    private DateOnly ReadDate(int line, string[] fields, ref bool drop)
    {
        string cell = fields[_dateCol].Trim();
        if (_missingMarkers.Contains(cell))
        {
            if (_options.Missing != MissingValuePolicy.DropRow)
                throw new DataFormatException(_source, line, _header[_dateCol], "missing date");
            drop = true;
            return default;
        }
        if (!CsvTimeSeries.TryParseDate(cell, _options.DateFormat, out DateOnly date))
        {
            string expected = _options.DateFormat ?? "yyyy-MM-dd or one of the common forms";
            throw new DataFormatException(_source, line, _header[_dateCol], $"not a date ({expected}): '{fields[_dateCol]}'");
        }
        return date;
    }

    /// <summary>Keeps the row read into the row buffers: missing cells forward-filled or marked for the mean.</summary>
    private void Append(int line, string? label, DateOnly date)
    {
        int row = _rowLines.Count;
        for (int c = 0; c < _valueCols.Length; c++)
        {
            if (!_rowMissing[c])
            {
                _values[c].Add(_rowValues[c]);
                continue;
            }
            _filled++;
            if (_options.Missing == MissingValuePolicy.ForwardFill)
            {
                _values[c].Add(_values[c][^1]);
            }
            else
            {
                _values[c].Add(float.NaN);
                _missingAt.Add((row, c));
            }
        }
        if (_labelCol >= 0)
        {
            if (label is null) _filled++;
            _rawLabels.Add(label ?? _rawLabels[^1]);
        }
        if (_dateCol >= 0) _dates.Add(date);
        _rowLines.Add(line);
    }

    private void FillMeans(float[][] columns)
    {
        foreach ((int row, int c) in _missingAt)
        {
            double sum = 0;
            int n = 0;
            foreach (float v in columns[c])
            {
                if (float.IsNaN(v)) continue;
                sum += v;
                n++;
            }
            if (n == 0) throw new DataFormatException(_source, 0, _header[_valueCols[c]], "every value is missing; there is no mean to fill with");
            columns[c][row] = (float)(sum / n);
        }
    }

    private (int[]? Labels, LabelEncoding? Encoding) EncodeLabels()
    {
        if (_labelCol < 0) return (null, null);
        IReadOnlyDictionary<string, string>? groups = _options.LabelGroups;
        LabelEncoding encoding = _fixedEncoding ?? (groups is not null
            ? new LabelEncoding(groups.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), groups)
            : LabelEncoding.FromObservedLabels(_rawLabels));
        return (_rawLabels.Select(encoding.IndexOf).ToArray(), encoding);
    }
}
