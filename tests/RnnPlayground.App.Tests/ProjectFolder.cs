namespace RnnPlayground.App.Tests;

/// <summary>
/// A throw-away folder laid out like the project: <c>scripts/</c> with a copy of the shipped
/// <c>scripts/data/</c>, scripts written into it, and an <c>out/</c> folder for runs.
/// </summary>
internal sealed class ProjectFolder : IDisposable
{
    public ProjectFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "rnnplay-app-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "scripts", "data"));
        foreach (string file in Directory.GetFiles(Path.Combine(Rnnplay.Scripts, "data")))
            File.Copy(file, Path.Combine(Root, "scripts", "data", Path.GetFileName(file)));
    }

    public string Root { get; }

    /// <summary>A fresh output folder under out/.</summary>
    public string Output(string name) => Path.Combine(Root, "out", name);

    /// <summary>Writes <paramref name="source"/> as scripts/<paramref name="name"/> and returns its relative path.</summary>
    public string WriteScript(string name, string source)
    {
        File.WriteAllText(Path.Combine(Root, "scripts", name), source);
        return "scripts/" + name;
    }

    /// <summary>Copies a shipped script into the folder and returns its relative path.</summary>
    public string CopyScript(string name)
    {
        File.Copy(Path.Combine(Rnnplay.Scripts, name), Path.Combine(Root, "scripts", name));
        return "scripts/" + name;
    }

    /// <summary>Runs rnnplay in the folder.</summary>
    public RnnplayResult Run(params string[] arguments) => Rnnplay.Run(Root, arguments);

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
