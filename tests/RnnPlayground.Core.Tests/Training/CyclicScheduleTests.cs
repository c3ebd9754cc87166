using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

/// <summary>One-cycle (as PyTorch's OneCycleLR), linear warm-up and decay, and a custom function, against hand-computed rates.</summary>
public class CyclicScheduleTests
{
    private static float[] Rates(LearningRateSchedule s, int steps) => Enumerable.Range(1, steps).Select(i => s.LearningRateAt(i)).ToArray();

    [Test]
    public void OneCycleRisesToMaxLrThenAnnealsToItsFloorAsPyTorchDoes()
    {
        // max_lr 0.1 over 10 steps, pct_start 0.3, div 25, final div 1e4: initial 0.004, floor 4e-7;
        // PyTorch's phase ends at 0.3·10 − 1 = 2 and 9 (0-based). Step 2: 0.004 + 0.096·(1 − cos π/2)/2 = 0.052;
        // step 4: 4e-7 + (0.1 − 4e-7)·(1 + cos π/7)/2.
        double[] expected = [0.004, 0.052, 0.1, 0.0950484632, 0.08117456539, 0.06112620219, 0.03887419781, 0.01882583461, 0.004951936799, 4e-07];
        var schedule = new OneCycleSchedule(0.1f, 10, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4);
        Assert.That(Rates(schedule, 10), Is.EqualTo(expected).Within(1e-4).Percent);
        Assert.That(schedule.LearningRateAt(50), Is.EqualTo(4e-7f).Within(1e-12), "flat at the floor after the cycle");
    }

    [Test]
    public void OneCycleFromASpecTakesTheOptimizersRateAsMaxLrAndTheRunsLength()
    {
        LearningRateSchedule s = new ScheduleSpec("one_cycle").Create(0.1f, 10);
        Assert.That(s, Is.InstanceOf<OneCycleSchedule>());
        Assert.That(s.LearningRateAt(3), Is.EqualTo(0.1f).Within(1e-7));
        LearningRateSchedule custom = new ScheduleSpec("one_cycle", new Dictionary<string, double> { ["max_lr"] = 0.5, ["steps"] = 20, ["pct_start"] = 0.5 }).Create(0.1f, 10);
        Assert.That(custom.LearningRateAt(10), Is.EqualTo(0.5f).Within(1e-6), "the peak at 0.5·20 − 1 (0-based)");
        Assert.That(() => new ScheduleSpec("one_cycle", null, WarmupSteps: 5).Create(0.1f, 10), Throws.ArgumentException.With.Message.Contains("pct_start"));
        Assert.That(() => new ScheduleSpec("one_cycle").Create(0.1f, 5), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at least 2"));
    }

    [Test]
    public void LinearWarmsUpThenDecaysInAStraightLine()
    {
        // lr 0.1, warm-up 4 of 10 steps: 0.1·s/4, then 0.1·(10 − s)/6 down to the floor.
        var schedule = new LinearSchedule(0.1f, warmupSteps: 4, totalSteps: 10);
        double[] expected = [0.025, 0.05, 0.075, 0.1, 0.1 * 5 / 6, 0.1 * 4 / 6, 0.05, 0.1 * 2 / 6, 0.1 / 6, 1e-12];
        Assert.That(Rates(schedule, 10), Is.EqualTo(expected).Within(1e-4).Percent);
        var floored = new LinearSchedule(0.1f, warmupSteps: 0, totalSteps: 5, minimumLearningRate: 0.02f);
        Assert.That(Rates(floored, 6), Is.EqualTo(new[] { 0.084, 0.068, 0.052, 0.036, 0.02, 0.02 }).Within(1e-6));
        LearningRateSchedule spec = new ScheduleSpec("linear", null, WarmupSteps: 4).Create(0.1f, 10);
        Assert.That(Rates(spec, 10), Is.EqualTo(expected).Within(1e-4).Percent, "warmup is the linear schedule's own, not a second ramp");
    }

    [Test]
    public void ACustomScheduleAsksItsFunctionOncePerStepAndRefusesABadRate()
    {
        int calls = 0;
        var schedule = new CustomSchedule(0.2f, 100, (step, total, lr) =>
        {
            calls++;
            return step == 7 ? double.NaN : lr * (total - step + 1) / total;
        });
        Assert.That(schedule.LearningRateAt(1), Is.EqualTo(0.2f));
        Assert.That(schedule.LearningRateAt(1), Is.EqualTo(0.2f));
        Assert.That(schedule.LearningRateAt(51), Is.EqualTo(0.1f).Within(1e-7));
        Assert.That(calls, Is.EqualTo(2), "asked again for the same step, the last answer is kept");
        Assert.That(() => schedule.LearningRateAt(7), Throws.InvalidOperationException.With.Message.Contains("step 7"));
    }
}
