using System.Globalization;

namespace RnnPlayground.Core.Simulation;

/// <summary>A change made to a live world, with the simulated time it took effect.</summary>
/// <param name="Hour">Live hour (tick) from which it applies.</param>
/// <param name="Day">Live day (0-based) it happened in.</param>
/// <param name="Description">What changed, e.g. "storm (intensity 2.5, 1.6 days)" or "climate: storminess 0.3 → 0.6/day".</param>
/// <param name="ChangedClimate">Whether the climate changed (not an event, nor a change refused).</param>
public sealed record WorldChangeRecord(long Hour, long Day, string Description, bool ChangedClimate = false)
{
    /// <summary>E.g. "day 1096 (year 4), hour 26304: climate: storminess 0.3 → 0.6/day".</summary>
    public string Format(int daysPerYear) => string.Create(CultureInfo.InvariantCulture,
        $"day {Day + 1} (year {Day / daysPerYear + 1}), hour {Hour}: {Description}");
}
