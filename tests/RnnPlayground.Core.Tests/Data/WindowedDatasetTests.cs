using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class WindowedDatasetTests
{
    // Ten rows: a = r, b = 10·r, labels as below, day of year r mod 5 in a 5-day year.
    private static readonly int[] TinyLabels = [0, 0, 1, 1, 0, 1, 1, 1, 0, 0];

    private static TimeSeries Tiny(int changedRow = 0, float changedA = 0f)
    {
        var a = Enumerable.Range(0, 10).Select(r => (float)r).ToArray();
        a[changedRow] = changedA;
        var b = Enumerable.Range(0, 10).Select(r => 10f * r).ToArray();
        return new TimeSeries("tiny", ["a", "b"], [a, b], "sky", TinyLabels, new LabelEncoding(["dry", "wet"]),
            dayOfYear: Enumerable.Range(0, 10).Select(r => r % 5).ToArray(), yearLength: 5);
    }

    private static readonly WindowOptions TinyOptions = new()
    {
        Features = ["a"],
        SequenceLength = 3,
        ClassTarget = true,
        ValueTargets = ["b"],
        TrainFraction = 0.5,
        ValidationFraction = 0.25,
        ClimatologyHalfWindow = 0,
    };

    [Test]
    public void SplitsSamplesAndFitsOnTrainingInputRows()
    {
        var data = new WindowedDataset(Tiny(), TinyOptions);
        // Last input rows 2…8 (target row ≤ 9): 7 samples → 3 / 1 / 3.
        Assert.That(data.SplitSizes, Is.EqualTo(new ChronologicalSplit(3, 1, 3)));
        Assert.That(data.TrainingInputRows, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(data.FeatureNormalizer.Means[0], Is.EqualTo(2.0));
        Assert.That(data.FeatureNormalizer.Stds[0], Is.EqualTo(Math.Sqrt(2.0)).Within(1e-15));
        Assert.That(data.TargetNormalizer!.Means[0], Is.EqualTo(40.0), "targets: b at rows 3, 4, 5");
        Assert.That(data.TargetNormalizer.Stds[0], Is.EqualTo(Math.Sqrt(200.0 / 3)).Within(1e-12));
        Assert.That(data.Shape, Is.EqualTo(data.Shape with { SequenceLength = 3, InputFeatures = 1, NumClasses = 2, NumValues = 1, TargetEveryStep = false }));
        Assert.That(data.Shape.OutputWidth, Is.EqualTo(3));
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "dry", "wet" }));
    }

    [Test]
    public void FillWritesTimeMajorWindowsAndTheirTargets()
    {
        var data = new WindowedDataset(Tiny(), TinyOptions);
        var batch = new Batch(data.Shape, 4);
        data.Fill(Split.Test, [2, 0], batch);      // test samples 2 and 0: last input rows 8 and 6
        Assert.That(batch.Size, Is.EqualTo(2));
        float Z(float a) => (float)((a - 2.0) / Math.Sqrt(2.0));
        // [T=3, B=2, F=1]: step t holds rows 6+t (sample 2) and 4+t (sample 0).
        Assert.That(batch.Inputs.Take(6), Is.EqualTo(new[] { Z(6), Z(4), Z(7), Z(5), Z(8), Z(6) }));
        Assert.That(batch.Classes.Take(2), Is.EqualTo(new[] { TinyLabels[9], TinyLabels[7] }));
        Assert.That(batch.Values.Take(2), Is.EqualTo(new[] { (float)((90 - 40) / Math.Sqrt(200.0 / 3)), (float)((70 - 40) / Math.Sqrt(200.0 / 3)) }));
        Assert.That(data.DenormalizeValue(0, batch.Values[0]), Is.EqualTo(90f).Within(1e-4));
        Assert.That(data.LastInputRow(Split.Test, 2), Is.EqualTo(8));
        Assert.That(data.TargetRow(Split.Validation, 0), Is.EqualTo(6));
    }

    [Test]
    public void TestDataDoesNotLeakIntoTheStatistics()
    {
        var original = new WindowedDataset(Tiny(), TinyOptions);
        var changedTest = new WindowedDataset(Tiny(changedRow: 8, changedA: 1000f), TinyOptions);   // row 8: test inputs only
        Assert.That(changedTest.FeatureNormalizer.Means, Is.EqualTo(original.FeatureNormalizer.Means));
        Assert.That(changedTest.FeatureNormalizer.Stds, Is.EqualTo(original.FeatureNormalizer.Stds));
        // The same change in a training input row does move them, so the check above can fail.
        var trainOnly = TinyOptions with { TrainFraction = 1.0, ValidationFraction = 0 };
        Assert.That(new WindowedDataset(Tiny(changedRow: 8, changedA: 1000f), trainOnly).FeatureNormalizer.Means[0],
            Is.Not.EqualTo(new WindowedDataset(Tiny(), trainOnly).FeatureNormalizer.Means[0]));
    }

    [Test]
    public void BaselinesByHand()
    {
        var data = new WindowedDataset(Tiny(), TinyOptions);
        var b = data.Baselines(Split.Test).ToDictionary(r => $"{r.Name}/{r.Target}/{r.Metric}", r => r.Value);
        // Test targets rows 7, 8, 9: labels 1, 0, 0; b 70, 80, 90. Last input rows 6, 7, 8: labels 1, 1, 0.
        Assert.That(b["persistence/sky/accuracy"], Is.EqualTo(2.0 / 3));
        Assert.That(b["majority/sky/accuracy"], Is.EqualTo(1.0 / 3), "training targets 1, 0, 1 → wet");
        // Climatology (half window 0): training targets by day of year 3→wet, 4→dry, 0→wet; test days 2 (none: majority), 3, 4.
        Assert.That(b["climatology/sky/accuracy"], Is.EqualTo(2.0 / 3));
        Assert.That(b["persistence/b/mae"], Is.EqualTo(10.0));
        Assert.That(b["persistence/b/rmse"], Is.EqualTo(10.0));
        Assert.That(b["mean/b/mae"], Is.EqualTo(40.0));
        Assert.That(b["mean/b/rmse"], Is.EqualTo(Math.Sqrt(5000.0 / 3)).Within(1e-12));
        // Climatology: day 2 → training mean 40, day 3 → 30, day 4 → 40; errors 30, 50, 50.
        Assert.That(b["climatology/b/mae"], Is.EqualTo(130.0 / 3).Within(1e-12));
        Assert.That(data.Baselines(Split.Test).All(r => r.Samples == 3));
    }

    [Test]
    public void MajorityTakesTheLowerClassOnATieAndClimatologyPoolsNeighbouringDays()
    {
        // Training targets rows 3, 4 with labels 1, 0 → tie → class 0.
        var options = TinyOptions with { TrainFraction = 2.0 / 7, ValidationFraction = 0, ClimatologyHalfWindow = 1 };
        var data = new WindowedDataset(Tiny(), options);
        Assert.That(data.SplitSizes.Train, Is.EqualTo(2));
        var b = data.Baselines(Split.Test).ToDictionary(r => $"{r.Name}/{r.Target}/{r.Metric}", r => r.Value);
        // Test targets rows 5…9: labels 1, 1, 1, 0, 0 → majority dry scores 2/5.
        Assert.That(b["majority/sky/accuracy"], Is.EqualTo(2.0 / 5));
        // Climatology of b, ±1 day: training targets day 3 → 30, day 4 → 40. Test rows 5…9 are days 0…4:
        // day 0 pools 4,0,1 → 40; day 1 pools 0,1,2 → none → mean 35; day 2 pools 1,2,3 → 30; day 3 → 35; day 4 → 35.
        double expected = (Math.Abs(50 - 40) + Math.Abs(60 - 35) + Math.Abs(70 - 30) + Math.Abs(80 - 35) + Math.Abs(90 - 35)) / 5.0;
        Assert.That(b["climatology/b/mae"], Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void StrideAndHorizon()
    {
        var options = TinyOptions with { SequenceLength = 2, Horizon = 2, Stride = 3, TrainFraction = 1.0 / 3, ValidationFraction = 1.0 / 3 };
        var data = new WindowedDataset(Tiny(), options);
        // Last input rows 1, 4, 7 (7 + 2 = 9 is the last row).
        Assert.That(data.SplitSizes, Is.EqualTo(new ChronologicalSplit(1, 1, 1)));
        Assert.That(new[] { data.LastInputRow(Split.Train, 0), data.LastInputRow(Split.Validation, 0), data.LastInputRow(Split.Test, 0) }, Is.EqualTo(new[] { 1, 4, 7 }));
        Assert.That(data.TargetRow(Split.Test, 0), Is.EqualTo(9));
        Assert.That(data.TrainingInputRows, Is.EqualTo(new[] { 0, 1 }));
        var batch = new Batch(data.Shape, 1);
        data.Fill(Split.Validation, [0], batch);
        Assert.That(batch.Classes[0], Is.EqualTo(TinyLabels[6]));
    }

    [Test]
    public void RestoredNormalizersAreUsedAsGiven()
    {
        var fitted = new WindowedDataset(Tiny(), TinyOptions);
        var other = new WindowedDataset(Tiny(changedRow: 9, changedA: 50f), TinyOptions with { TrainFraction = 0.9, ValidationFraction = 0.05 },
            ZScoreNormalizer.FromJson(fitted.FeatureNormalizer.ToJson()), fitted.TargetNormalizer);
        Assert.That(other.FeatureNormalizer.Means, Is.EqualTo(fitted.FeatureNormalizer.Means));
        Assert.Throws<ArgumentException>(() => new WindowedDataset(Tiny(), TinyOptions, new ZScoreNormalizer(["b"], [0], [1])));
    }

    [Test]
    public void RawValueTargetsWhenNotNormalized()
    {
        var data = new WindowedDataset(Tiny(), TinyOptions with { NormalizeValueTargets = false });
        Assert.That(data.TargetNormalizer, Is.Null);
        var batch = new Batch(data.Shape, 1);
        data.Fill(Split.Train, [0], batch);
        Assert.That(batch.Values[0], Is.EqualTo(30f));
    }

    [Test]
    public void BadOptionsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new WindowedDataset(Tiny(), TinyOptions with { Features = ["a", "c"] }))!;
        Assert.That(e.Message, Does.Contain("no column 'c'; available: a, b"));
        Assert.Throws<ArgumentException>(() => new WindowedDataset(Tiny(), TinyOptions with { ClassTarget = false, ValueTargets = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowedDataset(Tiny(), TinyOptions with { SequenceLength = 0 }));
        Assert.Throws<ArgumentException>(() => new WindowedDataset(Tiny(), TinyOptions with { SequenceLength = 9 }));
        var unlabelled = new TimeSeries("u", ["a"], [new float[10]]);
        Assert.Throws<ArgumentException>(() => new WindowedDataset(unlabelled, TinyOptions with { ValueTargets = [] }));
    }

    [Test]
    public void FillChecksItsArguments()
    {
        var data = new WindowedDataset(Tiny(), TinyOptions);
        var batch = new Batch(data.Shape, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Fill(Split.Validation, [1], batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Fill(Split.Train, [0, 1, 2], batch));
        Assert.Throws<ArgumentException>(() => data.Fill(Split.Train, [0], new Batch(data.Shape with { SequenceLength = 4 }, 2)));
    }

    [Test]
    public void FillAllocatesNothing() => DataTestFiles.AssertFillAllocatesNothing(new WindowedDataset(Tiny(), TinyOptions), batchSize: 2);
}
