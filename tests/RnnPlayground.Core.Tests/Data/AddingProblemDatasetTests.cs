using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class AddingProblemDatasetTests
{
    [Test]
    public void TargetIsTheSumOfTheTwoMarkedValues()
    {
        var data = new AddingProblemDataset(50, train: 64, validation: 8, test: 8, seed: 2);
        Assert.That(data.Shape.InputFeatures, Is.EqualTo(2));
        var batch = new Batch(data.Shape, 64);
        data.Fill(Split.Train, Enumerable.Range(0, 64).ToArray(), batch);
        for (int b = 0; b < 64; b++)
        {
            var marked = Enumerable.Range(0, 50).Where(t => batch.Inputs[(t * 64 + b) * 2 + 1] == 1f).ToArray();
            Assert.That(marked, Has.Length.EqualTo(2));
            Assert.That(marked[0], Is.LessThan(25));
            Assert.That(marked[1], Is.GreaterThanOrEqualTo(25));
            float sum = marked.Sum(t => batch.Inputs[(t * 64 + b) * 2]);
            Assert.That(batch.Values[b], Is.EqualTo(sum));
            Assert.That(Enumerable.Range(0, 50).All(t => batch.Inputs[(t * 64 + b) * 2] is >= 0 and < 1));
        }
    }

    [Test]
    public void ConstantBaselineIsNearTheTextbookLevel()
    {
        var data = new AddingProblemDataset(20, train: 10, validation: 10, test: 2000, seed: 4);
        double rmse = data.Baselines(Split.Test).Single(r => r.Metric == "rmse").Value;
        Assert.That(rmse * rmse, Is.EqualTo(1.0 / 6).Within(0.02), "variance of the sum of two U(0,1)");
    }

    [Test]
    public void SplitsDifferAndSeedsRepeat()
    {
        var a = new AddingProblemDataset(10, 5, 5, 5, seed: 1);
        var b = new AddingProblemDataset(10, 5, 5, 5, seed: 1);
        var batch = new Batch(a.Shape, 1);
        var other = new Batch(a.Shape, 1);
        a.Fill(Split.Train, [0], batch);
        b.Fill(Split.Train, [0], other);
        Assert.That(batch.Inputs, Is.EqualTo(other.Inputs));
        b.Fill(Split.Test, [0], other);
        Assert.That(batch.Inputs, Is.Not.EqualTo(other.Inputs));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddingProblemDataset(1));
    }

    [Test]
    public void FillAllocatesNothing() => DataTestFiles.AssertFillAllocatesNothing(new AddingProblemDataset(30, 20, 5, 5));
}
