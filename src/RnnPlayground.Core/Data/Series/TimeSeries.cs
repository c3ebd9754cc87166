namespace RnnPlayground.Core.Data;

/// <summary>
/// A table of equally spaced observations in time order (rows = days for daily data): named
/// float columns, optionally one categorical label per row (a class index with its
/// <see cref="LabelEncoding"/>), and optionally a calendar (day of year per row) for
/// climatology. Immutable: the arrays given are copied.
/// </summary>
public sealed class TimeSeries
{
    private readonly string[] _columnNames;
    private readonly float[][] _columns;
    private readonly int[]? _labels;
    private readonly int[]? _dayOfYear;
    private readonly DateOnly[]? _dates;

    /// <param name="source">Where the data came from (a path or a description), for messages.</param>
    /// <param name="columnNames">Distinct names of the float columns.</param>
    /// <param name="columns">One array per column, all of the same length (the rows).</param>
    /// <param name="labelName">Name of the label column; needed with <paramref name="labels"/>.</param>
    /// <param name="labels">Class index per row, in [0, <paramref name="labelEncoding"/>.NumClasses).</param>
    /// <param name="labelEncoding">Class names of <paramref name="labels"/>.</param>
    /// <param name="dates">Calendar date per row; when given without <paramref name="dayOfYear"/>, day of year comes from it (year length 366).</param>
    /// <param name="dayOfYear">0-based day of year per row, in [0, <paramref name="yearLength"/>).</param>
    /// <param name="yearLength">Days in a year of this calendar (366 for dates, so that 29 February has its own day).</param>
    public TimeSeries(
        string source,
        IReadOnlyList<string> columnNames,
        IReadOnlyList<float[]> columns,
        string? labelName = null,
        IReadOnlyList<int>? labels = null,
        LabelEncoding? labelEncoding = null,
        IReadOnlyList<DateOnly>? dates = null,
        IReadOnlyList<int>? dayOfYear = null,
        int yearLength = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (columnNames.Count != columns.Count)
            throw new ArgumentException($"{columnNames.Count} column names for {columns.Count} columns", nameof(columnNames));
        if (columnNames.Count == 0 && labels is null)
            throw new ArgumentException("a time series needs at least one column or labels", nameof(columns));
        Source = source;
        _columnNames = columnNames.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in _columnNames)
            if (string.IsNullOrEmpty(name) || !seen.Add(name))
                throw new ArgumentException($"column name '{name}' is empty or appears twice", nameof(columnNames));
        int length = columns.Count > 0 ? columns[0]?.Length ?? 0 : labels!.Count;
        _columns = new float[columns.Count][];
        for (int c = 0; c < columns.Count; c++)
        {
            float[] col = columns[c] ?? throw new ArgumentNullException(nameof(columns), $"column '{_columnNames[c]}' is null");
            if (col.Length != length)
                throw new ArgumentException($"column '{_columnNames[c]}' has {col.Length} rows, '{_columnNames[0]}' has {length}", nameof(columns));
            _columns[c] = (float[])col.Clone();
        }
        Length = length;

        if (labels is not null)
        {
            if (labelEncoding is null) throw new ArgumentNullException(nameof(labelEncoding), "labels need a label encoding");
            if (string.IsNullOrEmpty(labelName)) throw new ArgumentException("labels need a label name", nameof(labelName));
            if (labels.Count != length) throw new ArgumentException($"{labels.Count} labels for {length} rows", nameof(labels));
            _labels = labels.ToArray();
            for (int r = 0; r < length; r++)
                if ((uint)_labels[r] >= (uint)labelEncoding.NumClasses)
                    throw new ArgumentOutOfRangeException(nameof(labels), _labels[r], $"label of row {r} is not a class index of [0, {labelEncoding.NumClasses})");
            LabelName = labelName;
            LabelEncoding = labelEncoding;
        }

        if (dates is not null)
        {
            if (dates.Count != length) throw new ArgumentException($"{dates.Count} dates for {length} rows", nameof(dates));
            _dates = dates.ToArray();
            if (dayOfYear is null)
            {
                dayOfYear = _dates.Select(d => d.DayOfYear - 1).ToArray();
                yearLength = 366;
            }
        }
        if (dayOfYear is not null)
        {
            if (dayOfYear.Count != length) throw new ArgumentException($"{dayOfYear.Count} days of year for {length} rows", nameof(dayOfYear));
            if (yearLength < 1) throw new ArgumentOutOfRangeException(nameof(yearLength), yearLength, "must be ≥ 1 with a calendar");
            _dayOfYear = dayOfYear.ToArray();
            foreach (int d in _dayOfYear)
                if ((uint)d >= (uint)yearLength)
                    throw new ArgumentOutOfRangeException(nameof(dayOfYear), d, $"day of year must be in [0, {yearLength})");
            YearLength = yearLength;
        }
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    public IReadOnlyList<string> ColumnNames => _columnNames;

    /// <summary>Index of column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the available ones.</exception>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int i = Array.IndexOf(_columnNames, name);
        if (i < 0)
            throw new ArgumentException($"{Source}: no column '{name}'; available: {string.Join(", ", _columnNames)}", nameof(name));
        return i;
    }

    /// <summary>The values of column <paramref name="index"/>, one per row.</summary>
    public ReadOnlySpan<float> Column(int index) => _columns[index];

    /// <summary>The values of column <paramref name="name"/>, one per row.</summary>
    public ReadOnlySpan<float> Column(string name) => _columns[ColumnIndex(name)];

    public bool HasLabels => _labels is not null;

    /// <summary>Name of the label column, or null.</summary>
    public string? LabelName { get; }

    /// <summary>Class index per row (empty without labels).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Class names of <see cref="Labels"/>, or null.</summary>
    public LabelEncoding? LabelEncoding { get; }

    /// <summary>True when each row has a day of year.</summary>
    public bool HasCalendar => _dayOfYear is not null;

    /// <summary>Days in a year of the calendar (0 without one).</summary>
    public int YearLength { get; }

    /// <summary>0-based day of year of row <paramref name="row"/>.</summary>
    /// <exception cref="InvalidOperationException">The series has no calendar.</exception>
    public int DayOfYear(int row) => _dayOfYear is null
        ? throw new InvalidOperationException($"{Source}: the series has no calendar (no date column)")
        : _dayOfYear[row];

    /// <summary>The unit of each column's values by column name (e.g. temp_mean → °C); a column not listed has none known.</summary>
    public IReadOnlyDictionary<string, string> ColumnUnits { get; init; } = new Dictionary<string, string>();

    /// <summary>The unit of column <paramref name="name"/>, or "" when none is known.</summary>
    public string UnitOf(string name) => ColumnUnits.GetValueOrDefault(name, "");

    /// <summary>Date per row, or null when the rows carry no dates.</summary>
    public IReadOnlyList<DateOnly>? Dates => _dates;
}
