namespace RnnPlayground.Core.Simulation;

/// <summary>How the live weather loop runs.</summary>
public sealed record LiveOptions
{
    /// <summary>Ticks per second in the window (the world's simulated speed); adjustable live.</summary>
    public double TicksPerSecond { get; init; } = 48;

    /// <summary>A training step every this many ticks.</summary>
    public int TrainEveryTicks { get; init; } = 1;

    /// <summary>Days kept for drawing training windows (the replay window; it starts with the experiment's history).</summary>
    public int ReplayDays { get; init; } = 10_000;

    /// <summary>
    /// Training windows drawn, at most, per day that enters the replay window (the history it
    /// starts with counts too): the loop trains every <see cref="TrainEveryTicks"/> ticks while it has
    /// drawn fewer, so each day is seen about this many times over its life in the window, however
    /// long the stream runs, instead of ever more often. 0: no limit.
    /// </summary>
    public int ReplayRatio { get; init; } = 32;

    /// <summary>How the learning rate moves over the endless stream (the optimizer's learning rate is its peak).</summary>
    public LiveSchedule Schedule { get; init; } = new();

    /// <summary>Changes made to the world at given live days (storms, heat waves, a change of climate…).</summary>
    public IReadOnlyList<ScheduledWorldChange> Events { get; init; } = [];

    /// <summary>Hours of observations shown in the strip charts.</summary>
    public int RecentHours { get; init; } = 24 * 14;

    /// <summary>Days of predictions shown against what happened.</summary>
    public int RecentDays { get; init; } = 60;

    /// <summary>Seed of the live world (a new stream of the same climate).</summary>
    public ulong WorldSeed { get; init; } = 7;

    public void Validate()
    {
        if (!(TicksPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(TicksPerSecond), TicksPerSecond, "must be > 0");
        if (TrainEveryTicks < 1) throw new ArgumentOutOfRangeException(nameof(TrainEveryTicks), TrainEveryTicks, "must be ≥ 1");
        if (ReplayDays < 2) throw new ArgumentOutOfRangeException(nameof(ReplayDays), ReplayDays, "must be ≥ 2");
        if (ReplayRatio < 0) throw new ArgumentOutOfRangeException(nameof(ReplayRatio), ReplayRatio, "must be ≥ 0");
        if (RecentHours < 2) throw new ArgumentOutOfRangeException(nameof(RecentHours), RecentHours, "must be ≥ 2");
        if (RecentDays < 2) throw new ArgumentOutOfRangeException(nameof(RecentDays), RecentDays, "must be ≥ 2");
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate();
        ArgumentNullException.ThrowIfNull(Events);
        foreach (ScheduledWorldChange e in Events)
            if (e.Day < 0) throw new ArgumentOutOfRangeException(nameof(Events), e.Day, "a scheduled change's day must be ≥ 0");
    }
}
