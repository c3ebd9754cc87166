using RnnPlayground.Core;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// The Random handle a generator gets (<c>rnn.data.generate{ sample = function(rng, i, split) … end }</c>):
/// <c>rng:uniform([a, b])</c> in [a, b) (default [0, 1)), <c>rng:normal([mean, std])</c>,
/// <c>rng:integer(a, b)</c> in [a, b]. The core's <see cref="RandomSource"/> (xoshiro256**), so the
/// same seed gives the same numbers on every machine.
/// </summary>
public static class RandomModule
{
    public static HandleKind<RandomSource> Register(LuaHost host)
    {
        HandleKind<RandomSource> kind = host.RegisterHandleKind<RandomSource>("Random");
        kind.RegisterMethod("uniform", (r, call) =>
        {
            if (!call.IsPresent(1) && !call.IsPresent(2))
            {
                call.Return(r.NextDouble());
                return;
            }
            double a = call.Number(1, "a", NumberRange.Any), b = call.Number(2, "b", NumberRange.Any);
            if (!(b >= a)) throw new ScriptArgumentException($"'b' must be ≥ 'a' (got {a} and {b})");
            call.Return(a + (b - a) * r.NextDouble());
        });
        kind.RegisterMethod("normal", (r, call) =>
        {
            double mean = call.OptionalNumber(1, "mean", NumberRange.Any, 0);
            double std = call.OptionalNumber(2, "std", NumberRange.NonNegative, 1);
            call.Return(mean + std * r.NextNormal());
        });
        kind.RegisterMethod("integer", (r, call) =>
        {
            int a = call.Int(1, "a", IntRange.Any), b = call.Int(2, "b", IntRange.Any);
            if (b < a) throw new ScriptArgumentException($"'b' must be ≥ 'a' (got {a} and {b})");
            long span = (long)b - a + 1;
            if (span > int.MaxValue) throw new ScriptArgumentException($"the range [{a}, {b}] is too wide (at most {int.MaxValue} integers)");
            call.Return(a + (long)r.NextInt((int)span));
        });
        return kind;
    }
}
