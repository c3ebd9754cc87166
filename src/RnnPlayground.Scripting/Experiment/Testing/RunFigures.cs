using RnnPlayground.Core.Experiments;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>
/// What one <c>rnn.run</c> of a test case came to: the script, the variant of a comparison (null for a
/// plain experiment), how the run ended, and the summary's figures by the names the table in Lua gives
/// them (<c>test_accuracy</c>, <c>baseline_persistence_accuracy</c>, <c>final_loss</c> …; the names
/// <c>on_finish</c>'s ctx uses), with the gradient norm per time step when the script tracks it and
/// the values its <c>rnn.params</c> took.
/// </summary>
/// <param name="Seconds">The run's own time (training and evaluation).</param>
public sealed record RunFigures(string Script, string? Variant, string Status, string Message,
    IReadOnlyDictionary<string, double> Figures, float[]? GradientNormPerStep, double Seconds,
    IReadOnlyDictionary<string, object>? Parameters = null)
{
    /// <summary>The figures of <paramref name="s"/>, a run of <paramref name="script"/>, with the largest loss and gradient norm of its steps.</summary>
    internal static RunFigures Of(string script, string? variant, RunSummary s, RunExtremes extremes)
    {
        var f = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["steps"] = s.Steps,
            ["epochs"] = s.Epochs,
            ["final_loss"] = s.FinalLoss,
            ["best_step"] = s.BestStep,
            ["max_loss"] = extremes.MaxLoss,
            ["max_grad_norm"] = extremes.MaxGradientNorm,
            ["clipped_steps"] = extremes.ClippedSteps,
        };
        if (s.Validation is { } v) foreach ((string name, double value) in v.Metrics) f["val_" + name] = value;
        if (s.Test is { } t) foreach ((string name, double value) in t.Metrics) f["test_" + name] = value;
        foreach (var b in s.Baselines) f[$"baseline_{b.Name}_{b.Metric}"] = b.Value;
        if (s.GradientNormPerStep is { Length: > 0 } n)
        {
            f["grad_norm_first"] = n[0];
            f["grad_norm_last"] = n[^1];
            f["grad_norm_first_over_last"] = n[0] / Math.Max(n[^1], 1e-30);
        }
        return new RunFigures(script, variant, s.Status.ToString().ToLowerInvariant(), s.Message, f, s.GradientNormPerStep, s.Seconds, s.Parameters);
    }
}
