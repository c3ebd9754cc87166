using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.schedule</c>: <c>constant</c>, <c>step{every, gamma}</c>, <c>exponential{gamma}</c>,
/// <c>cosine{steps, min_lr}</c>, <c>plateau{factor, patience, threshold, cooldown, min_lr, mode}</c>;
/// each also takes <c>warmup = N</c> steps of linear warm-up. Returns a Schedule handle.
/// </summary>
public static class ScheduleModule
{
    private static readonly string[] Modes = ["min", "max"];

    public static HandleKind<ScheduleSpec> Register(LuaHost host)
    {
        HandleKind<ScheduleSpec> kind = host.RegisterHandleKind<ScheduleSpec>("Schedule", s => $"Schedule({s.Kind}{(s.WarmupSteps > 0 ? $", warm-up {s.WarmupSteps}" : "")})");
        foreach (string name in ScheduleSpec.Kinds)
        {
            string schedule = name;
            host.RegisterFunction("rnn.schedule", schedule, call =>
            {
                ScriptOptions o = call.OptionalOptions(1);
                var settings = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (string key in ScheduleSpec.SettingsOf(schedule))
                {
                    if (key == "maximize")
                    {
                        if (o.Has("mode")) settings["maximize"] = o.RequiredOneOf("mode", Modes) == "max" ? 1 : 0;
                        continue;
                    }
                    if (!o.Has(key)) continue;
                    settings[key] = key is "every" or "steps" or "patience" or "cooldown"
                        ? o.RequiredInt(key, key is "patience" or "cooldown" ? IntRange.NonNegative : IntRange.Positive)
                        : o.RequiredNumber(key, key is "gamma" or "factor" ? NumberRange.Between(1e-9, 1) : NumberRange.NonNegative);
                }
                int warmup = o.OptionalInt("warmup", IntRange.NonNegative, 0);
                var spec = new ScheduleSpec(schedule, settings, warmup);
                Refusing.Arguments(() => spec.Create(1f, 1000));
                call.ReturnHandle(kind, spec);
            });
        }
        return kind;
    }
}
