namespace RnnPlayground.Core.Data;

/// <summary>A dataset that can score simple reference predictors on its own splits.</summary>
public interface IHasBaselines
{
    /// <summary>Every baseline this dataset knows, scored on <paramref name="split"/>.</summary>
    IReadOnlyList<BaselineResult> Baselines(Split split);
}

/// <summary>
/// One baseline's score: <see cref="Name"/> (persistence, majority, climatology, mean…) predicting
/// <see cref="Target"/> (a class or value target name), measured as <see cref="Metric"/>
/// (accuracy as a fraction, or mae/rmse in the target's raw units) over <see cref="Samples"/> samples.
/// </summary>
public sealed record BaselineResult(string Name, string Target, string Metric, double Value, int Samples);
