using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.App.Tests;

/// <summary>
/// Scripts with every kind of mistake, run through rnnplay as a process: each must end with a
/// non-zero exit and one clear message on stderr that names the script and line (with a hint where
/// the host has one) and never a .NET stack trace; and the same mistakes in one process, followed by
/// a good script that still runs.
/// </summary>
public class BadScriptTests
{
    /// <summary>A broken script and what rnnplay must say about it.</summary>
    /// <param name="Message">The error's message: stderr's first line after "error: ".</param>
    /// <param name="Hint">The "hint:" line, when the host gives one.</param>
    /// <param name="Frame">A line of the Lua traceback that must be shown, when there is one.</param>
    public sealed record BadScript(string Name, string Source, ScriptErrorKind Kind, int? Line, string Message, string? Hint = null, string? Frame = null)
    {
        public override string ToString() => Name;
    }

    private const string Good = "return {\n" +
        "  data = rnn.data.sine{ seq = 8, train = 128, validation = 32, test = 32 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },\n" +
        "  optimizer = rnn.optim.adam{ lr = 0.01 },\n" +
        "  steps = 40,\n}\n";

    public static IEnumerable<BadScript> Cases()
    {
        yield return new BadScript("syntax error", "local data = rnn.data.sine{}\nreturn {\n  data = data\n  model = 3,\n}\n",
            ScriptErrorKind.Syntax, 4, "scripts/bad.lua:4: '}' expected (to close '{' at line 2) near 'model'");
        yield return new BadScript("runtime error", "local function f(t)\n  return t.x.y\nend\nlocal v = f({})\nreturn {}\n",
            ScriptErrorKind.Runtime, 2, "scripts/bad.lua:2: attempt to index a nil value (field 'x')", Frame: "\tscripts/bad.lua:4: in main chunk");
        yield return new BadScript("undefined function", "local data = rnn.data.sine{}\nlocal layer = lstm{ hidden = 8 }\n",
            ScriptErrorKind.Runtime, 2, "scripts/bad.lua:2: attempt to call a nil value (global 'lstm')",
            Hint: "the function is not defined: check its spelling, or that the host module it belongs to is under rnn.*");
        yield return new BadScript("wrong argument value", string.Concat(Enumerable.Repeat("-- setting up\n", 13)) + "local layer = rnn.nn.lstm{ hidden = -3 }\nreturn {}\n",
            ScriptErrorKind.Argument, 14, "scripts/bad.lua:14: rnn.nn.lstm: 'hidden' must be a positive integer (got -3)", Frame: "\tscripts/bad.lua:14: in main chunk");
        yield return new BadScript("wrong argument type", "local data = rnn.data.copy{ delay = 'long' }\n",
            ScriptErrorKind.Argument, 1, "scripts/bad.lua:1: rnn.data.copy: 'delay' must be an integer between 0 and 10000 (got \"long\")");
        yield return new BadScript("unknown option", "local model = rnn.nn.sequential{\n  rnn.nn.gru{ hiden = 8 },\n}\n",
            ScriptErrorKind.Argument, 2, "scripts/bad.lua:2: rnn.nn.gru: 'hidden' is missing (expected a positive integer; the table has 'hiden': a typo?)");
        yield return new BadScript("model too large for the host", "local model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4096, layers = 64 }, rnn.nn.linear{} }\n",
            ScriptErrorKind.Argument, 1, "scripts/bad.lua:1: rnn.nn.sequential: this model needs 158.8 GiB " +
            "(8.52e9 parameters with their gradients, optimizer state and activations), the limit is 2 GiB");
        yield return new BadScript("os.execute", "os.execute('touch pwned')\nreturn {}\n",
            ScriptErrorKind.Sandbox, 1, "scripts/bad.lua:1: os.execute is not available in experiment scripts");
        yield return new BadScript("io.open", "local f = io.open('/etc/passwd')\nreturn {}\n",
            ScriptErrorKind.Sandbox, 1, "scripts/bad.lua:1: io.open is not available in experiment scripts; read files with rnn.read_text(path) and write them with rnn.write_text(path, text)");
        yield return new BadScript("csv outside the data folders", "local data = rnn.data.csv{ path = '../secret.csv', features = { 'x' }, target = 'y' }\n",
            ScriptErrorKind.Sandbox, 1, "scripts/bad.lua:1: rnn.data.csv: reading '../secret.csv' is not allowed: scripts may read files only under scripts/data/, scripts/");
        yield return new BadScript("csv at an absolute path", "local data = rnn.data.csv{ path = '/etc/passwd', features = { 'root' }, target = 'x' }\n",
            ScriptErrorKind.Sandbox, 1, "scripts/bad.lua:1: rnn.data.csv: reading '/etc/passwd' is not allowed: scripts may read files only under scripts/data/, scripts/");
        yield return new BadScript("reading a file outside", "local text = rnn.read_text('../secret.csv')\n",
            ScriptErrorKind.Sandbox, 1, "scripts/bad.lua:1: rnn.read_text: reading '../secret.csv' is not allowed: scripts may read files only under scripts/data/, scripts/");
        yield return new BadScript("infinite loop", "local n = 0\nwhile true do n = n + 1 end\n",
            ScriptErrorKind.Limit, 2, "scripts/bad.lua:2: script exceeded its instruction budget of 100000000 instructions",
            Hint: "look for a loop that never ends, or a computation better done by an rnn.* function");
        yield return new BadScript("memory bomb", "local t = {}\nwhile true do\n  t[#t + 1] = {}\nend\n",
            ScriptErrorKind.Limit, 3, "scripts/bad.lua:3: script exceeded its memory limit of 256 MiB",
            Hint: "look for a table or string that keeps growing");
    }

