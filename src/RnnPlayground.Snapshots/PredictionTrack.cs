namespace RnnPlayground.Snapshots;

/// <summary>
/// A predicted quantity over the recent window: the model's prediction made before the truth
/// arrived, what then happened (NaN where not yet known), and the persistence baseline's guess.
/// </summary>
public sealed record PredictionTrack(
    string Name,
    bool IsProbability,
    float[] Predicted,
    float[] Actual,
    float[] Persistence,
    double ModelScore,
    double PersistenceScore,
    string ScoreName);
