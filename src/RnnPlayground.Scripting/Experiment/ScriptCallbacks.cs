using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The script's <c>on_step</c>, <c>on_epoch</c>, <c>on_eval</c> and <c>on_finish</c>, called only
/// when defined, with one reused <c>ctx</c> table: step, epoch, loss, lr, grad_norm, clipped,
/// total_steps, steps_per_second, the latest validation scores as val_* fields, <c>ctx.model</c>,
/// <c>ctx.name</c> (the experiment's or the variant's), and <c>ctx.stop(reason)</c> / <c>ctx.set_lr(lr)</c>.
/// </summary>
internal sealed class ScriptCallbacks : IRunObserver
{
    private readonly ScriptedExperiment _experiment;
    private readonly bool _onStep, _onEpoch, _onEval, _onFinish;
    private readonly RunScopedContext _context;

    public ScriptCallbacks(ScriptedExperiment experiment)
    {
        _experiment = experiment;
        _onStep = experiment.Defines("on_step");
        _onEpoch = experiment.Defines("on_epoch");
        _onEval = experiment.Defines("on_eval");
        _onFinish = experiment.Defines("on_finish");
        _context = new RunScopedContext(experiment);
    }

    private ScriptContext Context => _context.Current;

    /// <summary>A new run (another variant) starts: the next callback gets a fresh ctx with its model and name.</summary>
    public void RunChanged() => _context.RunChanged();

    private void Fill(RunContext run)
    {
        ScriptContext c = Context;
        c.Set("step", run.Step);
        c.Set("epoch", (long)run.Epoch);
        c.Set("loss", run.Loss);
        c.Set("lr", (double)run.LearningRate);
        c.Set("grad_norm", run.GradientNorm);
        c.Set("clipped", run.Last.Clipped);
        c.Set("total_steps", run.TotalSteps);
        c.Set("steps_per_second", run.StepsPerSecond);
    }

    private void FillEvaluation(string prefix, EvaluationResult? e)
    {
        if (e is null) return;
        foreach ((string name, double value) in e.Metrics) Context.Set(prefix + name, value);
    }

    public void OnStep(RunContext run)
    {
        if (!_onStep) return;
        Fill(run);
        _experiment.Call("on_step", Context);
    }

    public void OnEpoch(RunContext run)
    {
        if (!_onEpoch) return;
        Fill(run);
        FillEvaluation("val_", run.Validation);
        _experiment.Call("on_epoch", Context);
    }

    public void OnEvaluation(RunContext run, EvaluationResult validation)
    {
        if (!_onEval) return;
        Fill(run);
        FillEvaluation("val_", validation);
        _experiment.Call("on_eval", Context);
    }

    public void OnFinish(RunContext run, RunSummary summary)
    {
        if (!_onFinish) return;
        Fill(run);
        FillEvaluation("val_", summary.Validation);
        FillEvaluation("test_", summary.Test);
        Context.Set("status", summary.Status.ToString().ToLowerInvariant());
        Context.Set("message", summary.Message);
        foreach (var b in summary.Baselines) Context.Set($"baseline_{b.Name}_{b.Metric}", b.Value);
        _experiment.Call("on_finish", Context);
    }
}
