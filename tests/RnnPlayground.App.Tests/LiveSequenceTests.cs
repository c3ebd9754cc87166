using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A comparison run live: the variants follow one another on the simulation thread while other
/// threads take snapshots, and no Lua call ever comes from a thread that does not own the state
/// (the host refuses those, so one would stop the simulation with an error).
/// </summary>
public class LiveSequenceTests
{
    private const string Script = """
        local steps = 0
        return {
          data = rnn.data.sine{ seq = 6, train = 64, validation = 16, test = 16 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
          steps = 25,
          evaluate_every = 10,
          on_step = function(ctx) steps = steps + 1 end,
          on_eval = function(ctx) end,
          on_draw = function(ctx)
            ctx.canvas:text(0.1, 0.1, ctx.name .. ' ' .. ctx.step .. ' ' .. steps)
          end,
          compare = {
            { name = 'gru' },
            { name = 'lstm', model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} } },
            { name = 'rnn', model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 4 }, rnn.nn.linear{} }, steps = 15 },
          },
        }
        """;

    [Test]
    public void AComparisonRunsThroughTheDriverWhileOtherThreadsTakeSnapshots()
    {
        using var project = new ProjectFolder();
        string output = project.Output("cmp");
        var stdout = new StringWriter();
        using ScriptedExperiment script = LoadComparison(project, output);
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Synchronized(stdout), TextWriter.Null);
        // 100 ticks a second: each variant lasts a quarter of a second or so, long enough for the watchers to see it on a loaded machine
        using var driver = new SimulationDriver(live, 100)
        {
            ThreadStarted = script.MoveToCurrentThread,
            PublishInterval = TimeSpan.Zero,
        };

        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        long read = 0;
        using var done = new ManualResetEventSlim();
        void Watch()
        {
            while (!done.IsSet)
            {
                driver.RequestSnapshot();
                if (driver.Latest is { } s)
                {
                    Interlocked.Add(ref read, s.Training.LossHistory.Length); // reads the record while the next one is built
                    string text = s.Overlay?.OfType<OverlayText>().FirstOrDefault()?.Text ?? "";
                    seen.AddOrUpdate(s.Variant + " | " + text.Split(' ')[0], 1, (_, n) => n + 1);
                }
                Thread.Yield();
            }
        }
        var watchers = new[] { new Thread(Watch), new Thread(Watch) };
        driver.Start();
        foreach (Thread t in watchers) t.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!driver.Experiment.Finished && driver.Error is null && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(10);
        done.Set();
        foreach (Thread t in watchers) t.Join();
        int code = -1;
        driver.Post(() =>
        {
            code = live.End();
            script.Dispose(); // where the state lives now
        });
        driver.Stop();

        Assert.That(driver.Error, Is.Null, $"the simulation failed: {driver.Error}");
        Assert.That(script.CallbackError, Is.Null);
        Assert.That(live.Finished, Is.True, "every variant ran to its end");
        Assert.That(code, Is.EqualTo(0), stdout.ToString());
        Assert.That(live.TrainingSteps, Is.EqualTo(25 + 25 + 15));
        foreach (string variant in new[] { "gru", "lstm", "rnn" })
            Assert.That(File.Exists(Path.Combine(output, variant, "summary.json")), Is.True, variant);
        Assert.That(stdout.ToString(), Does.Contain("== gru (1 of 3)").And.Contain("== lstm (2 of 3)").And.Contain("== rnn (3 of 3)"));
        string[] shown = [.. seen.Keys];
        Assert.That(shown, Has.Some.EqualTo("lstm · 2 of 3 | lstm"), string.Join("\n", shown));
        Assert.That(shown, Has.Some.EqualTo("rnn · 3 of 3 | rnn"), string.Join("\n", shown));
        Assert.That(script.CallbackError, Is.Null);
        Assert.That(Interlocked.Read(ref read), Is.GreaterThan(0));
    }

    [Test]
    public void AScriptCalledFromAThreadThatDoesNotOwnItStopsTheSimulationWithAClearError()
    {
        using var project = new ProjectFolder();
        string output = project.Output("cmp");
        using ScriptedExperiment script = LoadComparison(project, output);
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Null, TextWriter.Null);
        using var driver = new SimulationDriver(live, double.PositiveInfinity); // the state is never handed over
        driver.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (driver.Error is null && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(10);
        driver.Stop();
        Assert.That(driver.Error, Is.TypeOf<InvalidOperationException>());
        Assert.That(driver.Error!.Message, Does.Contain("scripts/cmp.lua").And.Contain("owns it (Lua states are single-threaded)"));
    }

    private static ScriptedExperiment LoadComparison(ProjectFolder project, string output)
    {
        string path = Path.Combine(project.Root, project.WriteScript("cmp.lua", Script));
        Directory.CreateDirectory(output);
        return ScriptedExperiment.Load(path, new ScriptedExperimentOptions { WorkingDirectory = project.Root, OutputDirectory = output, Output = TextWriter.Null });
    }
}
