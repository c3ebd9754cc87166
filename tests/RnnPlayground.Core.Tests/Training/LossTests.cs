using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

public class LossTests
{
    [Test]
    public void CrossEntropyWithIgnoreIndexAndClassWeightsMatchesFiniteDifferences()
    {
        var rng = new RandomSource(11);
        int rows = 6, classes = 4;
        float[] logits = GradientCheck.Random(rng, rows * classes, 3f);
        int[] targets = [0, 3, -1, 2, 1, -1];
        var loss = new CrossEntropyLoss(-1, [1f, 2f, 0.5f, 3f]);
        var grad = new float[rows * classes];
        loss.Compute(logits, rows, classes, classes, targets, grad);
        var scratch = new float[rows * classes];
        GradientCheck.Check("logits", logits, grad, () => loss.Compute(logits, rows, classes, classes, targets, scratch), epsilon: 1e-2f);
        for (int c = 0; c < classes; c++)
        {
            Assert.That(grad[2 * classes + c], Is.Zero, "ignored row has no gradient");
        }
    }

    [Test]
    public void CrossEntropyIsTheWeightedMeanOfNegativeLogSoftmax()
    {
        float[] logits = [0f, 0f, 1f, 2f];
        int[] targets = [1, 0];
        var loss = new CrossEntropyLoss(classWeights: [1f, 3f]);
        double expected = (3 * Math.Log(2) + 1 * (Math.Log(Math.Exp(1) + Math.Exp(2)) - 1)) / 4;
        Assert.That(loss.Compute(logits, 2, 2, 2, targets, new float[4]), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void CrossEntropyRefusesATargetOutsideTheClasses()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Compute(new float[6], 2, 3, 3, [0, 3], new float[6]));
        Assert.That(e!.Message, Does.Contain("[0, 3)").And.Contain("row 1"));
        Assert.That(e.ActualValue, Is.EqualTo(3));
    }

    [TestCase(RegressionLossKind.Mse)]
    [TestCase(RegressionLossKind.Huber)]
    public void RegressionLossesMatchFiniteDifferences(RegressionLossKind kind)
    {
        var rng = new RandomSource(12);
        float[] p = GradientCheck.Random(rng, 12, 3f), t = GradientCheck.Random(rng, 12, 3f);
        var loss = new RegressionLoss(kind, delta: 0.7f);
        var grad = new float[12];
        loss.Compute(p, 4, 3, 3, t, grad);
        GradientCheck.Check("predictions", p, grad, () => loss.Compute(p, 4, 3, 3, t, new float[12]), epsilon: 1e-3f);
    }

    [Test]
    public void HuberIsQuadraticInsideDeltaAndLinearOutside()
    {
        var huber = new RegressionLoss(RegressionLossKind.Huber, 1f);
        Assert.That(huber.Compute([0.5f, 3f], 2, 1, 1, [0f, 0f], new float[2]), Is.EqualTo((0.125 + 2.5) / 2).Within(1e-7));
    }

    [Test]
    public void BadLossSettingsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegressionLoss(RegressionLossKind.Huber, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(ignoreIndex: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(classWeights: [1f, -1f]));
    }
}
