using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// The experiment's <c>live</c> section: <c>ticks_per_second</c>, <c>train_every</c>, <c>replay_days</c>, <c>replay_ratio</c>,
/// <c>world_seed</c>; the learning rate over the endless stream (<c>schedule</c> = 'constant' |
/// 'decay' | 'restarts', <c>floor</c> as a fraction of the optimizer's lr, <c>half_life_days</c>,
/// <c>period_days</c>); and <c>events</c>, changes to the world by live day:
/// <c>{ {day = 1095, climate = {storminess = 0.6}}, {day = 40, event = 'storm', intensity = 3}, … }</c>.
/// </summary>
internal static class LiveReader
{
    private static readonly string[] Schedules = ["constant", "decay", "restarts"];

    public static LiveOptions Read(ScriptOptions live, WeatherClimate? climate)
    {
        var defaults = new LiveOptions();
        LiveSchedule schedule = defaults.Schedule;
        string kind = live.OptionalOneOf("schedule", Schedules, Schedules[(int)schedule.Kind]);
        schedule = new LiveSchedule(
            (LiveScheduleKind)Array.IndexOf(Schedules, kind),
            live.OptionalNumber("floor", NumberRange.Between(1e-6, 1), schedule.Floor),
            live.OptionalNumber("half_life_days", NumberRange.Between(1, 1e6), schedule.HalfLifeDays),
            live.OptionalNumber("period_days", NumberRange.Between(1, 1e6), schedule.PeriodDays));
        var events = new List<ScheduledWorldChange>();
        foreach (ScriptOptions e in live.OptionalTableList("events"))
        {
            long day = e.RequiredInt("day", IntRange.NonNegative);
            bool isEvent = e.Has("event"), isClimate = e.Has("climate");
            if (isEvent == isClimate) throw new ScriptArgumentException($"'live.events' entries need either event = 'storm' | 'heat_wave' | 'dry_spell' or climate = {{…}} (day {day})");
            WorldChange change = isEvent
                ? WorldChange.Inject(WorldArguments.Event(e.RequiredString("event"), e))
                : WorldChange.SetClimate(WorldArguments.Climate(e.RequiredTable("climate")));
            if (climate is not null && change.Climate is { } c) Refusing.Arguments(() => { c.ApplyTo(climate).Validate(); return c; });
            events.Add(new ScheduledWorldChange(day, change));
        }
        return new LiveOptions
        {
            TicksPerSecond = live.OptionalNumber("ticks_per_second", NumberRange.Between(0.01, 1e6), defaults.TicksPerSecond),
            TrainEveryTicks = live.OptionalInt("train_every", IntRange.Between(1, 1_000_000), defaults.TrainEveryTicks),
            ReplayDays = live.OptionalInt("replay_days", IntRange.Between(2, 1_000_000), defaults.ReplayDays),
            ReplayRatio = live.OptionalInt("replay_ratio", IntRange.Between(0, 1_000_000), defaults.ReplayRatio),
            WorldSeed = (ulong)live.OptionalInt("world_seed", IntRange.NonNegative, (int)defaults.WorldSeed),
            Schedule = schedule,
            Events = events,
        };
    }
}
