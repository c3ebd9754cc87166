using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class SineMixtureDatasetTests
{
    [Test]
    public void TargetIsTheNextValueOfTheSameMixture()
    {
        var data = new SineMixtureDataset(20, components: 1, train: 5, validation: 2, test: 2, seed: 3);
        var batch = new Batch(data.Shape, 1);
        for (int i = 0; i < 5; i++)
        {
            data.Fill(Split.Train, [i], batch);
            // One sine: x_{t+1} = 2·cos(ω)·x_t − x_{t−1} for every t, so the target follows from the last two inputs.
            float[] x = batch.Inputs.Take(20).ToArray();
            double twoCos = (x[2] + x[0]) / x[1];
            Assert.That(x[10], Is.EqualTo(twoCos * x[9] - x[8]).Within(1e-4));
            Assert.That(batch.Values[0], Is.EqualTo(twoCos * x[19] - x[18]).Within(1e-4));
        }
    }

    [Test]
    public void EveryStepTargetsAreTheShiftedInputs()
    {
        var data = new SineMixtureDataset(10, train: 3, validation: 1, test: 1, targetEveryStep: true);
        var batch = new Batch(data.Shape, 3);
        data.Fill(Split.Train, [0, 1, 2], batch);
        for (int t = 0; t + 1 < 10; t++)
            for (int b = 0; b < 3; b++)
                Assert.That(batch.Values[t * 3 + b], Is.EqualTo(batch.Inputs[(t + 1) * 3 + b]));
    }

    [Test]
    public void FixedPerSeedAndBaselines()
    {
        var a = new SineMixtureDataset(16, seed: 5, train: 50, validation: 10, test: 10);
        var b = new SineMixtureDataset(16, seed: 5, train: 50, validation: 10, test: 10);
        var batchA = new Batch(a.Shape, 10);
        var batchB = new Batch(b.Shape, 10);
        int[] all = Enumerable.Range(0, 10).ToArray();
        a.Fill(Split.Test, all, batchA);
        b.Fill(Split.Test, all, batchB);
        Assert.That(batchA.Inputs, Is.EqualTo(batchB.Inputs));
        var persistence = new RegressionMetrics();
        for (int s = 0; s < 10; s++) persistence.Add(batchA.Values[s], batchA.Inputs[15 * 10 + s]);
        var baselines = a.Baselines(Split.Test);
        Assert.That(baselines.Single(r => r.Name == "persistence" && r.Metric == "mae").Value, Is.EqualTo(persistence.MeanAbsoluteError).Within(1e-12));
        Assert.That(baselines.Single(r => r.Name == "zero" && r.Metric == "mae").Value, Is.GreaterThan(0));
    }

    [Test]
    public void FillAllocatesNothing() => DataTestFiles.AssertFillAllocatesNothing(new SineMixtureDataset(12, train: 20, validation: 5, test: 5));
}
