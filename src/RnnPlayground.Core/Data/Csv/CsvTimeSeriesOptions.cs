namespace RnnPlayground.Core.Data;

/// <summary>Which columns of a CSV file <see cref="CsvTimeSeries.Load(string, CsvTimeSeriesOptions)"/> reads, and how.</summary>
public sealed record CsvTimeSeriesOptions
{
    /// <summary>Numeric columns to read (features and value targets), by header name.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Date column; rows must then be in strictly increasing date order. Null: no calendar.</summary>
    public string? DateColumn { get; init; }

    /// <summary>
    /// Exact date format (.NET custom format, e.g. "dd/MM/yyyy"). Null: ISO forms (yyyy-MM-dd, with
    /// an optional time part), yyyy/MM/dd, yyyyMMdd, dd.MM.yyyy and US M/d/yyyy are tried in that order.
    /// </summary>
    public string? DateFormat { get; init; }

    /// <summary>Categorical label column mapped to class indices. Null: no labels.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>
    /// Class names in index order. Null: the distinct labels (after grouping) sorted ordinally.
    /// When given, a label that maps to none of them is refused.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Raw label → class name (e.g. drizzle → wet). When given, every raw label must be a key or a class name.</summary>
    public IReadOnlyDictionary<string, string>? LabelGroups { get; init; }

    /// <summary>What to do with missing cells in the used columns.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Refuse;

    /// <summary>Cell texts (after trimming) that mean "missing"; compared ignoring case.</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = ["", "NA", "N/A", "NaN", "null"];

    /// <summary>Field separator.</summary>
    public char Delimiter { get; init; } = ',';
}