    [TestCaseSource(nameof(Cases))]
    public void RnnplayReportsTheMistakeAndExitsWithAnError(BadScript bad)
    {
        using var project = new ProjectFolder();
        File.WriteAllText(Path.Combine(project.Root, "secret.csv"), "x,y\n1,a\n");
        RnnplayResult r = project.Run("run", project.WriteScript("bad.lua", bad.Source), "--headless", "--out", project.Output("bad"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        string[] lines = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("error: " + bad.Message), r.ToString());
        if (bad.Hint is not null) Assert.That(lines, Does.Contain("hint: " + bad.Hint), r.ToString());
        if (bad.Frame is not null) Assert.That(r.Stderr, Does.Contain("stack traceback:\n").And.Contain(bad.Frame + "\n"), r.ToString());
        Assert.That(r.Stderr + r.Stdout, Does.Not.Contain("   at RnnPlayground").And.Not.Contain("Exception"), r.ToString());
        Assert.That(File.Exists(Path.Combine(project.Root, "pwned")) || File.Exists(Path.Combine(project.Root, "scripts", "pwned")), Is.False);
    }

    [Test]
    public void AnErrorInACallbackStopsTheRunWithTheScriptsLine()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("bad.lua", Good.Replace("  steps = 40,\n",
            "  steps = 40,\n  on_step = function(ctx)\n    if ctx.step == 5 then error('step 5 is unlucky') end\n  end,\n"));
        RnnplayResult r = project.Run("run", script, "--headless", "--out", project.Output("bad"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stderr, Does.StartWith("error: scripts/bad.lua:7: step 5 is unlucky\nstack traceback:\n\tscripts/bad.lua:7: in "), r.ToString());
        Assert.That(r.Stdout, Does.Contain("stopped — on_step failed: scripts/bad.lua:7: step 5 is unlucky at step 5 of 40 (5 steps"), r.ToString());
        Assert.That(r.Stderr + r.Stdout, Does.Not.Contain("   at RnnPlayground"));
    }

    [Test]
    public void AMissingScriptIsNamed()
    {
        using var project = new ProjectFolder();
        RnnplayResult r = project.Run("run", "scripts/nothing.lua", "--headless");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stderr, Does.StartWith("error: no script 'scripts/nothing.lua' (looked in "), r.ToString());
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void EveryErrorClassThenAGoodScriptInOneProcess()
    {
        using var project = new ProjectFolder();
        File.WriteAllText(Path.Combine(project.Root, "secret.csv"), "x,y\n1,a\n");
        var limits = new ScriptLimits { TimeLimit = TimeSpan.FromSeconds(0.5), MemoryLimitBytes = 32L << 20 };
        var options = new ScriptedExperimentOptions
        {
            WorkingDirectory = project.Root, OutputDirectory = project.Output("in-process"), Output = TextWriter.Null, Limits = limits,
        };
        foreach (BadScript bad in Cases())
        {
            string path = Path.Combine(project.Root, project.WriteScript("bad.lua", bad.Source));
            var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(path, options).Dispose(), bad.Name)!;
            Assert.That((error.Kind, error.ScriptPath, error.Line), Is.EqualTo((bad.Kind, "scripts/bad.lua", bad.Line)), $"{bad.Name}: {error}");
            if (bad.Kind != ScriptErrorKind.Limit) Assert.That(error.Message, Is.EqualTo(bad.Message), bad.Name);
        }

        // Runaway callbacks are stopped too, and the run with them.
        foreach (string runaway in new[] { "while true do end", "local t = {} while true do t[#t + 1] = {} end" })
        {
            string path = Path.Combine(project.Root, project.WriteScript("runaway.lua",
                Good.Replace("  steps = 40,\n", "  steps = 40,\n  on_step = function(ctx) if ctx.step == 3 then " + runaway + " end end,\n")));
            using ScriptedExperiment experiment = ScriptedExperiment.Load(path, options);
            RunSummary stopped = experiment.CreateRun().Run();
            Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Limit), runaway);
            Assert.That((stopped.Status, stopped.Steps), Is.EqualTo((RunStatus.Stopped, 3L)), runaway);
        }

        string goodPath = Path.Combine(project.Root, project.WriteScript("good.lua", Good));
        using ScriptedExperiment good = ScriptedExperiment.Load(goodPath, options);
        ExperimentRun run = good.CreateRun(new RunSettings { OutputDirectory = project.Output("good") });
        RunSummary summary = run.Run();
        Assert.That(good.CallbackError, Is.Null);
        Assert.That((summary.Status, summary.Steps), Is.EqualTo((RunStatus.Completed, 40L)));
        string[] losses = File.ReadAllLines(Path.Combine(project.Output("good"), ExperimentRun.MetricsFile)).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        Assert.That(double.Parse(losses[^1], System.Globalization.CultureInfo.InvariantCulture),
            Is.LessThan(double.Parse(losses[0], System.Globalization.CultureInfo.InvariantCulture)), "the good script trains after all those errors");
    }
}
