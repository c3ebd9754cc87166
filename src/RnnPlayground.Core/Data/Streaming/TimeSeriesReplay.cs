namespace RnnPlayground.Core.Data;

/// <summary>Replays chosen columns of a <see cref="TimeSeries"/> row by row, optionally starting over at the end.</summary>
public sealed class TimeSeriesReplay : IObservationSource
{
    private readonly TimeSeries _series;
    private readonly int[] _columns;
    private readonly string[] _units;

    /// <param name="series">The rows to replay.</param>
    /// <param name="columns">Columns to emit, in order; null = all.</param>
    /// <param name="loop">Start over after the last row instead of ending.</param>
    public TimeSeriesReplay(TimeSeries series, IReadOnlyList<string>? columns = null, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series = series;
        columns ??= series.ColumnNames;
        if (columns.Count == 0) throw new ArgumentException("at least one column is needed", nameof(columns));
        _columns = columns.Select(series.ColumnIndex).ToArray();
        Names = columns.ToArray();
        _units = new string[Names.Count];
        Array.Fill(_units, "");
        Loop = loop;
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Units => _units;

    public bool Loop { get; }

    /// <summary>Row the next <see cref="TryRead"/> returns.</summary>
    public int Position { get; private set; }

    public bool TryRead(Span<float> values)
    {
        if (values.Length != _columns.Length)
            throw new ArgumentException($"needs {_columns.Length} values, got {values.Length}", nameof(values));
        if (Position >= _series.Length)
        {
            if (!Loop) return false;
            Position = 0;
        }
        for (int c = 0; c < _columns.Length; c++) values[c] = _series.Column(_columns[c])[Position];
        Position++;
        return true;
    }

    /// <summary>Goes back to the first row.</summary>
    public void Rewind() => Position = 0;
}
