namespace RnnPlayground.Snapshots;

/// <summary>The model's scores over a period of live days beside those of persistence and climatology.</summary>
/// <param name="Period">What the period is: "year 3", "last 30 days", "all".</param>
/// <param name="Days">Scored days in the period.</param>
public sealed record ForecastScores(string Period, int Days, ForecasterScores Model, ForecasterScores Persistence, ForecasterScores Climatology);
