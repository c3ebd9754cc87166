using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>Recent training curves (loss, learning rate, gradient norm per step; validation per evaluation) for snapshots.</summary>
public sealed class TrainingHistory(int capacity = 600)
{
    public RecentValues Loss { get; } = new(capacity);

    public RecentValues LearningRate { get; } = new(capacity);

    public RecentValues GradientNorm { get; } = new(capacity);

    public RecentValues Validation { get; } = new(capacity);

    public StepResult Last { get; private set; }

    public void Add(in StepResult step)
    {
        Last = step;
        Loss.Add((float)step.Loss.Total);
        LearningRate.Add(step.LearningRate);
        GradientNorm.Add((float)step.GradientNorm);
    }

    public TrainingSnapshot ToSnapshot(IReadOnlyList<string> classNames, int[] confusion, IReadOnlyDictionary<string, double> metrics, float clipThreshold) =>
        new(Loss.ToArray(), Validation.ToArray(), LearningRate.ToArray(), GradientNorm.ToArray(), classNames, confusion, metrics, clipThreshold);
}
