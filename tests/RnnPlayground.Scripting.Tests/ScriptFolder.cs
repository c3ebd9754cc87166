using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A throw-away working folder laid out like a project: <c>scripts/</c>, <c>scripts/data/</c>,
/// <c>out/run/</c> (the output folder), and <c>secret.txt</c> beside them that scripts must not read.
/// </summary>
internal sealed class ScriptFolder : IDisposable
{
    public ScriptFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "rnnplay-lua-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "scripts", "data"));
        Directory.CreateDirectory(Path.Combine(Root, "out", "run"));
        File.WriteAllText(Path.Combine(Root, "secret.txt"), "do not read");
        File.WriteAllText(Path.Combine(Root, "scripts", "data", "temps.csv"), "t\n1.5\n2.5\n");
    }

    public string Root { get; }

    public string OutputDirectory => Path.Combine(Root, "out", "run");

    public LuaHost CreateHost(ScriptLimits? limits = null, TextWriter? output = null) => new(new LuaHostOptions
    {
        WorkingDirectory = Root,
        ReadRoots = ["scripts/data"],
        OutputDirectory = "out/run",
        Output = output ?? TextWriter.Null,
        Limits = limits ?? ScriptLimits.Default,
        Hints = ExperimentHints.Rnn,
    });

    /// <summary>Writes a script under the folder and returns its path relative to it.</summary>
    public string WriteScript(string relativePath, string source)
    {
        string full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, source);
        return relativePath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaner.
        }
    }
}
