using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>How the host's refusals and errors point experiment scripts at the <c>rnn</c> tables.</summary>
public static class ExperimentHints
{
    public static readonly ScriptHints Rnn = new()
    {
        Files = "read files with rnn.read_text(path) and write them with rnn.write_text(path, text)",
        Modules = "the host provides its modules as rnn.*",
        UndefinedFunction = "the function is not defined: check its spelling, or that the host module it belongs to is under rnn.*",
        InstructionBudget = "look for a loop that never ends, or a computation better done by an rnn.* function",
        Sandbox = "scripts run in a sandbox: files only through rnn.* functions (reads under the script's folder and scripts/data, writes under the run's output folder)",
        Argument = "scripts/rnn.d.lua lists every rnn.* function and its options",
    };
}
