namespace RnnPlayground.Scripting.Host;

/// <summary>How a <see cref="LuaHost"/> is set up: where scripts may read and write, where
/// <c>print</c> goes, and the limits on runaway scripts.</summary>
public sealed class LuaHostOptions
{
    /// <summary>
    /// The folder relative paths are taken from: script chunk names are given relative to it
    /// (<c>scripts/weather.lua</c>), and so are the relative <see cref="ReadRoots"/> and
    /// <see cref="OutputDirectory"/>. Defaults to the process's current directory.
    /// </summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// Folders scripts may read beside the folder of the script being run (which is always
    /// readable). Relative ones are taken from <see cref="WorkingDirectory"/>.
    /// </summary>
    public IReadOnlyList<string> ReadRoots { get; init; } = ["scripts/data"];

    /// <summary>The run's output folder, the only place scripts may write; null: no writes at all.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where the scripts' <c>print</c> writes its lines; null: standard output.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Time, instruction and memory limits.</summary>
    public ScriptLimits Limits { get; init; } = ScriptLimits.Default;

    /// <summary>How refusals and errors point scripts at the functions registered on the host.</summary>
    public ScriptHints Hints { get; init; } = new();
}
