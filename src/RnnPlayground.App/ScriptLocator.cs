namespace RnnPlayground.App;

/// <summary>Finds a script: as given, else under the folder the program was built into (where scripts/ is copied).</summary>
internal static class ScriptLocator
{
    public const string DefaultScript = "scripts/weather.lua";

    /// <summary>The script's full path and the working folder for it (the folder holding scripts/).</summary>
    /// <exception cref="FileNotFoundException">No such script anywhere we look.</exception>
    public static (string ScriptPath, string WorkingDirectory) Locate(string? script)
    {
        string given = string.IsNullOrWhiteSpace(script) ? DefaultScript : script;
        string cwd = Environment.CurrentDirectory;
        if (File.Exists(given)) return (Path.GetFullPath(given), cwd);
        if (!Path.IsPathRooted(given))
        {
            string beside = Path.Combine(AppContext.BaseDirectory, given);
            if (File.Exists(beside)) return (Path.GetFullPath(beside), AppContext.BaseDirectory);
        }
        throw new FileNotFoundException($"no script '{given}' (looked in {cwd} and {AppContext.BaseDirectory})", given);
    }

    /// <summary>A fresh output folder runs/NAME-yyyyMMdd-HHmmss (with a suffix if it exists).</summary>
    public static string DefaultOutput(string workingDirectory, string name)
    {
        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string dir = Path.Combine(workingDirectory, "runs", $"{name}-{stamp}");
        for (int i = 2; Directory.Exists(dir); i++) dir = Path.Combine(workingDirectory, "runs", $"{name}-{stamp}-{i}");
        return dir;
    }
}
