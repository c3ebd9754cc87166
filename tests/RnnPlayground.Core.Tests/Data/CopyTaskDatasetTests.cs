using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CopyTaskDatasetTests
{
    [Test]
    public void RecallStepsRepeatTheSymbolsAndOtherStepsAreIgnored()
    {
        var data = new CopyTaskDataset(symbols: 6, length: 4, delay: 7, train: 16, validation: 4, test: 4, seed: 8);
        Assert.That(data.Shape.SequenceLength, Is.EqualTo(2 * 4 + 7 + 1));
        Assert.That(data.Shape.VocabularySize, Is.EqualTo(8));
        Assert.That(data.Shape.NumClasses, Is.EqualTo(6));
        int t = data.Shape.SequenceLength, n = 16;
        var batch = new Batch(data.Shape, n);
        data.Fill(Split.Train, Enumerable.Range(0, n).ToArray(), batch);
        for (int b = 0; b < n; b++)
        {
            int[] tokens = Enumerable.Range(0, t).Select(s => batch.Tokens[s * n + b]).ToArray();
            int[] targets = Enumerable.Range(0, t).Select(s => batch.Classes[s * n + b]).ToArray();
            Assert.That(tokens.Take(4), Is.All.InRange(0, 5));
            Assert.That(tokens.Skip(4).Take(7), Is.All.EqualTo(data.Blank));
            Assert.That(tokens[data.GoStep], Is.EqualTo(data.Go));
            Assert.That(tokens.Skip(data.FirstRecallStep), Is.All.EqualTo(data.Blank));
            Assert.That(targets.Take(data.FirstRecallStep), Is.All.EqualTo(-1));
            Assert.That(targets.Skip(data.FirstRecallStep), Is.EqualTo(tokens.Take(4)));
        }
    }

    [Test]
    public void MajorityBaselineIsAboutOneOverTheAlphabet()
    {
        var data = new CopyTaskDataset(symbols: 4, length: 5, delay: 0, train: 400, validation: 10, test: 400);
        var baseline = data.Baselines(Split.Test).Single();
        Assert.That(baseline.Value, Is.EqualTo(0.25).Within(0.04));
        Assert.That(baseline.Metric, Is.EqualTo("accuracy"));
    }

    [Test]
    public void FillAllocatesNothing() => DataTestFiles.AssertFillAllocatesNothing(new CopyTaskDataset(train: 20, validation: 5, test: 5));
}
