namespace RnnPlayground.Snapshots;

/// <summary>
/// An immutable picture of a running experiment, published by the training/simulation thread
/// (by swapping one reference) and read by anyone, e.g. the renderer, from another thread.
/// Arrays inside a snapshot are never written after it is published.
/// <see cref="ScriptError"/> is the first error a script callback raised (that callback is not
/// called again), as one line naming the script and line; null while there is none.
/// </summary>
/// <param name="StepsPerSecond">Training steps per second of wall time, as the simulation thread measured it (NaN: not measured).</param>
/// <param name="TicksPerSecond">The simulation speed asked for (∞: as fast as it goes).</param>
/// <param name="MeasuredTicksPerSecond">Ticks per second of wall time, measured (NaN: not measured).</param>
/// <param name="Variant">Which variant of a comparison this is, e.g. "plain SGD · 1 of 3" (null: not a comparison).</param>
/// <param name="Message">A status line for the HUD (e.g. the simulated day).</param>
/// <param name="Comparison">For a script with <c>compare</c>: every variant's loss curve and gradient profile so far (null: not a comparison).</param>
/// <param name="Error">A problem the presenter must read whole (script error with file:line and hint, shader log); the window shows it in a banner.</param>
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
    string? Error = null,
    double MeasuredTicksPerSecond = double.NaN,
    string? Variant = null,
    string? ScriptError = null,
    ComparisonSnapshot? Comparison = null)
{
    /// <summary>Text a character model wrote lately (null: not a text model).</summary>
    public TextSample? Sample { get; init; }

    /// <summary>Narration a script set with <c>ctx.say(text)</c>, shown wrapped in a panel (null: none).</summary>
    public string? Narration { get; init; }

    /// <summary>Parts of the network a script highlighted with <c>ctx.highlight{…}</c> (null or empty: none).</summary>
    public IReadOnlyList<HighlightMark>? Highlights { get; init; }

    /// <summary>The step-through of one pass, while one is running (null: none).</summary>
    public PassWalkSnapshot? Walk { get; init; }

    /// <summary>An encoder–decoder's latest decoded sample with its attention weights (null: not an encoder–decoder).</summary>
    public AttentionSnapshot? Attention { get; init; }
}
