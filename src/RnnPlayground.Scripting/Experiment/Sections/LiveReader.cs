using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>The experiment's <c>live</c> section: <c>{ticks_per_second, train_every, replay_days, world_seed}</c>.</summary>
internal static class LiveReader
{
    public static LiveOptions Read(ScriptOptions live)
    {
        var defaults = new LiveOptions();
        return new LiveOptions
        {
            TicksPerSecond = live.OptionalNumber("ticks_per_second", NumberRange.Between(0.01, 1e6), defaults.TicksPerSecond),
            TrainEveryTicks = live.OptionalInt("train_every", IntRange.Between(1, 1_000_000), defaults.TrainEveryTicks),
            ReplayDays = live.OptionalInt("replay_days", IntRange.Between(2, 1_000_000), defaults.ReplayDays),
            WorldSeed = (ulong)live.OptionalInt("world_seed", IntRange.NonNegative, (int)defaults.WorldSeed),
        };
    }
}
