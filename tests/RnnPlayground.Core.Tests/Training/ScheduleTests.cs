using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

public class ScheduleTests
{
    [Test]
    public void StepExponentialCosineAndWarmupFollowTheirFormulas()
    {
        Assert.That(new ConstantSchedule(0.1f).LearningRateAt(1000), Is.EqualTo(0.1f));
        var step = new StepSchedule(1f, every: 10, gamma: 0.5f);
        Assert.That(new[] { step.LearningRateAt(1), step.LearningRateAt(10), step.LearningRateAt(11), step.LearningRateAt(25) },
            Is.EqualTo(new[] { 1f, 1f, 0.5f, 0.25f }));
        Assert.That(new ExponentialSchedule(1f, 0.9f).LearningRateAt(3), Is.EqualTo(0.81f).Within(1e-6));
        var cos = new CosineSchedule(1f, totalSteps: 100, minimumLearningRate: 0.1f);
        Assert.That(cos.LearningRateAt(1), Is.EqualTo(1f).Within(1e-6));
        Assert.That(cos.LearningRateAt(51), Is.EqualTo(0.55f).Within(1e-6));
        Assert.That(cos.LearningRateAt(101), Is.EqualTo(0.1f).Within(1e-6));
        Assert.That(cos.LearningRateAt(500), Is.EqualTo(0.1f).Within(1e-6));
        var warm = new WarmupSchedule(4, new ConstantSchedule(0.8f));
        Assert.That(new[] { warm.LearningRateAt(1), warm.LearningRateAt(2), warm.LearningRateAt(4), warm.LearningRateAt(9) },
            Is.EqualTo(new[] { 0.2f, 0.4f, 0.8f, 0.8f }).Within(1e-6));
    }

    [Test]
    public void ReduceOnPlateauCutsTheRateAfterPatienceRunsOutAndItsStateRoundTrips()
    {
        var plateau = new ReduceOnPlateauSchedule(1f, maximize: false, factor: 0.5f, patience: 2, minimumLearningRate: 0.2f);
        foreach (double v in new[] { 1.0, 0.9, 0.95, 0.95 }) plateau.ReportMetric(v);
        Assert.That(plateau.LearningRateAt(5), Is.EqualTo(1f), "two bad evaluations are within patience");
        plateau.ReportMetric(0.95);
        Assert.That(plateau.LearningRateAt(6), Is.EqualTo(0.5f));
        string state = plateau.SaveState();
        var copy = new ReduceOnPlateauSchedule(1f, maximize: false, factor: 0.5f, patience: 2, minimumLearningRate: 0.2f);
        copy.RestoreState(state);
        foreach (var s in new[] { plateau, copy })
            for (int i = 0; i < 6; i++) s.ReportMetric(2.0);
        Assert.That(copy.LearningRateAt(1), Is.EqualTo(plateau.LearningRateAt(1)));
        Assert.That(plateau.LearningRateAt(1), Is.EqualTo(0.2f), "never below the minimum");
        Assert.Throws<FormatException>(() => copy.RestoreState("nonsense"));
    }

    [Test]
    public void BadScheduleSettingsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0.1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1f, 10, 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(-1f, 0.5f));
    }
}
