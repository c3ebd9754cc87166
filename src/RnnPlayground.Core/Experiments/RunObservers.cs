using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>Combines observers: each event goes to each, in order.</summary>
public static class RunObservers
{
    /// <summary>One observer for the non-null ones given (null when none).</summary>
    public static IRunObserver? Combine(params IRunObserver?[] observers)
    {
        IRunObserver[] present = [.. observers.Where(o => o is not null).Select(o => o!)];
        return present.Length switch { 0 => null, 1 => present[0], _ => new Many(present) };
    }

    private sealed class Many(IRunObserver[] observers) : IRunObserver
    {
        public void OnStep(RunContext context)
        {
            foreach (IRunObserver o in observers) o.OnStep(context);
        }

        public void OnEpoch(RunContext context)
        {
            foreach (IRunObserver o in observers) o.OnEpoch(context);
        }

        public void OnEvaluation(RunContext context, EvaluationResult validation)
        {
            foreach (IRunObserver o in observers) o.OnEvaluation(context, validation);
        }

        public void OnFinish(RunContext context, RunSummary summary)
        {
            foreach (IRunObserver o in observers) o.OnFinish(context, summary);
        }
    }
}
