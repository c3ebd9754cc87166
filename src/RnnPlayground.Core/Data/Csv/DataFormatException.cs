namespace RnnPlayground.Core.Data;

/// <summary>
/// A data file (CSV, text, saved statistics) that cannot be used as it is. The message reads
/// <c>path:line: column 'name': what was wrong</c>; <see cref="Line"/> is 1-based, 0 when the
/// problem is not on one line, and <see cref="Column"/> is null when it is not about one column.
/// </summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(string filePath, int line, string? column, string detail)
        : base(Compose(filePath, line, column, detail))
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file (or source name) the data came from.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the offending record; 0 when not tied to a line.</summary>
    public int Line { get; }

    /// <summary>Name of the offending column, or null.</summary>
    public string? Column { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Detail { get; }

    private static string Compose(string filePath, int line, string? column, string detail)
    {
        string where = line > 0 ? $"{filePath}:{line}" : filePath;
        return column is null ? $"{where}: {detail}" : $"{where}: column '{column}': {detail}";
    }
}
