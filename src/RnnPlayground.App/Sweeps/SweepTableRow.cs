namespace RnnPlayground.App.Sweeps;

/// <summary>One combination's line of a sweep's table: its metric over the seeds that scored it.</summary>
/// <param name="Rank">1 for the best validation mean.</param>
/// <param name="Scored">Runs that produced the metric (not diverged, not failed).</param>
/// <param name="Runs">Runs of the combination in the table.</param>
/// <param name="Seconds">Mean seconds of its runs (the timing column).</param>
internal sealed record SweepTableRow(int Rank, SweepConfig Config, int Scored, int Runs, double ValidationMean, double ValidationStd,
    double TestMean, double TestStd, double Seconds);
