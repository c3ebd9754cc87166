using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class ScheduleModuleTests : RnnApiFixture
{
    /// <summary>Trains a small model for <paramref name="steps"/> steps with SGD at 0.1 and <paramref name="schedule"/>; the rate of each step.</summary>
    private double[] Rates(string schedule, int steps)
    {
        ScriptedExperiment experiment = Load(
            "local rates = {}\n" +
            "return {\n" +
            "  data = rnn.data.sine{ seq = 4, train = 64 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },\n" +
            $"  optimizer = rnn.optim.sgd{{ lr = 0.1 }}, schedule = {schedule}, steps = {steps},\n" +
            "  on_step = function(ctx) rates[#rates + 1] = string.format('%.9g', ctx.lr) end,\n" +
            "  on_finish = function() print(table.concat(rates, ' ')) end,\n" +
            "}\n");
        experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
        return PrintedLines[^1].Split(' ').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
    }

    [Test]
    public void AStepScheduleCutsTheRateEveryFewSteps()
    {
        Assert.That(Rates("rnn.schedule.step{ every = 2, gamma = 0.5 }", 6), Is.EqualTo(new[] { 0.1, 0.1, 0.05, 0.05, 0.025, 0.025 }).Within(1e-6));
    }

    [Test]
    public void WarmUpRisesLinearlyToTheRate()
    {
        Assert.That(Rates("rnn.schedule.constant{ warmup = 4 }", 6), Is.EqualTo(new[] { 0.025, 0.05, 0.075, 0.1, 0.1, 0.1 }).Within(1e-6));
    }

    [Test]
    public void ACosineGlidesDownToItsFloor()
    {
        double[] rates = Rates("rnn.schedule.cosine{ min_lr = 0.01 }", 9);
        Assert.That(rates[0], Is.EqualTo(0.1).Within(1e-6));
        Assert.That(rates, Is.Ordered.Descending);
        Assert.That(rates[^1], Is.EqualTo(0.01).Within(0.01));
        Assert.That(rates[4], Is.EqualTo(0.055).Within(0.01), "half way down, half way between the rate and the floor");
    }

    [Test]
    public void AnExponentialScheduleMultipliesEveryStep()
    {
        Assert.That(Rates("rnn.schedule.exponential{ gamma = 0.5 }", 4), Is.EqualTo(new[] { 0.1, 0.05, 0.025, 0.0125 }).Within(1e-6));
    }

    [Test]
    public void SettingsReachTheSpec()
    {
        ScheduleSpec cosine = Make<ScheduleSpec>("rnn.schedule.cosine{ warmup = 10, min_lr = 1e-4, steps = 500 }");
        Assert.That(cosine.Kind, Is.EqualTo("cosine"));
        Assert.That(cosine.WarmupSteps, Is.EqualTo(10));
        Assert.That(cosine.Settings, Is.EquivalentTo(new Dictionary<string, double> { ["min_lr"] = 1e-4, ["steps"] = 500 }));
        ScheduleSpec plateau = Make<ScheduleSpec>("rnn.schedule.plateau{ mode = 'max', patience = 2, factor = 0.5, cooldown = 1 }");
        Assert.That(plateau.Settings, Is.EquivalentTo(new Dictionary<string, double> { ["maximize"] = 1, ["patience"] = 2, ["factor"] = 0.5, ["cooldown"] = 1 }));
        Assert.That(Make<ScheduleSpec>("rnn.schedule.constant()").Settings, Is.Empty);
    }

    [Test]
    public void BadSettingsAreRefusedAtTheScriptsLine()
    {
        Assert.That(Fails("local s = rnn.schedule.step{ every = 0 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.schedule.step: 'every' must be a positive integer (got 0)"));
        Assert.That(Fails("local s = rnn.schedule.exponential{ gamma = 1.5 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.schedule.exponential: 'gamma' must be a number between 1e-09 and 1 (got 1.5)"));
        Assert.That(Fails("local s = rnn.schedule.plateau{ mode = 'up' }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.schedule.plateau: 'mode' must be one of"));
        Assert.That(Fails("local s = rnn.schedule.cosine{ gamma = 0.5 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.schedule.cosine: unknown field 'gamma' (known fields: steps, min_lr, warmup)"));
    }

    [Test]
    public void AScheduleDescribesItself()
    {
        Assert.That(Host.Evaluate("return tostring(rnn.schedule.cosine{ warmup = 50 })"), Is.EqualTo("Schedule(cosine, warm-up 50)"));
    }

    [Test]
    public void ACustomScheduleMatchesItsReferenceForAHundredSteps()
    {
        // Halve every 10 steps, with a bump at every 25th; reference: 0.1·0.5^⌊(s−1)/10⌋, ×2 when s % 25 = 0.
        double[] reference = Enumerable.Range(1, 100).Select(s => 0.1 * Math.Pow(0.5, (s - 1) / 10) * (s % 25 == 0 ? 2 : 1)).ToArray();
        double[] rates = Rates(
            "rnn.schedule.custom{ lr = function(step, total, base_lr)\n" +
            "  assert(total == 100 and base_lr > 0.0999 and base_lr < 0.1001)\n" +
            "  return base_lr * 0.5 ^ ((step - 1) // 10) * (step % 25 == 0 and 2 or 1) end }", 100);
        Assert.That(rates, Has.Length.EqualTo(100));
        Assert.That(rates, Is.EqualTo(reference).Within(1e-5).Percent);
    }

    [Test]
    public void OneCycleAndLinearComeFromLua()
    {
        double[] cycle = Rates("rnn.schedule.one_cycle{ pct_start = 0.3, div_factor = 25, final_div_factor = 1e4 }", 10);
        Assert.That(cycle[0], Is.EqualTo(0.004).Within(1e-6));
        Assert.That(cycle[2], Is.EqualTo(0.1).Within(1e-6));
        Assert.That(cycle[9], Is.EqualTo(4e-7).Within(1e-6));
        Assert.That(Rates("rnn.schedule.linear{ warmup = 2, min_lr = 0.02 }", 6), Is.EqualTo(new[] { 0.05, 0.1, 0.08, 0.06, 0.04, 0.02 }).Within(1e-6));
        Assert.That(Fails("rnn.schedule.one_cycle{ warmup = 3 }", ScriptErrorKind.Argument).Message, Does.Contain("unknown field 'warmup'"));
    }

    [TestCase("error('no rate')", "scripts/x.lua:1: no rate (rnn.schedule.custom's lr at step 3)")]
    [TestCase("return -1", "scripts/x.lua: rnn.schedule.custom: lr(step 3) returned -1; it must return a rate > 0")]
    [TestCase("return nil", "scripts/x.lua: rnn.schedule.custom: lr(step 3) returned nil; it must return a rate > 0")]
    public void ACustomScheduleThatFailsStopsTheRunWithItsError(string bad, string message)
    {
        ScriptedExperiment experiment = Load(
            $"local function lr(step) if step == 3 then {bad} end return 0.01 end\n" +
            "return { data = rnn.data.sine{ seq = 4, train = 64 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} },\n" +
            "  schedule = rnn.schedule.custom{ lr = lr }, steps = 10 }\n");
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError?.Message, Is.EqualTo(message));
        Assert.That(summary.Steps, Is.EqualTo(3), "the step that asked finishes with the last good rate, then the run stops");
        Assert.That(experiment.FailedCallbacks, Does.Contain("rnn.schedule.custom"));
    }
}
