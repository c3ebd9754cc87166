using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class SequenceDatasetTests
{
    private static TaskShape Shape(int classes, int values, bool everyStep = false) =>
        new(3, 2, 0, classes, values, everyStep, ["a", "b"], classes > 0 ? ["x", "y"] : [], values == 2 ? ["a", "b"] : values == 1 ? ["v"] : []);

    [Test]
    public void SamplesAreCheckedAgainstTheShapeAsTheyCome()
    {
        var b = new SequenceDatasetBuilder(Shape(2, 0), 2, 1, 1);
        float[] inputs = [1, 2, 3, 4, 5, 6];
        Assert.That(() => b.Set(Split.Train, 0, inputs[..4], [], [0], []), Throws.ArgumentException.With.Message.EqualTo("4 input values where the shape needs 6"));
        Assert.That(() => b.Set(Split.Train, 0, [1, 2, 3, float.NaN, 5, 6], [], [0], []), Throws.ArgumentException.With.Message.StartWith("input at step 2, feature 2 is nan"));
        Assert.That(() => b.Set(Split.Train, 0, inputs, [], [2], []), Throws.ArgumentException.With.Message.StartWith("label is 3, outside 1 … 2"));
        Assert.That(() => b.Set(Split.Train, 0, inputs, [], [-1], []), Throws.ArgumentException, "only per-step labels may be left out");
        b.Set(Split.Train, 0, inputs, [], [1], []);
        Assert.That(() => b.Build(false), Throws.InvalidOperationException.With.Message.EqualTo("sample 2 of the Train split was never set"));
    }

    [Test]
    public void MajorityMeanAndPersistenceAreScoredOnTheSplit()
    {
        var b = new SequenceDatasetBuilder(Shape(0, 2), 2, 1, 1);
        // Test sample: last step (5, 6), targets (7, 4); training targets' means 2 and 3.
        b.Set(Split.Train, 0, [0, 0, 0, 0, 1, 2], [], [], [1, 2]);
        b.Set(Split.Train, 1, [0, 0, 0, 0, 3, 4], [], [], [3, 4]);
        b.Set(Split.Validation, 0, [0, 0, 0, 0, 0, 0], [], [], [0, 0]);
        b.Set(Split.Test, 0, [0, 0, 0, 0, 5, 6], [], [], [7, 4]);
        SequenceDataset data = b.Build(normalize: true);
        var test = data.Baselines(Split.Test).ToDictionary(r => $"{r.Name}_{r.Target}_{r.Metric}", r => r.Value);
        Assert.That(test["mean_a_mae"], Is.EqualTo(5).Within(1e-9));
        Assert.That(test["mean_b_mae"], Is.EqualTo(1).Within(1e-9));
        Assert.That(test["persistence_a_mae"], Is.EqualTo(2).Within(1e-9), "in raw units, though the inputs are normalized");
        Assert.That(test["persistence_b_mae"], Is.EqualTo(2).Within(1e-9));
        Assert.That(data.Normalizer!.Means, Is.EqualTo(new[] { 4.0 / 6, 1.0 }).Within(1e-9));

        var c = new SequenceDatasetBuilder(Shape(2, 0, everyStep: true), 2, 1, 1);
        c.Set(Split.Train, 0, [0, 0, 0, 0, 0, 0], [], [1, 1, -1], []);
        c.Set(Split.Train, 1, [0, 0, 0, 0, 0, 0], [], [1, 0, -1], []);
        c.Set(Split.Validation, 0, [0, 0, 0, 0, 0, 0], [], [0, 0, 0], []);
        c.Set(Split.Test, 0, [0, 0, 0, 0, 0, 0], [], [1, 0, -1], []);
        BaselineResult majority = c.Build(false).Baselines(Split.Test).Single();
        Assert.That((majority.Name, majority.Value), Is.EqualTo(("majority", 0.5)), "class 1 (y) is the training majority; steps without a label do not count");
    }
}
