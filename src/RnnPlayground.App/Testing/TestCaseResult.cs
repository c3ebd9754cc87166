using RnnPlayground.Scripting.Experiment.Testing;

namespace RnnPlayground.App.Testing;

/// <summary>
/// How one case of a test suite went: its file (as named in messages), name and line; the failure
/// (one line, <c>file:line: expected 0.61 to be above 0.64</c>) or null when it passed; what it
/// printed; its wall time and the part of it spent inside <c>rnn.run</c>; and the figures of the runs it made.
/// </summary>
internal sealed record TestCaseResult(string File, string Name, int? Line, string? Failure, string Output,
    double Seconds, double RunSeconds, IReadOnlyList<RunFigures> Runs)
{
    public bool Passed => Failure is null;

    /// <summary>The case as <c>-k</c> and the reports name it: <c>file::name</c>.</summary>
    public string Id => $"{File}::{Name}";
}
