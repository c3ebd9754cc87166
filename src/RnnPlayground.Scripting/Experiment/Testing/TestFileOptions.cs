using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>Where a test file reads and writes, where its prints go, and what happens after each run it makes.</summary>
public sealed record TestFileOptions
{
    /// <summary>The folder relative paths of data files start from (the repository root when run from there).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The case's output folder, the only place the file and the scripts it runs may write; each run writes in a sub-folder.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where prints go (the file's and those of the scripts it runs).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>
    /// Limits for the test file's own Lua code. The default gives each entry (a case) ten minutes,
    /// since a case trains inside it; the scripts it runs keep the default limits.
    /// </summary>
    public ScriptLimits Limits { get; init; } = ScriptLimits.Default with { TimeLimit = TimeSpan.FromMinutes(10) };

    /// <summary>Called after each run a case makes, with the run and its output folder (e.g. to draw its report).</summary>
    public Action<ExperimentRun, RunSummary, string>? RunFinished { get; init; }
}
