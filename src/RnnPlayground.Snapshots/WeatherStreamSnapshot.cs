namespace RnnPlayground.Snapshots;

/// <summary>The streaming weather world over its most recent ticks (oldest first).</summary>
public sealed record WeatherStreamSnapshot(
    double[] Hours,
    IReadOnlyList<SeriesSnapshot> Observed,
    IReadOnlyList<PredictionTrack> Predictions,
    long TicksScored)
{
    /// <summary>Rolling scores of the forecasts (the last 30 days, the last 365), model beside persistence and climatology.</summary>
    public IReadOnlyList<ForecastScores> Scores { get; init; } = [];

    /// <summary>Changes made to the world (events, climate), at the stream hour they took effect, oldest first.</summary>
    public IReadOnlyList<WorldMarker> Markers { get; init; } = [];

    /// <summary>The panel's title ("WEATHER STREAM"; a script's world: "WORLD STREAM").</summary>
    public string Title { get; init; } = "WEATHER STREAM";

    /// <summary>What the stream's ticks are called on the time axis ("hours"; a script's world: "ticks").</summary>
    public string TickName { get; init; } = "hours";

    /// <summary>What one scored forecast is for ("day"; a script's world: "step").</summary>
    public string StepName { get; init; } = "day";
}
