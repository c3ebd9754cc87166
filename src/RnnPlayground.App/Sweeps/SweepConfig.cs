using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>One combination of values a sweep trains (once per seed), its parameters in the sweep's order.</summary>
/// <param name="Index">Its place in the sweep, from 0.</param>
/// <param name="Values">Parameter names to values, in the order the sweep names the parameters.</param>
internal sealed record SweepConfig(int Index, IReadOnlyList<KeyValuePair<string, object>> Values)
{
    /// <summary>The values as <c>--set</c> takes them.</summary>
    public IReadOnlyDictionary<string, string> AsText() =>
        Values.ToDictionary(kv => kv.Key, kv => ExperimentParameters.Format(kv.Value), StringComparer.Ordinal);

    /// <summary><c>lr=0.001 hidden=16</c>, for progress lines.</summary>
    public string Describe() => string.Join(' ', Values.Select(kv => $"{kv.Key}={ExperimentParameters.Format(kv.Value)}"));
}
