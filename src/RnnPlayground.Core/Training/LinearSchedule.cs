namespace RnnPlayground.Core.Training;

/// <summary>
/// Linear warm-up, then linear decay (the transformer recipe): lr·step/W for the first
/// <see cref="WarmupSteps"/> (W) steps, then down in a straight line from lr at step W to
/// <see cref="MinimumLearningRate"/> at step <see cref="TotalSteps"/> (T):
/// min + (lr − min)·(T − step)/(T − W); flat after it.
/// </summary>
public sealed class LinearSchedule : LearningRateSchedule
{
    public LinearSchedule(float learningRate, long warmupSteps, long totalSteps, float minimumLearningRate = 0f) : base(learningRate)
    {
        Positive(totalSteps, nameof(totalSteps));
        if (warmupSteps < 0 || warmupSteps >= totalSteps)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"warm-up must be in [0, {totalSteps}) steps (the schedule's length)");
        if (!(minimumLearningRate >= 0f && minimumLearningRate <= learningRate))
            throw new ArgumentOutOfRangeException(nameof(minimumLearningRate), minimumLearningRate, $"must be in [0, {learningRate}]");
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinimumLearningRate = minimumLearningRate;
    }

    public override string Kind => "linear";

    public long WarmupSteps { get; }

    public long TotalSteps { get; }

    public float MinimumLearningRate { get; }

    public override float LearningRateAt(long step)
    {
        step = Math.Max(step, 1);
        double lr = step <= WarmupSteps
            ? (double)BaseLearningRate * step / WarmupSteps
            : MinimumLearningRate + (BaseLearningRate - (double)MinimumLearningRate) * Math.Max(0, TotalSteps - step) / (TotalSteps - WarmupSteps);
        return (float)Math.Max(lr, 1e-12);
    }
}
