using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Benchmarks;

/// <summary>The per-phase profile of training steps (<c>rnnplay bench --profile</c>): on when enabled, silent when not.</summary>
public class StepProfileTests
{
    private static readonly StepPhase[] Phases = Enum.GetValues<StepPhase>();

    [TearDown]
    public void TurnOff() => StepProfile.Enabled = false;

    [Test]
    public void EnabledItTimesEveryPhaseOfATrainingStepWithinTheStepsTime()
    {
        // elman-long clips, so every phase runs.
        BenchmarkWorkload workload = BenchmarkWorkload.Create("elman-long");
        StepProfile.Enabled = true;
        BenchmarkResult result = BenchmarkRunner.Run(workload, minSeconds: 0, warmUpSteps: 1);
        double sum = 0;
        foreach (StepPhase phase in Phases)
        {
            Assert.That(StepProfile.Total(phase), Is.GreaterThan(TimeSpan.Zero), phase.ToString());
            sum += StepProfile.Total(phase).TotalSeconds;
        }
        Assert.That(sum, Is.LessThanOrEqualTo(result.Seconds), "the phases do not overlap");
        Assert.That(result.CpuSeconds, Is.GreaterThan(0));
    }

    [Test]
    public void DisabledItRecordsNothing()
    {
        BenchmarkWorkload workload = BenchmarkWorkload.Create("weather-lstm-small");
        StepProfile.Enabled = false;
        BenchmarkRunner.Run(workload, minSeconds: 0, warmUpSteps: 1);
        foreach (StepPhase phase in Phases) Assert.That(StepProfile.Total(phase), Is.EqualTo(TimeSpan.Zero), phase.ToString());
    }
}
