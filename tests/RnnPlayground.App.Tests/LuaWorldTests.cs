using System.Text.Json;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App.Tests;

/// <summary>
/// Worlds written in Lua (<c>rnn.world</c>) through rnnplay: <c>--ticks</c> reports their live scores
/// against persistence and the mean, the same seed gives the same scores in two processes, and a
/// world that fails stops with its line and tick (exit 1), shown in the picture's error banner.
/// </summary>
public class LuaWorldTests
{
    private const string Failing = """
        calls = 0
        return {
          data = rnn.world{ series = { 'x' }, history = 200, seq = 8,
            observe = function(t, rng)
              calls = calls + 1
              if calls > 260 then return { x = 0/0 } end
              return { x = math.sin(t / 3) + 0.01 * rng:normal() }
            end },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
        }
        """;

    private static JsonElement Summary(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement;

    private static double Mae(JsonElement period, string who) => period.GetProperty(who).GetProperty("mae").GetDouble();

    [Test]
    public void TheOscillatorBeatsPersistenceBeforeAndAfterItsFrequencyChanges()
    {
        using var project = new ProjectFolder();
        string output = project.Output("osc");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/oscillator.lua", "--ticks", "2500", "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("live: 2500 ticks (2500 steps)").And.Contain("step 2001, tick 2000: period 20 → 11 ticks").And.Contain("ticks/s"));
        JsonElement summary = Summary(output);
        JsonElement before = summary.GetProperty("periods")[0], after = summary.GetProperty("periods")[1];
        Assert.That((before.GetProperty("period").GetString(), before.GetProperty("steps").GetInt32()), Is.EqualTo(("period 1", 2000)));
        Assert.That((after.GetProperty("period").GetString(), after.GetProperty("steps").GetInt32()), Is.EqualTo(("period 2 so far", 500)));
        foreach (JsonElement p in new[] { before, after })
        {
            Assert.That(Mae(p, "model"), Is.LessThan(Mae(p, "persistence")), $"{p.GetProperty("period")}: model vs persistence\n{r.Stdout}");
            Assert.That(Mae(p, "model"), Is.LessThan(Mae(p, "mean")), $"{p.GetProperty("period")}: model vs the mean");
        }
        Assert.That(Mae(after, "persistence"), Is.GreaterThan(Mae(before, "persistence")), "the faster oscillator is harder for persistence");
        Assert.That(File.ReadAllText(Path.Combine(output, "live.txt")), Does.Contain("period 1             2000"));
    }

    [Test]
    public void TwoRunsWithTheSameSeedScoreTheSameToTheLastBit()
    {
        using var project = new ProjectFolder();
        string a = project.Output("a"), b = project.Output("b");
        foreach (string output in new[] { a, b })
        {
            RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/oscillator.lua", "--ticks", "300", "--out", output]);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        }
        Assert.That(File.ReadAllText(Path.Combine(b, "summary.json")), Is.EqualTo(File.ReadAllText(Path.Combine(a, "summary.json"))));
        Assert.That(Summary(a).GetProperty("periods")[0].GetProperty("persistence").GetProperty("mae").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void AWorldThatFailsStopsWithItsLineAndTickAndExitsWithOne()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("fail.lua", Failing);
        string output = project.Output("fail");
        RnnplayResult r = project.Run("run", script, "--ticks", "500", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stderr.Trim(), Is.EqualTo("error: scripts/fail.lua:4: observe: 'x' must be a finite number (got nan) (tick 60)"));
        Assert.That(r.Stdout, Does.Contain("live: 60 ticks (60 steps)").And.Contain("the world stopped at tick 60: scripts/fail.lua:4"));
        Assert.That(Summary(output).GetProperty("failure").GetString(), Does.EndWith("(tick 60)"));
    }

    [Test]
    public void TheWindowsErrorBannerShowsAFailedWorldAndItsLastGoodTicks()
    {
        GraphicsProbe probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available) Assert.Fail($"offscreen rendering unavailable: {probe.Reason}");
        using var project = new ProjectFolder();
        string script = project.WriteScript("fail.lua", Failing);
        using var experiment = ScriptedExperiment.Load(Path.Combine(project.Root, script),
            new ScriptedExperimentOptions { WorkingDirectory = project.Root, OutputDirectory = project.Output("shot"), Output = TextWriter.Null });
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        while (!live.Finished) live.Advance();
        Snapshot snapshot = live.BuildSnapshot(new LiveStatus(1, false, 48, 0));

        using var context = new EglOffscreenContext(1280, 800);
        context.MakeCurrent();
        using var scene = new SceneRenderer(context.Gl);
        scene.Render(snapshot, 1280, 800, new FrameStats(60, 5));
        RgbaImage image = FrameCapture.ReadRgba(context.Gl, 1280, 800);
        Assert.That(string.Concat(scene.BannerLines), Is.EqualTo("script error: scripts/fail.lua:4: observe: 'x' must be a finite number (got nan) (tick 60)"));
        var banner = scene.LastLayout!.Banner;
        var pixel = image[(int)(banner.X + 3), (int)(banner.Bottom * scene.Scale) - 3];
        Assert.That(pixel.R, Is.GreaterThan(pixel.B), "the banner is red");
        Assert.That(scene.LayoutProblems(), Is.Empty, "the status and the banner fit");
        Assert.That(snapshot.Weather!.Observed[0].Values, Has.Length.EqualTo(60), "the world's good ticks are still drawn");
        Assert.That(snapshot.Weather.Title, Is.EqualTo("WORLD STREAM"));
    }
}
