using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Benchmarks;

public class ParallelCapacityTests
{
    [Test]
    public void OneThreadHasNothingToGain()
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 1;
        try
        {
            long before = ParallelCapacity.ItemsRun;
            Assert.That(ParallelCapacity.Measure(1 << 10), Is.EqualTo(1.0));
            Assert.That(ParallelCapacity.ItemsRun, Is.EqualTo(before), "nothing to measure at one thread");
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void TheThreadsTogetherDoThreadsTimesTheWorkOfOne([Values(2, 3)] int threads)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = threads;
        try
        {
            long before = ParallelCapacity.ItemsRun;
            double capacity = ParallelCapacity.Measure(1 << 12);
            long items = ParallelCapacity.ItemsRun - before;
            // One warm-up item, the timed items on one thread, then on all threads the untimed
            // wake-up items and the timed ones: N times the one-thread pass, so the ratio is fair.
            int one = ParallelCapacity.ItemsPerThread;
            Assert.That(items, Is.EqualTo(1 + one + threads * (ParallelCapacity.WakeItemsPerThread + one)));
            Assert.That(double.IsFinite(capacity) && capacity > 0, Is.True, $"capacity {capacity}");
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }
}
