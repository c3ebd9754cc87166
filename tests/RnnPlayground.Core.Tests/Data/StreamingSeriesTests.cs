using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class StreamingSeriesTests
{
    // Replays x = 0, 1, 2, … and y = 100 + 10·x.
    private static TimeSeriesReplay Counter(int rows = 20, bool loop = false) => new(
        new TimeSeries("counter", ["x", "y"], [Enumerable.Range(0, rows).Select(r => (float)r).ToArray(), Enumerable.Range(0, rows).Select(r => 100f + 10 * r).ToArray()]),
        loop: loop);

    private static readonly ZScoreNormalizer Norm = new(["x", "y"], [1, 100], [2, 10]);

    [Test]
    public void PredictionWindowIsTheLatestLObservations()
    {
        var stream = new StreamingSeries(Counter(), Norm, sequenceLength: 3, horizon: 2, valueTargets: ["y"]);
        var batch = new Batch(stream.Shape, 2);
        for (int i = 0; i < 2; i++) stream.Advance();
        Assert.That(stream.CanPredict, Is.False);
        Assert.Throws<InvalidOperationException>(() => stream.FillPredictionInputs(batch, 0));
        for (int i = 0; i < 4; i++) stream.Advance();    // x = 0 … 5 read
        Assert.That(stream.Count, Is.EqualTo(6));
        Assert.That(stream.Latest.ToArray(), Is.EqualTo(new[] { 5f, 150f }));
        Assert.That(stream.LatestNormalized.ToArray(), Is.EqualTo(new[] { 2f, 5f }));
        stream.FillPredictionInputs(batch, 1);
        // Inputs [T=3, B=2, F=2], slot 1: (x, y) of x = 3, 4, 5, normalized.
        float[] slot1 = [batch.Inputs[2], batch.Inputs[3], batch.Inputs[6], batch.Inputs[7], batch.Inputs[10], batch.Inputs[11]];
        Assert.That(slot1, Is.EqualTo(new[] { 1f, 3f, 1.5f, 4f, 2f, 5f }));
    }

    [Test]
    public void TrainingSampleIsTheWindowThatEndedHorizonStepsAgoAndTheNewestTarget()
    {
        var stream = new StreamingSeries(Counter(), Norm, sequenceLength: 3, horizon: 2, valueTargets: ["y"]);
        var batch = new Batch(stream.Shape, 1);
        for (int i = 0; i < 4; i++) stream.Advance();
        Assert.That(stream.CanTrain, Is.False);
        for (int i = 0; i < 6; i++) stream.Advance();    // x = 0 … 9 read; the ring has wrapped
        stream.FillTrainingSample(batch, 0);
        // Inputs x = 5, 6, 7; target y of x = 9 (190 → 9).
        Assert.That(batch.Inputs.Where((_, i) => i % 2 == 0), Is.EqualTo(new[] { 2f, 2.5f, 3f }));
        Assert.That(batch.Values[0], Is.EqualTo(9f));
        Assert.That(stream.DenormalizeTarget(0, batch.Values[0]), Is.EqualTo(190f));
    }

    [Test]
    public void EndsWithTheSourceOrLoops()
    {
        var stream = new StreamingSeries(Counter(rows: 4), Norm, 2);
        int read = 0;
        while (stream.Advance()) read++;
        Assert.That(read, Is.EqualTo(4));
        var looping = new StreamingSeries(Counter(rows: 4, loop: true), Norm, 2);
        for (int i = 0; i < 6; i++) Assert.That(looping.Advance(), Is.True);
        Assert.That(looping.Latest[0], Is.EqualTo(1f));
    }

    [Test]
    public void LiveSimulatorStreamAllocatesNothing()
    {
        var calibration = new WeatherSimulator(WeatherClimate.Default, 100);
        var normalizer = ZScoreNormalizer.Fit(calibration, 24 * 60);
        Assert.That(normalizer.Names, Is.EqualTo(WeatherObservation.Names));
        Assert.That(normalizer.Means[3], Is.InRange(1000, 1020), "pressure");
        var stream = new StreamingSeries(new WeatherSimulator(WeatherClimate.Default, 1), normalizer, 24, horizon: 1, valueTargets: ["temperature", "precipitation"]);
        var batch = new Batch(stream.Shape, 1);
        for (int i = 0; i < 30; i++) stream.Advance();
        stream.FillPredictionInputs(batch, 0);
        stream.FillTrainingSample(batch, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            stream.Advance();
            stream.FillPredictionInputs(batch, 0);
            stream.FillTrainingSample(batch, 0);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(batch.Inputs.Take(24 * 5).All(float.IsFinite));
    }

    [Test]
    public void MismatchesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new StreamingSeries(Counter(), new ZScoreNormalizer(["y", "x"], [0, 0], [1, 1]), 2));
        Assert.Throws<ArgumentException>(() => new StreamingSeries(Counter(), Norm, 2, valueTargets: ["z"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingSeries(Counter(), Norm, 0));
        var stream = new StreamingSeries(Counter(), Norm, 2);
        for (int i = 0; i < 5; i++) stream.Advance();
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.FillPredictionInputs(new Batch(stream.Shape, 1), 1));
        Assert.Throws<ArgumentException>(() => stream.FillPredictionInputs(new Batch(stream.Shape with { SequenceLength = 3 }, 1), 0));
    }
}
