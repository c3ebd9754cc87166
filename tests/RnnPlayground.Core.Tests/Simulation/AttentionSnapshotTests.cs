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

    [Test]
    public void UnrolledStatesAreSourceAndOutputStepsByUnits()
    {
        float[] encoder = [.. Enumerable.Range(0, 3 * 2 * 2).Select(i => i / 10f)];
        var a = new AttentionSnapshot([], ["a", "b", "c"], ["c", "<eos>"], "abc", "c", "c", 1)
        {
            EncoderStates = encoder,
            EncoderUnits = 2,
            EncoderDirections = 2,
            DecoderInitialState = [0.5f, -0.5f, 0f],
            DecoderStates = [1f, 2f, 3f, 4f, 5f, 6f],
            DecoderUnits = 3,
        }.Validated();
        Assert.That(a.HasStates && a.EncoderWidth == 4);
        Assert.That(a.EncoderStateAt(1, 1, 0), Is.EqualTo(encoder[1 * 4 + 2]), "row c: the forward direction's units, then the backward's");
        Assert.That(a.DecoderStateAt(1, 2), Is.EqualTo(6f));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.EncoderStateAt(0, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.DecoderStateAt(2, 0));
        var e = Assert.Throws<ArgumentException>(() => (a with { DecoderStates = [1f, 2f, 3f] }).Validated())!;
        Assert.That(e.Message, Does.Contain("2 output tokens × 3 units need 6"));
        e = Assert.Throws<ArgumentException>(() => (a with { EncoderDirections = 1 }).Validated())!;
        Assert.That(e.Message, Does.Contain("3 source tokens × 1 × 2 units need 6"));
        Assert.Throws<ArgumentException>(() => (a with { DecoderInitialState = null }).Validated());
        Assert.Throws<ArgumentException>(() => (a with { DecoderStates = [1f, 2f, 3f, 4f, float.NaN, 6f] }).Validated());
        Assert.That(new AttentionSnapshot([], ["x"], ["y"], "x", "y", "y", 0).Validated().HasStates, Is.False);
    }
}
