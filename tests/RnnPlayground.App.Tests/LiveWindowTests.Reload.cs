using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App.Tests;

/// <summary>
/// Reloads that keep the demo: saving only the view or <c>on_draw</c> keeps training where it was,
/// a change of the model starts again, a data file the script reads reloads it and another script
/// beside it does not, and W goes back to the seeded initial weights without a reload.
/// </summary>
public partial class LiveWindowTests
{
    private const string ViewAndDraw = """
          view = { max_units = 16 },
          on_draw = function(ctx) ctx.canvas:text(0.02, 0.05, 'demo ' .. ctx.step) end,

        """;

    [Test]
    public void EditingOnlyTheViewOrOnDrawKeepsTrainingTheModelStartsAgainAndWResetsTheWeights()
    {
        RequireDisplayAndXdotool();
        string folder = Directory.CreateTempSubdirectory("rnnplay-view-").FullName;
        string script = Path.Combine(folder, "weather.lua");
        string source = File.ReadAllText(Path.Combine(Rnnplay.Scripts, "weather.lua"));
        const string live = "  live = { ticks_per_second = 48, train_every = 4 },\n";
        Assert.That(source, Does.Contain(live));
        source = source.Replace(live, live + ViewAndDraw, StringComparison.Ordinal);
        File.WriteAllText(script, source);
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", Path.Combine(folder, "out"), "--speed", "max");
        using Process process = started;
        try
        {
            string window = WindowOpened(stdout);
            Thread.Sleep(3000); // training on the live days

            source = source.Replace("max_units = 16", "max_units = 12", StringComparison.Ordinal);
            File.WriteAllText(script, source);
            Assert.That(WaitFor(() => ViewReloads(stdout).Count >= 1, 30), $"no view reload: {Text(stdout)}");
            Thread.Sleep(2000);
            source = source.Replace("'demo '", "'steps so far: '", StringComparison.Ordinal);
            File.WriteAllText(script, source);
            Assert.That(WaitFor(() => ViewReloads(stdout).Count >= 2, 30), $"no second view reload: {Text(stdout)}");
            List<long> steps = ViewReloads(stdout);
            Assert.That(steps[0], Is.GreaterThan(0), "trained before the first edit");
            Assert.That(steps[1], Is.GreaterThan(steps[0]), "the step count kept rising: the weights were kept");
            Assert.That(FullReloads(stdout), Is.Zero, $"a view edit reloaded the experiment: {Text(stdout)}");

            const string width = "  hidden = 32,    -- LSTM width";
            Assert.That(source, Does.Contain(width));
            source = source.Replace(width, "  hidden = 24,    -- LSTM width", StringComparison.Ordinal); // the model's width, through rnn.params
            File.WriteAllText(script, source);
            Assert.That(WaitFor(() => FullReloads(stdout) == 1, 60), $"a model edit did not start again: {Text(stdout)}");
            Thread.Sleep(3000);

            Xdotool("key", "--window", window, "w");
            Assert.That(WaitFor(() => Text(stdout).Contains("weights reset:"), 20), $"no weight reset after W: {Text(stdout)}");
            Match reset = Regex.Match(Text(stdout), @"weights reset: \S+ at step (\d+), weights checksum ([0-9A-F]{16}) \(were ([0-9A-F]{16}) after (\d+) steps\)");
            Assert.That(reset.Success, Text(stdout));
            Assert.That(reset.Groups[1].Value, Is.EqualTo("0"));
            Assert.That(long.Parse(reset.Groups[4].Value, CultureInfo.InvariantCulture), Is.GreaterThan(0), "it had trained since the reload");
            Assert.That(reset.Groups[3].Value, Is.Not.EqualTo(reset.Groups[2].Value));
            Assert.That(reset.Groups[2].Value, Is.EqualTo(SeededChecksum(script, folder)), "the seeded initial weights of the edited script");
            Assert.That(FullReloads(stdout), Is.EqualTo(1), "W reloaded nothing");

            CloseWithEscape(process, window, errTask);
        }
        finally
        {
            Clean(process, folder);
        }
    }

    [Test]
    public void ADataFileTheScriptReadsReloadsItAndAnotherScriptBesideItDoesNot()
    {
        RequireDisplayAndXdotool();
        string folder = Directory.CreateTempSubdirectory("rnnplay-data-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        string csv = Path.Combine(folder, "data", "series.csv");
        File.WriteAllText(csv, "t,v\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i},{i % 7}")) + "\n");
        string script = Path.Combine(folder, "live.lua");
        File.WriteAllText(script, """
            return {
              data = rnn.data.csv{ path = 'data/series.csv', features = { 'v' }, target = 'v', seq = 6 },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
              steps = 100000,
            }
            """);
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", Path.Combine(folder, "out"));
        using Process process = started;
        try
        {
            string window = WindowOpened(stdout);
            File.WriteAllText(Path.Combine(folder, "other.lua"), "return {}\n");
            File.WriteAllText(Path.Combine(folder, "data", "other.csv"), "t,v\n1,2\n");
            Assert.That(WaitFor(() => Text(stdout).Contains("reloaded"), 4), Is.False, $"another file in the folders reloaded the script: {Text(stdout)}");
            File.WriteAllText(csv, File.ReadAllText(csv)); // saved unchanged, as an editor would
            Assert.That(WaitFor(() => Text(stdout).Contains("(a data file it reads changed)"), 30), $"saving the data file did not reload: {Text(stdout)}");
            CloseWithEscape(process, window, errTask);
        }
        finally
        {
            Clean(process, folder);
        }
    }

    private static void RequireDisplayAndXdotool()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
    }

    /// <summary>Waits for rnnplay to say its window is open and returns the window's id.</summary>
    private static string WindowOpened(System.Text.StringBuilder stdout)
    {
        Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
        return WaitForWindow();
    }

    /// <summary>Esc closes the window and rnnplay exits with 0.</summary>
    private static void CloseWithEscape(Process process, string window, Task<string> stderr)
    {
        Xdotool("key", "--window", window, "Escape");
        Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
        Assert.That(process.ExitCode, Is.EqualTo(0), stderr.Result);
    }

    private static void Clean(Process process, string folder)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The steps the "reloaded the view of …: training goes on at step N" lines name.</summary>
    private static List<long> ViewReloads(System.Text.StringBuilder b) =>
        [.. Regex.Matches(Text(b), @"reloaded the view of .*training goes on at step (\d+)").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>How many times the experiment was loaded again from scratch.</summary>
    private static int FullReloads(System.Text.StringBuilder b) => Regex.Matches(Text(b), @"^reloaded (?!the view)", RegexOptions.Multiline).Count;

    /// <summary>The checksum of the weights a fresh run of <paramref name="script"/> starts from (its own seed).</summary>
    private static string SeededChecksum(string script, string folder)
    {
        string output = Path.Combine(folder, "seeded");
        Directory.CreateDirectory(output);
        using ScriptedExperiment e = ScriptedExperiment.Load(script, new ScriptedExperimentOptions { WorkingDirectory = folder, OutputDirectory = output, Output = TextWriter.Null });
        return e.CreateRun(new RunSettings()).Model.Parameters.Checksum().ToString("X16", CultureInfo.InvariantCulture);
    }
}
