using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

/// <summary>
/// The vectorized optimizer updates and losses against their rules computed element by element in
/// double, on sizes that use every lane width and the single-float end.
/// </summary>
public class VectorizedUpdateTests
{
    private static ParameterStore Store(int n, RandomSource rng)
    {
        var s = new ParameterStore();
        s.Declare("w", n);
        s.Seal();
        rng.FillUniform(s.Values, -1f, 1f);
        return s;
    }

    [Test]
    public void AdamAndAdamWFollowTheRuleOnEveryElement([Values(1, 7, 16, 37, 101)] int n, [Values] bool decoupled)
    {
        var rng = new RandomSource((ulong)n);
        ParameterStore s = Store(n, rng);
        var adam = new Adam(s, 0.01f, weightDecay: 0.1f, decoupled: decoupled);
        double[] p = [.. s.Values.Select(v => (double)v)], m = new double[n], v = new double[n];
        for (int step = 1; step <= 3; step++)
        {
            rng.FillUniform(s.Gradients, -2f, 2f);
            float[] g = (float[])s.Gradients.Clone();
            adam.Step();
            double bc1 = 1 - Math.Pow(0.9, step), bc2 = 1 - Math.Pow(0.999, step);
            for (int i = 0; i < n; i++)
            {
                double pi = decoupled ? p[i] * (1 - 0.01 * 0.1) : p[i];
                double gi = g[i] + (decoupled ? 0 : 0.1 * pi);
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                p[i] = pi - 0.01 / bc1 * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(bc2) + 1e-8);
                Assert.That(s.Values[i], Is.EqualTo(p[i]).Within(1e-5), $"step {step}, element {i}");
            }
        }
    }

    [Test]
    public void SgdWithMomentumFollowsTheRuleOnEveryElement([Values(1, 7, 16, 37, 101)] int n, [Values] bool nesterov)
    {
        var rng = new RandomSource(50 + (ulong)n);
        ParameterStore s = Store(n, rng);
        var sgd = new Sgd(s, 0.05f, momentum: 0.8f, nesterov: nesterov, weightDecay: 0.01f);
        double[] p = [.. s.Values.Select(v => (double)v)], b = new double[n];
        for (int step = 1; step <= 3; step++)
        {
            rng.FillUniform(s.Gradients, -2f, 2f);
            float[] g = (float[])s.Gradients.Clone();
            sgd.Step();
            for (int i = 0; i < n; i++)
            {
                double d = g[i] + 0.01 * p[i];
                b[i] = step == 1 ? d : 0.8 * b[i] + d;
                p[i] -= 0.05 * (nesterov ? d + 0.8 * b[i] : b[i]);
                Assert.That(s.Values[i], Is.EqualTo(p[i]).Within(1e-6), $"step {step}, element {i}");
            }
        }
    }

    [Test]
    public void ClippingScalesOrClampsEveryElement([Values(5, 37)] int n)
    {
        var rng = new RandomSource(90 + (ulong)n);
        ParameterStore s = Store(n, rng);
        rng.FillUniform(s.Gradients, -3f, 3f);
        float[] g = (float[])s.Gradients.Clone();
        double norm = Math.Sqrt(g.Sum(x => (double)x * x));
        Assert.That(GradientClipping.ClipByNorm(s, 0.5), Is.EqualTo(norm).Within(1e-9 * norm));
        for (int i = 0; i < n; i++) Assert.That(s.Gradients[i], Is.EqualTo(g[i] * 0.5 / (norm + 1e-6)).Within(1e-6));
        g.CopyTo(s.Gradients, 0);
        GradientClipping.ClipByValue(s, 1f);
        for (int i = 0; i < n; i++) Assert.That(s.Gradients[i], Is.EqualTo(Math.Clamp(g[i], -1f, 1f)));
    }

    [Test]
    public void CrossEntropyOverManyClassesMatchesLogSoftmaxInDouble([Values(2, 17, 65)] int classes, [Values] bool inPlace)
    {
        const int rows = 9;
        int stride = classes + 1;
        var rng = new RandomSource(70 + (ulong)classes);
        float[] logits = GradientCheck.Random(rng, rows * stride, 6f);
        int[] targets = [.. Enumerable.Range(0, rows).Select(r => r == 4 ? -1 : rng.NextInt(classes))];
        double expectedLoss = 0;
        var expected = new double[rows * stride];
        for (int r = 0; r < rows; r++)
        {
            if (targets[r] < 0) continue;
            double max = Enumerable.Range(0, classes).Max(c => (double)logits[r * stride + c]);
            double sum = Enumerable.Range(0, classes).Sum(c => Math.Exp(logits[r * stride + c] - max));
            expectedLoss += Math.Log(sum) + max - logits[r * stride + targets[r]];
            for (int c = 0; c < classes; c++)
                expected[r * stride + c] = (Math.Exp(logits[r * stride + c] - max) / sum - (c == targets[r] ? 1 : 0)) / (rows - 1);
        }
        expectedLoss /= rows - 1;
        float[] gradient = inPlace ? logits : new float[rows * stride];
        double loss = new CrossEntropyLoss().Compute(logits, rows, classes, stride, targets, gradient);
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-6 * expectedLoss));
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < classes; c++)
                Assert.That(gradient[r * stride + c], Is.EqualTo(expected[r * stride + c]).Within(1e-7), $"row {r}, class {c}");
    }
}
