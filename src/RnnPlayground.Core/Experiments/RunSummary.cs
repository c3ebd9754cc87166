using RnnPlayground.Core.Data;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    Completed,
    StoppedEarly,
    Stopped,
    Cancelled,
    Diverged,
}

/// <summary>
/// The outcome of a run: scores of the selected model on validation and test, and the baselines
/// on test; with gradient tracking on, the typical norm of dLoss/dh_t at each time step over the
/// last training steps (an exponential average), which shows vanishing or exploding gradients;
/// and the values the experiment's parameters took.
/// </summary>
public sealed record RunSummary(
    string Name,
    RunStatus Status,
    string Message,
    long Steps,
    int Epochs,
    double FinalLoss,
    long BestStep,
    EvaluationResult? Validation,
    EvaluationResult? Test,
    IReadOnlyList<BaselineResult> Baselines,
    double Seconds,
    double StepsPerSecond,
    string? CheckpointPath,
    float[]? GradientNormPerStep = null,
    IReadOnlyDictionary<string, object>? Parameters = null)
{
    public bool Succeeded => Status is RunStatus.Completed or RunStatus.StoppedEarly or RunStatus.Stopped;
}
