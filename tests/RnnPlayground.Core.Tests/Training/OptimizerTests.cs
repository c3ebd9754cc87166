using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

/// <summary>Optimizer updates against the textbook rules computed by hand in double.</summary>
public class OptimizerTests
{
    private static ParameterStore Store(float[] values, float[] grads)
    {
        var s = new ParameterStore();
        s.Declare("w", values.Length);
        s.Seal();
        values.CopyTo(s.Values, 0);
        grads.CopyTo(s.Gradients, 0);
        return s;
    }

    [Test]
    public void SgdWithNesterovAndWeightDecay()
    {
        var s = Store([1f, -2f], [0.5f, 0.25f]);
        var sgd = new Sgd(s, 0.1f, momentum: 0.9f, nesterov: true, weightDecay: 0.01f);
        sgd.Step();
        // d = g + λp; b = d; step d + μb
        double d0 = 0.5 + 0.01 * 1, p0 = 1 - 0.1 * (d0 + 0.9 * d0);
        Assert.That(s.Values[0], Is.EqualTo(p0).Within(1e-6));
        sgd.Step();
        double d1 = 0.5 + 0.01 * p0, b1 = 0.9 * d0 + d1, p1 = p0 - 0.1 * (d1 + 0.9 * b1);
        Assert.That(s.Values[0], Is.EqualTo(p1).Within(1e-6));
    }

    [Test]
    public void AdamWDecaysWeightsBeforeTheAdamStep()
    {
        var s = Store([1f], [0.5f]);
        var adamw = Adam.W(s, 0.01f, weightDecay: 0.1f);
        adamw.Step();
        double p = 1 * (1 - 0.01 * 0.1);
        double m = 0.1 * 0.5, v = 0.001 * 0.25;
        p -= 0.01 / 0.1 * m / (Math.Sqrt(v) / Math.Sqrt(0.001) + 1e-8);
        Assert.That(s.Values[0], Is.EqualTo(p).Within(1e-6));
        Assert.That(adamw.Kind, Is.EqualTo("adamw"));
    }

    [Test]
    public void RmsPropCenteredWithMomentum()
    {
        var s = Store([2f], [1f]);
        var opt = new RmsProp(s, 0.01f, alpha: 0.9f, momentum: 0.5f, centered: true);
        opt.Step();
        double sq = 0.1, ga = 0.1, avg = Math.Sqrt(sq - ga * ga) + 1e-8, b = 1 / avg;
        double p = 2 - 0.01 * b;
        Assert.That(s.Values[0], Is.EqualTo(p).Within(1e-5));
        s.Gradients[0] = -1f;
        opt.Step();
        sq = 0.9 * sq + 0.1; ga = 0.9 * ga - 0.1; avg = Math.Sqrt(sq - ga * ga) + 1e-8; b = 0.5 * b - 1 / avg;
        p -= 0.01 * b;
        Assert.That(s.Values[0], Is.EqualTo(p).Within(1e-5));
    }

    [TestCase(0f)]
    [TestCase(-1e-3f)]
    [TestCase(float.NaN)]
    public void LearningRateMustBePositive(float lr)
    {
        var s = Store([1f], [1f]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(s, lr));
        Assert.That(e!.ActualValue, Is.EqualTo(lr));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(s, lr));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(s, lr));
    }

    [Test]
    public void NesterovNeedsMomentum() =>
        Assert.Throws<ArgumentException>(() => new Sgd(Store([1f], [1f]), 0.1f, nesterov: true));
}
