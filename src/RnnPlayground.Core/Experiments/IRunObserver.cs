using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Receives a run's events on the training thread (a Lua script's callbacks, a progress bar, a
/// live view). The context passed may be kept only for the duration of the call.
/// </summary>
public interface IRunObserver
{
    void OnStep(RunContext context);

    void OnEpoch(RunContext context);

    void OnEvaluation(RunContext context, EvaluationResult validation);

    void OnFinish(RunContext context, RunSummary summary);
}

/// <summary>What an observer sees of the run, and what it may change: the learning rate, or stopping.</summary>
public sealed class RunContext
{
    private readonly ExperimentRun _run;

    internal RunContext(ExperimentRun run) => _run = run;

    public long Step => _run.Trainer.Step;

    public int Epoch => _run.Trainer.Epoch;

    public long TotalSteps => _run.TotalSteps;

    /// <summary>The latest step's result.</summary>
    public StepResult Last { get; internal set; }

    public double Loss => Last.Loss.Total;

    public double GradientNorm => Last.GradientNorm;

    public float LearningRate => _run.Trainer.Optimizer.LearningRate;

    /// <summary>The latest validation evaluation, if any.</summary>
    public EvaluationResult? Validation => _run.LastValidation;

    public double StepsPerSecond => _run.StepsPerSecond;

    /// <summary>Uses <paramref name="learningRate"/> from the next update on (replacing the schedule).</summary>
    public void SetLearningRate(float learningRate) => _run.OverrideLearningRate(learningRate);

    /// <summary>Ends the run after the current step (the final evaluation still runs).</summary>
    public void Stop(string reason = "stopped by the script") => _run.RequestStop(reason);
}
