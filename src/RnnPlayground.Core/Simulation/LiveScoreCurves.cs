namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A live weather run day by day, as a plot of it shows: the rolling accuracy over
/// <see cref="SpanDays"/> days of the model, persistence and climatology for every live day scored
/// (index i: the span ending with live day i), the changes made to the world, and the model's
/// recovery from each change of climate. Copies; safe to hand to another thread.
/// </summary>
public sealed record LiveScoreCurves(
    int SpanDays,
    int DaysPerYear,
    double[] Model,
    double[] Persistence,
    double[] Climatology,
    IReadOnlyList<WorldChangeRecord> Changes,
    IReadOnlyList<RecoveryFigures> Recoveries);
