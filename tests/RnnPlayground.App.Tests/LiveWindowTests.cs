using System.Diagnostics;

namespace RnnPlayground.App.Tests;

/// <summary>
/// The live window for real, under Xvfb (CI runs the tests with xvfb-run): it opens, draws frames,
/// saves a screenshot on S, changes the weather world on F and 2, and quits on Esc, keys sent with xdotool. Skipped without a display.
/// </summary>
public partial class LiveWindowTests
{
    [Test]
    public void TheWindowOpensTakesAScreenshotOnSAndQuitsOnEscape()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string output = Directory.CreateTempSubdirectory("rnnplay-window-").FullName;
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", "scripts/weather.lua", "--out", output, "--speed", "max");
        using Process process = started;
        string stderr = "";
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            Thread.Sleep(4000); // frames are being drawn
            Xdotool("key", "--window", window, "s");
            string shot = Path.Combine(output, "screenshot-001.png");
            Assert.That(WaitFor(() => File.Exists(shot) && new FileInfo(shot).Length > 10_000, 20), "no screenshot after S");

            // [ halves the learning rate on the simulation thread; the training goes on from where it was.
            Xdotool("key", "--window", window, "bracketleft");
            Assert.That(WaitFor(() => LearningRateChanges(stdout).Count >= 1, 20), $"no learning rate change after [: {Text(stdout)}");
            Xdotool("key", "--window", window, "bracketleft");
            Assert.That(WaitFor(() => LearningRateChanges(stdout).Count >= 2, 20), $"no second change: {Text(stdout)}");
            var changes = LearningRateChanges(stdout);
            Assert.That(changes[0].Before, Is.GreaterThan(0));
            Assert.That(changes[0].After, Is.EqualTo(changes[0].Before / 2).Within(changes[0].Before * 1e-2));
            Assert.That(changes[1].After, Is.LessThan(changes[0].Before * 0.3), "the optimizer kept the halved rate and halved it again");
            Assert.That(changes[1].Step, Is.GreaterThanOrEqualTo(changes[0].Step), "the step count was not reset");
            Assert.That(changes[0].Step, Is.GreaterThan(0));
            Xdotool("key", "--window", window, "f");   // a storm front, then twice the storminess
            Xdotool("key", "--window", window, "2");
            Thread.Sleep(1000);
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            stderr = errTask.Result;
            Assert.That(process.ExitCode, Is.EqualTo(0), stderr);
            Assert.That(Text(stdout), Does.Contain("screenshot: ").And.Contain("FPS").And.Contain("forecasts scored"));
            Assert.That(Text(stdout), Does.Contain("storm (intensity 2.5, 1.6 days)").And.Contain("climate: storminess 0.3 → 0.45/day"));
            byte[] png = File.ReadAllBytes(shot);
            Assert.That(png[1..4], Is.EqualTo("PNG"u8.ToArray()));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void SavingTheScriptReloadsItAndABrokenOneKeepsTheLastGoodExperimentRunning()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-reload-").FullName;
        string script = Path.Combine(folder, "live.lua");
        string good = """
            return {
              data = rnn.data.weather{ days = 200, seq = 7 },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
              epochs = 1,
            }
            """;
        File.WriteAllText(script, good);
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", Path.Combine(folder, "out"));
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            File.WriteAllText(script, good.Replace("hidden = 8 }", "hidden = 8 ", StringComparison.Ordinal));
            Assert.That(WaitFor(() => Text(stdout).Contains("reload failed, still running the last good script"), 30), Text(stdout));
            Assert.That(Text(stdout), Does.Contain("live.lua:"), "the error names the script and line");
            File.WriteAllText(script, good.Replace("hidden = 8", "hidden = 12", StringComparison.Ordinal));
            Assert.That(WaitFor(() => Text(stdout).Contains("reloaded"), 30), Text(stdout));
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AComparisonShowsEveryVariantInTurnInTheWindow()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string output = Directory.CreateTempSubdirectory("rnnplay-compare-").FullName;
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", "scripts/vanishing.lua", "--out", output, "--speed", "max", "--steps", "10");
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            Assert.That(WaitFor(() => Text(stdout).Contains("== gru (3 of 3)"), 120), $"the variants did not follow one another: {Text(stdout)}");
            Thread.Sleep(3000); // the last variant trains while drawn
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(60_000), Is.True, "the window did not close on Escape");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
            Assert.That(Text(stdout), Does.Contain("== rnn (1 of 3)").And.Contain("== lstm (2 of 3)").And.Contain("comparison (test split)"));
            foreach (string variant in new[] { "rnn", "lstm", "gru" })
                Assert.That(File.Exists(Path.Combine(output, variant, "summary.json")), Is.True, variant);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void AnotherScriptBesideItDoesNotReloadButTheRepositorysShaderDoes()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-watch-").FullName;
        string script = Path.Combine(folder, "live.lua");
        File.WriteAllText(script, """
            return {
              data = rnn.data.weather{ days = 200, seq = 7 },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
              epochs = 1,
            }
            """);
        string shader = Path.Combine(Rnnplay.RepositoryRoot, "shaders", "shape.frag");
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", Path.Combine(folder, "out"));
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            File.WriteAllText(Path.Combine(folder, "other.lua"), "return {}\n");
            Assert.That(WaitFor(() => Text(stdout).Contains("reloaded"), 4), Is.False, $"another script in the folder reloaded the running one: {Text(stdout)}");
            File.WriteAllText(shader, File.ReadAllText(shader)); // saved unchanged, as an editor would
            Assert.That(WaitFor(() => Text(stdout).Contains("shaders reloaded"), 20), $"saving the repository's shaders/shape.frag did not reload it: {Text(stdout)}");
            Assert.That(Text(stdout), Does.Not.Contain("reloaded " + script), "a shader edit does not reload the script");
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The "learning rate A → B at step N" lines the window printed.</summary>
    internal static List<(double Before, double After, long Step)> LearningRateChanges(System.Text.StringBuilder b) =>
        [.. System.Text.RegularExpressions.Regex.Matches(Text(b), @"learning rate (\S+) → (\S+) at step (\d+)")
            .Select(m => (Number(m.Groups[1].Value), Number(m.Groups[2].Value), long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    private static double Number(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts <c>rnnplay ARGS</c> beside the tests; its stdout collects line by line, its stderr at the end.</summary>
    internal static (Process Process, System.Text.StringBuilder Stdout, Task<string> Stderr) StartRnnplay(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rnnplay.dll"));
        foreach (string a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var stdout = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        return (process, stdout, process.StandardError.ReadToEndAsync());
    }

    internal static string Text(System.Text.StringBuilder b)
    {
        lock (b) return b.ToString();
    }

    internal static bool WaitFor(Func<bool> condition, double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (condition()) return true;
            Thread.Sleep(100);
        }
        return condition();
    }

    internal static string WaitForWindow()
    {
        string id = "";
        Assert.That(WaitFor(() => (id = Xdotool("search", "--name", "rnnplay").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "") != "", 20),
            "xdotool found no rnnplay window");
        return id;
    }

    internal static string Xdotool(params string[] args)
    {
        var start = new ProcessStartInfo("xdotool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Trim();
    }
}
