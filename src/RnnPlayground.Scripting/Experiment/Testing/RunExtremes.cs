using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>Watches a run for what its summary does not keep: the largest training loss and gradient norm of any step, and how many steps were clipped.</summary>
internal sealed class RunExtremes : IRunObserver
{
    public double MaxLoss { get; private set; } = double.NaN;

    public double MaxGradientNorm { get; private set; } = double.NaN;

    public long ClippedSteps { get; private set; }

    public void OnStep(RunContext context)
    {
        if (!(context.Loss <= MaxLoss)) MaxLoss = context.Loss;
        if (!(context.GradientNorm <= MaxGradientNorm)) MaxGradientNorm = context.GradientNorm;
        if (context.Last.Clipped) ClippedSteps++;
    }

    public void OnEpoch(RunContext context)
    {
    }

    public void OnEvaluation(RunContext context, EvaluationResult validation)
    {
    }

    public void OnFinish(RunContext context, RunSummary summary)
    {
    }
}
