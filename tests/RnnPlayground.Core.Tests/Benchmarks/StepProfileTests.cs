using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Benchmarks;

/// <summary>The per-phase profile of training steps (<c>rnnplay bench --profile</c>): on when enabled, silent when not.</summary>
public class StepProfileTests
{
    private static readonly StepPhase[] Phases = Enum.GetValues<StepPhase>();

    [TearDown]
    public void TurnOff() => StepProfile.Enabled = false;

    /// <summary>Times one step of <paramref name="id"/> with the profile on; every phase in <paramref name="timed"/> took time, the others none, and all fit in the step's time.</summary>
    private static void AssertPhasesTimed(string id, Func<StepPhase, bool> timed)
    {
        BenchmarkWorkload workload = BenchmarkWorkload.Create(id);
        StepProfile.Enabled = true;
        BenchmarkResult result = BenchmarkRunner.Run(workload, minSeconds: 0, warmUpSteps: 1);
        double sum = 0;
        foreach (StepPhase phase in Phases)
        {
            if (timed(phase)) Assert.That(StepProfile.Total(phase), Is.GreaterThan(TimeSpan.Zero), phase.ToString());
            else Assert.That(StepProfile.Total(phase), Is.EqualTo(TimeSpan.Zero), $"{id} has no {phase}");
            sum += StepProfile.Total(phase).TotalSeconds;
        }
        Assert.That(sum, Is.LessThanOrEqualTo(result.Seconds), "the phases do not overlap");
        Assert.That(result.CpuSeconds, Is.GreaterThan(0));
    }

    /// <summary>elman-long clips, so every phase of a training step runs; it has no seq2seq decoder.</summary>
    [Test]
    public void EnabledItTimesEveryPhaseOfATrainingStepWithinTheStepsTime() =>
        AssertPhasesTimed("elman-long", p => p is not (StepPhase.Attention or StepPhase.DecoderCell));

    /// <summary>seq2seq-attn's decoder has its attention and cell timed too; it does not clip.</summary>
    [Test]
    public void ASeq2SeqStepTimesItsDecodersAttentionAndCellToo() => AssertPhasesTimed("seq2seq-attn", p => p != StepPhase.Clipping);

    [Test]
    public void DisabledItRecordsNothing()
    {
        BenchmarkWorkload workload = BenchmarkWorkload.Create("weather-lstm-small");
        StepProfile.Enabled = false;
        BenchmarkRunner.Run(workload, minSeconds: 0, warmUpSteps: 1);
        foreach (StepPhase phase in Phases) Assert.That(StepProfile.Total(phase), Is.EqualTo(TimeSpan.Zero), phase.ToString());
    }
}
