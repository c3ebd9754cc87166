using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

public class AttentionSnapshotTests
{
    [Test]
    public void WeightsAreTargetRowsBySourceColumns()
    {
        float[] w = [0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f];
        var a = new AttentionSnapshot(w, ["a", "b", "c"], ["c", "<eos>"], "abc", "c", "cb", 12).Validated();
        Assert.That(a.Rows, Is.EqualTo(2));
        Assert.That(a.Columns, Is.EqualTo(3));
        Assert.That(a.WeightAt(1, 2), Is.EqualTo(0.8f));
        Assert.That(a.WeightAt(0, 1), Is.EqualTo(0.2f));
        Assert.That(a.HasAttention && !a.ExactMatch);
        Assert.That(a.Sharpness, Is.EqualTo((0.7 + 0.8) / 2).Within(1e-6), "the mean of each row's largest weight");
        Assert.Throws<ArgumentOutOfRangeException>(() => a.WeightAt(2, 0));
    }

    [Test]
    public void AModelWithoutAttentionStillShowsItsOutput()
    {
        var a = new AttentionSnapshot([], ["x"], ["y", "<eos>"], "x", "y", "y", 3).Validated();
        Assert.That(a.HasAttention, Is.False);
        Assert.That(a.Sharpness, Is.NaN);
        Assert.That(a.ExactMatch);
    }

    [Test]
    public void WeightsThatDoNotMatchTheLabelsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new AttentionSnapshot([1f, 0f], ["a"], ["b", "c", "d"], "a", "bcd", "bcd", 0).Validated())!;
        Assert.That(e.Message, Does.Contain("3 output × 1 source tokens need 3"));
        Assert.Throws<ArgumentException>(() => new AttentionSnapshot([float.NaN], ["a"], ["b"], "a", "b", "b", 0).Validated());
    }
}
