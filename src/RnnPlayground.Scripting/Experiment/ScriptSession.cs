using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>What the <c>rnn</c> functions that act on the running experiment reach: the run, the view settings, the overlay being drawn.</summary>
public sealed class ScriptSession
{
    /// <summary>The experiment's run, once it exists.</summary>
    public ExperimentRun? Run { get; set; }

    /// <summary>View settings the script asked for (<c>rnn.view{…}</c> or the experiment's <c>view</c>).</summary>
    public ViewSettings? View { get; set; }

    /// <summary>The overlay being drawn by <c>on_draw</c>; null outside it.</summary>
    public List<OverlayItem>? Overlay { get; set; }

    /// <summary>
    /// Reports a script function the host calls during a run (such as a custom schedule's rate)
    /// that failed: the experiment keeps the error, disables it and stops the run.
    /// </summary>
    public Action<string, ScriptException>? FunctionFailed { get; set; }

    /// <summary>The encoder–decoder run, once one exists (an experiment of <c>rnn.nn.seq2seq</c>).</summary>
    public Seq2SeqRun? Seq2SeqRun { get; set; }

    public ExperimentRun RequireRun(string what) =>
        Run ?? throw new ScriptArgumentException($"{what} works while the experiment runs (from a callback such as on_step)");
}
