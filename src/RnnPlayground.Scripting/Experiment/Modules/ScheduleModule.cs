using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.schedule</c>: <c>constant</c>, <c>step{every, gamma}</c>, <c>exponential{gamma}</c>,
/// <c>cosine{steps, min_lr}</c>, <c>plateau{factor, patience, threshold, cooldown, min_lr, mode}</c>,
/// <c>one_cycle{max_lr, steps, pct_start, div_factor, final_div_factor}</c>,
/// <c>linear{warmup, steps, min_lr}</c>; all but one_cycle also take <c>warmup = N</c> steps of
/// linear warm-up. <c>custom{lr = function(step, total, base_lr) … end}</c> asks the script for
/// the rate at each update (<see cref="CustomRate"/>). Returns a Schedule handle.
/// </summary>
public static class ScheduleModule
{
    private static readonly string[] Modes = ["min", "max"];

    public static HandleKind<ScheduleSpec> Register(LuaHost host, ScriptSession session)
    {
        HandleKind<ScheduleSpec> kind = host.RegisterHandleKind<ScheduleSpec>("Schedule", s => $"Schedule({s.Kind}{(s.WarmupSteps > 0 ? $", warm-up {s.WarmupSteps}" : "")})");
        foreach (string name in ScheduleSpec.Kinds.Where(k => k != "custom"))
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
                        : o.RequiredNumber(key, Range(key));
                }
                int warmup = schedule == "one_cycle" ? 0 : o.OptionalInt("warmup", IntRange.NonNegative, 0);
                var spec = new ScheduleSpec(schedule, settings, warmup);
                Refusing.Arguments(() => spec.Create(1f, Math.Max(1000, warmup + 1)));
                call.ReturnHandle(kind, spec);
            });
        }
        host.RegisterFunction("rnn.schedule", "custom", call =>
        {
            ScriptOptions o = call.Options(1);
            var rate = new CustomRate(call.Host, o.RequiredFunction("lr"), session);
            call.ReturnHandle(kind, new ScheduleSpec("custom") { Rate = rate.At });
        });
        return kind;
    }

    private static NumberRange Range(string key) => key switch
    {
        "gamma" or "factor" => NumberRange.Between(1e-9, 1),
        "pct_start" => NumberRange.Between(1e-6, 0.999999),
        "div_factor" or "final_div_factor" => NumberRange.Between(1, 1e12),
        "max_lr" => NumberRange.Positive,
        _ => NumberRange.NonNegative,
    };
}
