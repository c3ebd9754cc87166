using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class ClassificationMetricsTests
{
    [Test]
    public void ConfusionPrecisionAndRecallByHand()
    {
        var m = new ClassificationMetrics(3);
        // actual → predicted: 0→0, 0→1, 1→1, 1→1, 2→1, 2→2, ignored.
        m.Add([0, 0, 1, 1, 2, 2, -1], [0, 1, 1, 1, 1, 2, 0]);
        Assert.That(m.Count, Is.EqualTo(6));
        Assert.That(m.Accuracy, Is.EqualTo(4.0 / 6));
        Assert.That(m.Confusion(0, 1), Is.EqualTo(1));
        Assert.That(m.Confusion(2, 1), Is.EqualTo(1));
        Assert.That(m.Precision(1), Is.EqualTo(2.0 / 4));
        Assert.That(m.Recall(1), Is.EqualTo(1.0));
        Assert.That(m.Recall(0), Is.EqualTo(0.5));
        Assert.That(m.Precision(0), Is.EqualTo(1.0));
        var confusion = new int[9];
        m.CopyConfusion(confusion);
        Assert.That(confusion, Is.EqualTo(new[] { 1, 1, 0, 0, 2, 0, 0, 1, 1 }));
    }

    [Test]
    public void LogitsAreArgMaxedOverTheClassPartOfEachRow()
    {
        var m = new ClassificationMetrics(2);
        // Rows of width 3: two logits then one value output (ignored).
        m.AddLogits([1, 0, 1], [0.1f, 0.9f, 99f, 2f, -1f, 99f, 0.5f, 0.5f, -99f], 3);
        Assert.That(m.Accuracy, Is.EqualTo(2.0 / 3), "the tie in the last row goes to class 0");
        Assert.That(ClassificationMetrics.ArgMax([1f, 3f, 3f]), Is.EqualTo(1));
    }

    [Test]
    public void ResetAndUndefinedValues()
    {
        var m = new ClassificationMetrics(2);
        Assert.That(m.Accuracy, Is.NaN);
        m.Add(0, 0);
        Assert.That(m.Precision(1), Is.NaN);
        Assert.That(m.Recall(1), Is.NaN);
        m.Reset();
        Assert.That(m.Count, Is.Zero);
        Assert.That(m.Confusion(0, 0), Is.Zero);
    }

    [Test]
    public void AccumulatingAllocatesNothing()
    {
        var m = new ClassificationMetrics(4);
        int[] actual = [0, 1, 2, 3, -1];
        float[] logits = new float[20];
        m.AddLogits(actual, logits, 4);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            m.AddLogits(actual, logits, 4);
            m.Add(actual, actual);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        var m = new ClassificationMetrics(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationMetrics(0));
        Assert.Throws<ArgumentException>(() => m.AddLogits([0, 1], [1f, 2f], 2));
    }
}
