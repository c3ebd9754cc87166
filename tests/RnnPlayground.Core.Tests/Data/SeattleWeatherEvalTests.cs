using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>The weather-eval protocol's Seattle configuration, as computed by the libtorch peer.</summary>
public class SeattleWeatherEvalTests
{
    private static WindowedDataset Protocol() => new(
        CsvTimeSeries.Load(DataTestFiles.SeattleCsv, DataTestFiles.SeattleOptions),
        new WindowOptions { Features = DataTestFiles.SeattleFeatures, SequenceLength = 14, ClassTarget = true });

    [Test]
    public void SampleCountsAre1012_217_218()
    {
        var data = Protocol();
        Assert.That(new[] { data.Count(Split.Train), data.Count(Split.Validation), data.Count(Split.Test) }, Is.EqualTo(new[] { 1012, 217, 218 }));
        Assert.That(data.Shape.InputFeatures, Is.EqualTo(4));
        Assert.That(data.Shape.SequenceLength, Is.EqualTo(14));
        Assert.That(data.TargetRow(Split.Test, 217), Is.EqualTo(1460));
    }

    [Test]
    public void NormalizationUsesTheFirst1025Days()
    {
        var data = Protocol();
        Assert.That(data.TrainingInputRows, Is.EqualTo(Enumerable.Range(0, 1025)));
        // Mean and population std of the first 1025 rows (float values summed in double), computed independently.
        double[] means = [2.8608780299163445, 16.450243915115916, 8.22985364681337, 3.2333658506521363];
        double[] stds = [6.1846750582267775, 7.397766509270607, 5.051819917734558, 1.451861348223452];
        Assert.That(data.FeatureNormalizer.Names, Is.EqualTo(DataTestFiles.SeattleFeatures));
        for (int f = 0; f < 4; f++)
        {
            Assert.That(data.FeatureNormalizer.Means[f], Is.EqualTo(means[f]).Within(1e-12));
            Assert.That(data.FeatureNormalizer.Stds[f], Is.EqualTo(stds[f]).Within(1e-12));
        }
    }

    [Test]
    public void PersistenceIs70Point6AndMajority39Point9OnTheTestSplit()
    {
        var baselines = Protocol().Baselines(Split.Test);
        double Get(string name) => baselines.Single(b => b.Name == name && b.Metric == "accuracy").Value;
        Assert.That(Get("persistence"), Is.EqualTo(154.0 / 218), "0.706422 as the peer prints");
        Assert.That(Get("majority"), Is.EqualTo(87.0 / 218), "0.399083: training is mostly wet, the test mostly dry");
        Assert.That(Math.Round(Get("persistence"), 6), Is.EqualTo(0.706422));
        Assert.That(Math.Round(Get("majority"), 6), Is.EqualTo(0.399083));
    }

    [Test]
    public void FillAllocatesNothing() => DataTestFiles.AssertFillAllocatesNothing(Protocol(), batchSize: 32);
}
