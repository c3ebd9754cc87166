using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Which optimizer to build and its settings: <c>sgd</c> (momentum, dampening, nesterov,
/// weight_decay), <c>adam</c> and <c>adamw</c> (beta1, beta2, eps, weight_decay), <c>rmsprop</c>
/// (alpha, eps, weight_decay, momentum, centered). Unknown settings are refused by name.
/// </summary>
public sealed record OptimizerSpec(string Kind, float LearningRate, IReadOnlyDictionary<string, double>? Settings = null)
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["sgd"] = ["momentum", "dampening", "nesterov", "weight_decay"],
        ["adam"] = ["beta1", "beta2", "eps", "weight_decay"],
        ["adamw"] = ["beta1", "beta2", "eps", "weight_decay"],
        ["rmsprop"] = ["alpha", "eps", "weight_decay", "momentum", "centered"],
    };

    /// <summary>The optimizer kinds that exist.</summary>
    public static IReadOnlyCollection<string> Kinds => Known.Keys;

    /// <summary>The settings an optimizer kind accepts.</summary>
    public static IReadOnlyList<string> SettingsOf(string kind) =>
        Known.TryGetValue(kind, out string[]? s) ? s : throw new ArgumentException($"unknown optimizer '{kind}'; known: {string.Join(", ", Known.Keys)}", nameof(kind));

    /// <summary>Builds the optimizer over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">Unknown kind or setting, or a value out of range.</exception>
    public Optimizer Create(ParameterStore parameters)
    {
        IReadOnlyList<string> allowed = SettingsOf(Kind);
        IReadOnlyDictionary<string, double> s = Settings ?? new Dictionary<string, double>();
        foreach (string key in s.Keys)
            if (!allowed.Contains(key))
                throw new ArgumentException($"{Kind}: unknown setting '{key}'; known: {string.Join(", ", allowed)}", nameof(Settings));
        float F(string key, float fallback) => s.TryGetValue(key, out double v) ? (float)v : fallback;
        bool B(string key) => s.TryGetValue(key, out double v) && v != 0;
        return Kind switch
        {
            "sgd" => new Sgd(parameters, LearningRate, F("momentum", 0f), F("dampening", 0f), B("nesterov"), F("weight_decay", 0f)),
            "adam" => new Adam(parameters, LearningRate, F("beta1", 0.9f), F("beta2", 0.999f), F("eps", 1e-8f), F("weight_decay", 0f)),
            "adamw" => Adam.W(parameters, LearningRate, F("beta1", 0.9f), F("beta2", 0.999f), F("eps", 1e-8f), F("weight_decay", 0.01f)),
            _ => new RmsProp(parameters, LearningRate, F("alpha", 0.99f), F("eps", 1e-8f), F("weight_decay", 0f), F("momentum", 0f), B("centered")),
        };
    }
}
