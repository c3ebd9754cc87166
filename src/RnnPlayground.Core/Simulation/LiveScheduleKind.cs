namespace RnnPlayground.Core.Simulation;

/// <summary>How the live loop's learning rate moves over an endless stream (see <see cref="LiveSchedule"/>).</summary>
public enum LiveScheduleKind
{
    /// <summary>The optimizer's learning rate, always.</summary>
    Constant,

    /// <summary>From the optimizer's learning rate down to the floor, halving the distance every half-life.</summary>
    Decay,

    /// <summary>A cosine from the optimizer's learning rate down to the floor over each period, then back up (warm restarts).</summary>
    Restarts,
}
