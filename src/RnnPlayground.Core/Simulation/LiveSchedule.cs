namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live loop's learning rate as a function of simulated days since the live stream began (a
/// schedule over a fixed number of steps has no meaning in an endless stream). With the peak
/// <c>lr</c> the optimizer's learning rate and <c>d</c> days: constant: <c>lr</c>; decay:
/// <c>floor + (lr − floor)·2^(−d / half-life)</c>; restarts: <c>floor + (lr − floor)·(1 + cos(π·(d mod period)/period))/2</c>.
/// </summary>
/// <param name="Kind">The shape.</param>
/// <param name="Floor">The lowest learning rate, as a fraction of the peak (decay, restarts).</param>
/// <param name="HalfLifeDays">Days over which the decay halves its distance to the floor.</param>
/// <param name="PeriodDays">Days from one restart to the next.</param>
public sealed record LiveSchedule(LiveScheduleKind Kind = LiveScheduleKind.Decay, double Floor = 0.03, double HalfLifeDays = 120, double PeriodDays = 365)
{
    /// <summary>The learning rate after <paramref name="days"/> simulated days at peak <paramref name="peak"/>.</summary>
    public float At(float peak, double days)
    {
        double floor = peak * Floor;
        double lr = Kind switch
        {
            LiveScheduleKind.Constant => peak,
            LiveScheduleKind.Decay => floor + (peak - floor) * Math.Pow(2, -days / HalfLifeDays),
            LiveScheduleKind.Restarts => floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * (days % PeriodDays) / PeriodDays)),
            _ => throw new InvalidOperationException($"unknown schedule {Kind}"),
        };
        return (float)lr;
    }

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown schedule");
        if (!(Floor is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Floor), Floor, "must be in (0, 1]");
        if (!(HalfLifeDays > 0 && double.IsFinite(HalfLifeDays))) throw new ArgumentOutOfRangeException(nameof(HalfLifeDays), HalfLifeDays, "must be finite and > 0");
        if (!(PeriodDays > 0 && double.IsFinite(PeriodDays))) throw new ArgumentOutOfRangeException(nameof(PeriodDays), PeriodDays, "must be finite and > 0");
    }
}
