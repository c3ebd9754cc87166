using RnnPlayground.Core;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// The seeded random source the host hands to script functions (a world's <c>init(rng)</c> and
/// <c>observe(t, rng, state)</c>): <c>rng:uniform()</c> in [0, 1) or <c>rng:uniform(a, b)</c>,
/// <c>rng:normal()</c> or <c>rng:normal(mean, sd)</c>, <c>rng:integer(a, b)</c> in [a, b]. The same
/// seed gives the same numbers on every machine (the core's <see cref="RandomSource"/>), unlike Lua's <c>math.random</c>.
/// </summary>
public static class RandomModule
{
    private static readonly IntRange Limit = IntRange.Between(-1_000_000_000, 1_000_000_000);

    public static HandleKind<RandomSource> Register(LuaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        HandleKind<RandomSource> kind = host.RegisterHandleKind<RandomSource>("Random");
        kind.RegisterMethod("uniform", (rng, call) =>
        {
            double u = rng.NextDouble();
            if (!call.IsPresent(1))
            {
                call.Return(u);
                return;
            }
            double a = call.Number(1, "a", NumberRange.Any), b = call.Number(2, "b", NumberRange.Any);
            call.Return(a + (b - a) * u);
        });
        kind.RegisterMethod("normal", (rng, call) =>
        {
            double mean = call.OptionalNumber(1, "mean", NumberRange.Any, 0);
            double sd = call.OptionalNumber(2, "sd", NumberRange.NonNegative, 1);
            call.Return(mean + sd * rng.NextNormal());
        });
        kind.RegisterMethod("integer", (rng, call) =>
        {
            int a = call.Int(1, "a", Limit), b = call.Int(2, "b", Limit);
            if (b < a) throw new ScriptArgumentException($"'b' must be >= 'a' (got {a}, {b})");
            call.Return(a + (long)rng.NextInt(b - a + 1));
        });
        return kind;
    }
}
