using RnnPlayground.Core.Simulation;

namespace RnnPlayground.Core.Tests.Simulation;

public class RunCurveTests
{
    [Test]
    public void ShortRunsKeepEveryValue()
    {
        var curve = new RunCurve(8);
        foreach (float v in new[] { 3f, 1f, 4f, 1f, 5f }) curve.Add(v);
        Assert.That(curve.ToArray(), Is.EqualTo(new[] { 3f, 1f, 4f, 1f, 5f }));
        Assert.That(curve.StepsPerPoint, Is.EqualTo(1));
    }

    [Test]
    public void LongRunsAreMeansOfEqualStretchesWithinTheCapacity()
    {
        var curve = new RunCurve(8);
        for (int i = 1; i <= 100; i++) curve.Add(i);
        float[] points = curve.ToArray();
        Assert.That(curve.StepsPerPoint, Is.EqualTo(16), "8 points of 1, then 2, 4, 8, 16 values each");
        Assert.That(points, Has.Length.LessThanOrEqualTo(8));
        // Point p is the mean of values p·16 + 1 … (p + 1)·16; the last, partly filled one the mean of what it holds.
        for (int p = 0; p < 6; p++) Assert.That(points[p], Is.EqualTo((p * 16) + 8.5f).Within(1e-4f), $"point {p}");
        Assert.That(points, Has.Length.EqualTo(7));
        Assert.That(points[6], Is.EqualTo((97 + 100) / 2f).Within(1e-4f));
        Assert.That(curve.Added, Is.EqualTo(100));
    }

    [Test]
    public void AnOddCapacityIsRefused() =>
        Assert.That(() => new RunCurve(7), Throws.TypeOf<ArgumentOutOfRangeException>());
}
