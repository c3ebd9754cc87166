using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Benchmarks;

/// <summary>
/// Training does not depend on the thread count: the same workload from the same seed gives
/// bit-identical losses and parameters at 1 and 2 threads (every threaded product splits C by
/// whole panels, so no element's sum changes its order; seq2seq-attn's encoder runs its two
/// directions at once and its attention shares blocks of query rows).
/// </summary>
public class ThreadCountNumericsTests
{
    private static (double[] Losses, float[] Parameters) Train(string id, int threads, int steps)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = threads;
        try
        {
            BenchmarkWorkload workload = BenchmarkWorkload.Create(id);
            var losses = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                workload.Step();
                losses[s] = workload is Seq2SeqWorkload seq2seq ? seq2seq.LastLoss : ((TrainingWorkload)workload).LastLoss;
            }
            var parameters = workload is Seq2SeqWorkload w ? w.Model.Parameters : ((TrainingWorkload)workload).Model.Parameters;
            return (losses, parameters.Values.AsSpan(0, parameters.Count).ToArray());
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [TestCase("char-lstm-medium", 2)]
    [TestCase("gru-large", 3)]
    [TestCase("elman-long", 5)]
    [TestCase("weather-lstm-small", 5)]
    [TestCase("seq2seq-attn", 3)]
    public void LossesAndWeightsAreBitIdenticalAtOneAndTwoThreads(string id, int steps)
    {
        (double[] oneLosses, float[] oneWeights) = Train(id, 1, steps);
        (double[] twoLosses, float[] twoWeights) = Train(id, 2, steps);
        Assert.That(twoLosses, Is.EqualTo(oneLosses));
        Assert.That(oneLosses.Distinct().Count(), Is.EqualTo(steps), "training moved the loss");
        Assert.That(twoWeights.SequenceEqual(oneWeights), Is.True, "parameters after training");
    }
}
