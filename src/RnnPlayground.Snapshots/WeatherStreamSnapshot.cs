namespace RnnPlayground.Snapshots;

/// <summary>The streaming weather world over its most recent ticks (oldest first).</summary>
public sealed record WeatherStreamSnapshot(
    double[] Hours,
    IReadOnlyList<SeriesSnapshot> Observed,
    IReadOnlyList<PredictionTrack> Predictions,
    long TicksScored);
