namespace RnnPlayground.Core.Data;

/// <summary>What <see cref="CsvTimeSeries"/> does with a missing cell (empty or a missing marker such as NA).</summary>
public enum MissingValuePolicy
{
    /// <summary>Refuse the file with a <see cref="DataFormatException"/> naming line and column.</summary>
    Refuse,

    /// <summary>Leave out every row that has a missing cell in a used column.</summary>
    DropRow,

    /// <summary>Take the value (or label) of the previous kept row; a missing first value is refused.</summary>
    ForwardFill,

    /// <summary>
    /// Take the mean of the column's present values (over the whole file, so it sees every split:
    /// use it knowingly). Missing labels and dates are refused.
    /// </summary>
    Mean,
}
