using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>
/// How one test case went: passed when its function returned; else the script error it raised (a
/// failing expectation reads <c>file:line: expected 0.61 to be above 0.64</c>). With the runs it made.
/// </summary>
/// <param name="RunSeconds">Time spent inside <c>rnn.run</c> (loading the scripts and their data, training, evaluating).</param>
public sealed record TestOutcome(ScriptException? Error, IReadOnlyList<RunFigures> Runs, double RunSeconds)
{
    public bool Passed => Error is null;
}
