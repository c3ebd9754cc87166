using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Layers;

namespace RnnPlayground.Core.Tests.Benchmarks;

/// <summary>The standard workloads build and run (a few steps each, no timing assertions).</summary>
public class BenchmarkWorkloadTests
{
    [TestCaseSource(typeof(BenchmarkWorkload), nameof(BenchmarkWorkload.Ids))]
    public void EveryWorkloadRunsAndReportsItsFigures(string id)
    {
        BenchmarkWorkload workload = BenchmarkWorkload.Create(id);
        Assert.That(workload.Id, Is.EqualTo(id));
        BenchmarkResult result = BenchmarkRunner.Run(workload, minSeconds: 0, warmUpSteps: 1);
        Assert.That(result.Workload, Is.EqualTo(id));
        Assert.That(result.Steps, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.StepsPerSecond, Is.GreaterThan(0));
        Assert.That(result.TokensPerSecond.HasValue, Is.EqualTo(id == "char-lstm-medium"), "tokens/s only for the character model");
        if (workload is TrainingWorkload training) Assert.That(double.IsFinite(training.LastLoss), Is.True, "loss of the last step");
        if (workload is StreamingWorkload streaming) Assert.That(float.IsFinite(streaming.LastOutput), Is.True);
    }

    [Test]
    public void TheWorkloadsHaveTheSpecifiedShapes()
    {
        var weather = (TrainingWorkload)BenchmarkWorkload.Create("weather-lstm-small");
        Assert.That(weather.Model.RecurrentLayers[0], Is.TypeOf<Lstm>());
        Assert.That(weather.Trainer.CurrentBatch.Capacity, Is.EqualTo(32));
        Assert.That(weather.Model.Parameters.Count, Is.EqualTo(4 * 32 * (4 + 32 + 2) + 2 * 32 + 2));
        var chars = (TrainingWorkload)BenchmarkWorkload.Create("char-lstm-medium");
        Assert.That(chars.TokensPerStep, Is.EqualTo(64 * 32));
        Assert.That(chars.Model.RecurrentLayers[0].NumLayers, Is.EqualTo(2));
        Assert.That(chars.Trainer.Optimizer.Kind, Is.EqualTo("adam"));
        var gru = (TrainingWorkload)BenchmarkWorkload.Create("gru-large");
        Assert.That(gru.Model.RecurrentLayers[0], Is.TypeOf<Gru>());
        Assert.That(gru.Trainer.Optimizer.Kind, Is.EqualTo("sgd"));
        var elman = (TrainingWorkload)BenchmarkWorkload.Create("elman-long");
        Assert.That(elman.Model.RecurrentLayers[0].Kind, Is.EqualTo("rnn_tanh"));
        Assert.That(elman.Trainer.Options.ClipNorm, Is.EqualTo(1.0));
        Assert.That(elman.Trainer.Data.Shape.SequenceLength, Is.EqualTo(256));
    }

    [Test]
    public void TrainingOnTheFixedBatchLowersItsLoss()
    {
        var workload = (TrainingWorkload)BenchmarkWorkload.Create("weather-lstm-small");
        workload.Step();
        double first = workload.LastLoss;
        for (int i = 0; i < 100; i++) workload.Step();
        Assert.That(workload.LastLoss, Is.LessThan(first));
    }

    [TestCase("weather-lstm-small")]
    [TestCase("elman-long")]
    [TestCase("stream-infer")]
    public void StepsAllocateNothingAfterWarmUp(string id)
    {
        BenchmarkResult result = BenchmarkRunner.Run(BenchmarkWorkload.Create(id), minSeconds: 0, warmUpSteps: 3);
        Assert.That(result.AllocatedBytesPerStep, Is.Zero);
    }

    [Test]
    public void AnUnknownWorkloadIsNamedWithTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchmarkWorkload.Create("lstm-huge"))!;
        Assert.That(e.Message, Does.Contain("lstm-huge").And.Contain("weather-lstm-small"));
        Assert.That(e.ParamName, Is.EqualTo("id"));
    }

    [Test]
    public void TheSgemmFigureIsPositive()
    {
        (double gflops, double milliseconds) = GemmBenchmark.Run(64, 2);
        Assert.That(gflops, Is.GreaterThan(0));
        Assert.That(milliseconds, Is.GreaterThan(0));
    }

    [Test]
    public void RunnerArgumentsAreChecked()
    {
        BenchmarkWorkload w = BenchmarkWorkload.Create("stream-infer");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkRunner.Run(w, minSeconds: -1))!.ParamName, Is.EqualTo("minSeconds"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkRunner.Run(w, warmUpSteps: -1))!.ParamName, Is.EqualTo("warmUpSteps"));
    }
}
