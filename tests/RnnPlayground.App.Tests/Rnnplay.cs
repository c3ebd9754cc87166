using System.Diagnostics;

namespace RnnPlayground.App.Tests;

/// <summary>What one run of the rnnplay process did.</summary>
internal sealed record RnnplayResult(string[] Arguments, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The whole run, for assertion messages.</summary>
    public override string ToString() =>
        $"rnnplay {string.Join(' ', Arguments)} → exit {ExitCode} in {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the rnnplay command as users do: <c>dotnet rnnplay.dll …</c> (the App project's build, which
/// the test project references), as a separate process without a display, so it never opens a window.
/// </summary>
internal static class Rnnplay
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>rnnplay.dll as built beside the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "rnnplay.dll");

    /// <summary>The repository: the folder holding RnnPlayground.sln and scripts/.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The repository's scripts/ folder.</summary>
    public static string Scripts => Path.Combine(RepositoryRoot, "scripts");

    /// <summary>Runs <c>rnnplay <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static RnnplayResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Runs <c>rnnplay <paramref name="arguments"/></c> with <paramref name="environment"/> added to its environment.</summary>
    public static RnnplayResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        ProcessStartInfo start = StartInfo(workingDirectory, arguments);
        foreach ((string name, string value) in environment) start.Environment[name] = value;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rnnplay {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        return new RnnplayResult(arguments, process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"), clock.Elapsed);
    }

    /// <summary>Starts <c>rnnplay <paramref name="arguments"/></c> without waiting (its output is read and dropped), e.g. to kill it mid-run.</summary>
    public static Process Start(string workingDirectory, params string[] arguments)
    {
        Process process = Process.Start(StartInfo(workingDirectory, arguments)) ?? throw new InvalidOperationException("cannot start dotnet");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (string a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RnnPlayground.sln")) && Directory.Exists(Path.Combine(dir.FullName, "scripts")))
                return dir.FullName;
        throw new DirectoryNotFoundException("no RnnPlayground.sln with scripts/ above " + AppContext.BaseDirectory);
    }
}
