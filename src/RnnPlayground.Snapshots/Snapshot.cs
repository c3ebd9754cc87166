namespace RnnPlayground.Snapshots;

/// <summary>
/// An immutable picture of a running experiment, published by the training/simulation thread
/// (by swapping one reference) and read by anyone, e.g. the renderer, from another thread.
/// Arrays inside a snapshot are never written after it is published.
/// <see cref="ScriptError"/> is the first error a script callback raised (that callback is not
/// called again), as one line naming the script and line; null while there is none.
/// </summary>
public sealed record Snapshot(
    long Sequence,
    string ScriptName,
    long Step,
    int Epoch,
    double Loss,
    double LearningRate,
    double GradientNorm,
    double StepsPerSecond,
    bool Paused,
    double TicksPerSecond,
    NetworkSnapshot? Network,
    WeatherStreamSnapshot? Weather,
    TrainingSnapshot Training,
    string? Message = null,
    ViewSettings? View = null,
    IReadOnlyList<OverlayItem>? Overlay = null,
    string? ScriptError = null);
