using System.Runtime.InteropServices;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The rolling accuracy of the model, persistence and climatology over the last
/// <see cref="SpanDays"/> days, one value each per live day scored (fewer days at the start): the
/// curve the recovery from a change of the world is read from (<see cref="RecoveryAfter"/>). Keeps
/// three numbers a day, room for <see cref="InitialCapacityDays"/> days from the start (a stream
/// that runs longer doubles it, so a day allocates nothing but at those doublings).
/// </summary>
public sealed class RollingAccuracyHistory
{
    /// <summary>Days kept without allocating from the start: over eleven simulated years.</summary>
    public const int InitialCapacityDays = 4096;

    private readonly List<double> _model = new(InitialCapacityDays), _persistence = new(InitialCapacityDays), _climatology = new(InitialCapacityDays);

    public RollingAccuracyHistory(int spanDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spanDays, 1);
        SpanDays = spanDays;
    }

    public int SpanDays { get; }

    /// <summary>Days recorded (index i: the span ending with live day i).</summary>
    public int Count => _model.Count;

    public ReadOnlySpan<double> Model => CollectionsMarshal.AsSpan(_model);

    public ReadOnlySpan<double> Persistence => CollectionsMarshal.AsSpan(_persistence);

    public ReadOnlySpan<double> Climatology => CollectionsMarshal.AsSpan(_climatology);

    /// <summary>Records the rolling accuracies of the span ending with the next live day.</summary>
    public void Add(double model, double persistence, double climatology)
    {
        _model.Add(model);
        _persistence.Add(persistence);
        _climatology.Add(climatology);
    }

    /// <summary>The model's accuracy over the <paramref name="span"/>-th span of days from <paramref name="change"/> on (NaN before it is over).</summary>
    private double SpanAfter(int change, int span)
    {
        int last = change + span * SpanDays - 1;
        return last < Count ? Model[last] : double.NaN;
    }

    /// <summary>
    /// The model's recovery from a change that took effect at the start of live day
    /// <paramref name="changeDay"/>: its level before (the accuracy over the <paramref name="levelSpans"/>
    /// spans of days before the change), the lowest rolling accuracy within <paramref name="withinDays"/>
    /// days after it, and the first day from that lowest on when the rolling accuracy was back within
    /// <paramref name="tolerance"/> of the level. Null when there are not that many days before the
    /// change or no day after it yet.
    /// </summary>
    public RecoveryFigures? RecoveryAfter(long changeDay, double tolerance = 0.02, int withinDays = 60, int levelSpans = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(withinDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(levelSpans, 1);
        if (changeDay < (long)levelSpans * SpanDays || changeDay >= Count) return null;
        ReadOnlySpan<double> model = Model;
        int change = (int)changeDay, last = Math.Min(Count - 1, change + withinDays - 1);
        double level = 0;
        for (int k = 0; k < levelSpans; k++) level += model[change - 1 - k * SpanDays];   // disjoint spans: their mean is the accuracy over all of them
        level /= levelSpans;
        int lowest = change;
        for (int i = change + 1; i <= last; i++)
            if (model[i] < model[lowest]) lowest = i;
        int? recovered = null;
        for (int i = lowest; i <= last && recovered is null; i++)
            if (model[i] >= level - tolerance) recovered = i - change + 1;
        return new RecoveryFigures(changeDay, SpanDays, levelSpans * SpanDays, level, model[lowest], lowest - change + 1, recovered,
            SpanAfter(change, 1), SpanAfter(change, 2), tolerance, withinDays);
    }
}
