namespace RnnPlayground.Core.Data;

/// <summary>What <see cref="CsvTimeSeries.Load(string, CsvTimeSeriesOptions, out CsvLoadReport)"/> did besides reading.</summary>
/// <param name="Rows">Rows kept.</param>
/// <param name="DroppedRows">Rows left out under <see cref="MissingValuePolicy.DropRow"/>.</param>
/// <param name="FilledCells">Cells filled under <see cref="MissingValuePolicy.ForwardFill"/> or <see cref="MissingValuePolicy.Mean"/>.</param>
/// <param name="DateGaps">Places where consecutive kept rows are not consecutive days (0 without a date column).</param>
public sealed record CsvLoadReport(int Rows, int DroppedRows, int FilledCells, int DateGaps);
