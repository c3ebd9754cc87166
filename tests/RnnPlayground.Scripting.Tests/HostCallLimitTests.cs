using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>The time limit covers the host's work for a script, not only Lua instructions.</summary>
public class HostCallLimitTests : RnnApiFixture
{
    // No instruction budget: the default's 10⁸ pattern-matcher steps take under 0.5 s on a fast machine.
    private static readonly ScriptLimits Short = new() { TimeLimit = TimeSpan.FromSeconds(0.5), InstructionBudget = null };

    private const string Sine =
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 512 }, rnn.nn.linear{} },\n" +
        "  steps = 5,\n";

    [Test]
    public void HostCallsInALoopAreStoppedByTheTimeLimit()
    {
        Folder.WriteScript("scripts/x.lua", "for i = 1, 4 do\n  rnn.data.weather{ days = 200000, climate = { hours_per_day = 240 } }\nend\nreturn {}");
        var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(Path.Combine(Folder.Root, "scripts/x.lua"), Options(Short)).Dispose())!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Limit), error.ToString());
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: rnn.data.weather: script exceeded its time limit of 0.5 s"));
    }

    [Test]
    public void ALongPredictInACallbackIsStoppedAndStopsTheRun()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine +
            "  on_step = function(ctx)\n    local x = {}\n    for i = 1, 200000 do x[i] = 0.5 end\n    ctx.model:predict(x)\n  end,\n}\n", limits: Short);
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Limit), experiment.CallbackError?.ToString());
        Assert.That(experiment.CallbackError?.Message, Is.EqualTo("scripts/x.lua:8: Model:predict: script exceeded its time limit of 0.5 s"));
        Assert.That(summary.Steps, Is.EqualTo(1), "the run stops at the failing callback");
    }

    [Test]
    public void ACallbackStuckInAPatternIsStoppedAndStopsTheRun()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine +
            "  on_step = function(ctx)\n    local s = string.rep('a', 40)\n    return s:find(string.rep('a*', 40) .. 'b') ~= nil\n  end,\n}\n", limits: Short);
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError?.Message, Is.EqualTo("scripts/x.lua:7: script exceeded its time limit of 0.5 s"));
        Assert.That(summary.Steps, Is.EqualTo(1));
    }
}
