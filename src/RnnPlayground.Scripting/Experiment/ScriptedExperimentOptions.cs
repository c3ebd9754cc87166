using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>Where a scripted experiment may read and write, where its prints go, and its limits.</summary>
public sealed record ScriptedExperimentOptions
{
    /// <summary>The folder relative paths start from (the repository root when run from there).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Folders scripts may read besides their own (default: scripts/data).</summary>
    public IReadOnlyList<string> ReadRoots { get; init; } = ["scripts/data"];

    /// <summary>The run's output folder, the only place scripts may write; null: no writes.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where the script's print goes (default: standard output).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Time, instruction and memory limits for each entry into script code.</summary>
    public ScriptLimits Limits { get; init; } = ScriptLimits.Default;

    /// <summary>Values for the script's <c>rnn.params</c>, as text (parsed to each default's type); a name it does not declare is refused.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How messages name where <see cref="Parameters"/> came from (<c>--set</c>, a checkpoint).</summary>
    public string ParameterSource { get; init; } = "--set";
}
