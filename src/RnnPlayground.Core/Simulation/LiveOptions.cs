namespace RnnPlayground.Core.Simulation;

/// <summary>How the live weather loop runs.</summary>
public sealed record LiveOptions
{
    /// <summary>Ticks per second in the window (the world's simulated speed); adjustable live.</summary>
    public double TicksPerSecond { get; init; } = 48;

    /// <summary>A training step every this many ticks.</summary>
    public int TrainEveryTicks { get; init; } = 1;

    /// <summary>Days kept for drawing training windows (the replay window).</summary>
    public int ReplayDays { get; init; } = 1000;

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
        if (RecentHours < 2) throw new ArgumentOutOfRangeException(nameof(RecentHours), RecentHours, "must be ≥ 2");
        if (RecentDays < 2) throw new ArgumentOutOfRangeException(nameof(RecentDays), RecentDays, "must be ≥ 2");
    }
}
