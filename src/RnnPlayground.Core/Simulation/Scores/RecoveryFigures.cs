namespace RnnPlayground.Core.Simulation;

/// <summary>
/// How the model's rolling accuracy went through a change of the world made at the start of live
/// day <see cref="ChangeDay"/> (day +1 is the first day after it). Accuracies are fractions.
/// </summary>
/// <param name="ChangeDay">The live day (0-based) the change took effect.</param>
/// <param name="SpanDays">The rolling span, days (30).</param>
/// <param name="LevelDays">Days before the change its level is taken over (90).</param>
/// <param name="Level">The model's accuracy over the <paramref name="LevelDays"/> days before the change.</param>
/// <param name="Lowest">The lowest rolling accuracy within <paramref name="WithinDays"/> days after it.</param>
/// <param name="LowestDay">The day after the change (1 = the first) of <paramref name="Lowest"/>.</param>
/// <param name="RecoveredDay">The first day after the lowest (or that day itself) on which the rolling accuracy was back within <paramref name="Tolerance"/> of <paramref name="Level"/>, within <paramref name="WithinDays"/> days; null when it was not.</param>
/// <param name="FirstSpanAfter">The accuracy over the first span of days after the change (NaN until that many days have passed).</param>
/// <param name="SecondSpanAfter">The accuracy over the second span of days after the change (NaN until then).</param>
/// <param name="Tolerance">How close counts as recovered (0.02: two points).</param>
/// <param name="WithinDays">Days after the change looked at (60).</param>
public sealed record RecoveryFigures(long ChangeDay, int SpanDays, int LevelDays, double Level, double Lowest, int LowestDay, int? RecoveredDay,
    double FirstSpanAfter, double SecondSpanAfter, double Tolerance, int WithinDays);
