using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Tests;

/// <summary>A callback that failed is not called again; its error reaches the snapshot for the window's banner.</summary>
public class CallbackFailureTests : RnnApiFixture
{
    // No instruction budget, so that the time limit is what stops the runaway on a fast machine too.
    private static readonly ScriptLimits Short = new() { TimeLimit = TimeSpan.FromSeconds(0.2), InstructionBudget = null };

    private const string Sine =
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} },\n" +
        "  steps = 20,\n";

    [Test]
    public void AnOnDrawThatNeverEndsRunsOnceAndItsErrorStaysOnEverySnapshot()
    {
        ScriptedExperiment experiment = Load("draws = 0\nreturn {\n" + Sine +
            "  on_draw = function(ctx)\n    draws = draws + 1\n    while true do end\n  end,\n}\n", limits: Short);
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        Snapshot? last = null;
        for (int frame = 0; frame < 5; frame++)
        {
            live.Advance();
            last = live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
            Assert.That(last.ScriptError, Is.EqualTo("scripts/x.lua:8: script exceeded its time limit of 0.2 s"), $"frame {frame}");
            Assert.That(last.Error, Does.StartWith("script error: scripts/x.lua:8: script exceeded its time limit of 0.2 s"));
            Assert.That(last.Overlay!.OfType<OverlayText>().Single().Text, Does.Contain("time limit"));
        }
        Assert.That(Global(experiment, "draws"), Is.EqualTo(1L), "on_draw is disabled after it failed");
        Assert.That(experiment.FailedCallbacks, Is.EquivalentTo(new[] { "on_draw" }));
    }

    [Test]
    public void AFailingOnStepIsCalledOnceEvenWhenTrainingGoesOn()
    {
        ScriptedExperiment experiment = Load("calls = 0\nreturn {\n" + Sine +
            "  on_step = function(ctx)\n    calls = calls + 1\n    error('boom')\n  end,\n}\n");
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        for (int i = 0; i < 4; i++) live.TrainOnce();
        Assert.That(Global(experiment, "calls"), Is.EqualTo(1L));
        Assert.That(experiment.CallbackError?.Message, Is.EqualTo("scripts/x.lua:8: boom"));
        Assert.That(live.BuildSnapshot(new LiveStatus(1, false, 48, 0)).ScriptError, Is.EqualTo("scripts/x.lua:8: boom"));
    }

    [Test]
    public void ASnapshotWithoutAFailureHasNoScriptError()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine + "  on_draw = function(ctx) ctx.canvas:text(0.1, 0.1, 'ok') end,\n}\n");
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        Snapshot s = live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        Assert.That(s.ScriptError, Is.Null);
        Assert.That(s.Overlay!.OfType<OverlayText>().Single().Text, Is.EqualTo("ok"));
    }
}
