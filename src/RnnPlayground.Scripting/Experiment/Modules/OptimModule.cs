using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary><c>rnn.optim</c>: <c>sgd</c>, <c>adam</c>, <c>adamw</c>, <c>rmsprop</c>, each returning an Optimizer handle.</summary>
public static class OptimModule
{
    public static HandleKind<OptimizerSpec> Register(LuaHost host)
    {
        HandleKind<OptimizerSpec> kind = host.RegisterHandleKind<OptimizerSpec>("Optimizer",
            o => $"Optimizer({o.Kind}, lr {o.LearningRate}{string.Concat((o.Settings ?? new Dictionary<string, double>()).Select(kv => $", {kv.Key} {kv.Value}"))})");
        foreach (string name in OptimizerSpec.Kinds)
        {
            string optimizer = name;
            host.RegisterFunction("rnn.optim", optimizer, call =>
            {
                ScriptOptions o = call.OptionalOptions(1);
                double lr = o.OptionalNumber("lr", NumberRange.Positive, optimizer == "sgd" ? 0.01 : optimizer == "rmsprop" ? 0.01 : 1e-3);
                var settings = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (string key in OptimizerSpec.SettingsOf(optimizer))
                {
                    if (!o.Has(key)) continue;
                    settings[key] = key is "nesterov" or "centered"
                        ? (o.RequiredBool(key) ? 1 : 0)
                        : o.RequiredNumber(key, key is "beta1" or "beta2" or "alpha" or "momentum" or "dampening" ? NumberRange.Between(0, 0.999999) : NumberRange.NonNegative);
                }
                var spec = new OptimizerSpec(optimizer, (float)lr, settings);
                // Build once on a throwaway store so bad combinations are refused here, at the script's line.
                Refusing.Arguments(() => spec.Create(ProbeStore.Instance));
                call.ReturnHandle(kind, spec);
            });
        }
        return kind;
    }
}

/// <summary>A one-parameter store to validate optimizer settings against.</summary>
internal static class ProbeStore
{
    public static Core.Parameters.ParameterStore Instance { get; } = Create();

    private static Core.Parameters.ParameterStore Create()
    {
        var s = new Core.Parameters.ParameterStore();
        s.Declare("probe", 1);
        s.Seal();
        return s;
    }
}
