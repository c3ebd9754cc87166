using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

public class ComputeThreadsTests
{
    private struct CountVisits(int[] visits) : IParallelBody
    {
        public readonly void Invoke(int index) => Interlocked.Increment(ref visits[index]);
    }

    private struct ThrowAt(int bad) : IParallelBody
    {
        public readonly void Invoke(int index)
        {
            if (index == bad) throw new InvalidOperationException($"item {index}");
        }
    }

    private struct Nested(int[] visits) : IParallelBody
    {
        public readonly void Invoke(int index) => ComputeThreads.ParallelFor(4, new CountVisits(visits));
    }

    private static void WithThreads(int count, Action action)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = count;
        try
        {
            action();
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void EveryIndexRunsExactlyOnce([Values(1, 2, 3, 8)] int threads)
    {
        WithThreads(threads, () =>
        {
            foreach (int count in new[] { 0, 1, 2, 5, 1000 })
            {
                var visits = new int[count];
                for (int round = 0; round < 50; round++) ComputeThreads.ParallelFor(count, new CountVisits(visits));
                Assert.That(visits, Is.All.EqualTo(50), $"count {count}");
            }
        });
    }

    [Test]
    public void ExceptionFromABodyReachesTheCaller()
    {
        WithThreads(3, () =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => ComputeThreads.ParallelFor(100, new ThrowAt(57)));
            Assert.That(error!.Message, Is.EqualTo("item 57"));
            var visits = new int[10];
            ComputeThreads.ParallelFor(10, new CountVisits(visits));
            Assert.That(visits, Is.All.EqualTo(1), "the pool works after a failure");
        });
    }

    [Test]
    public void NestedCallsRunOnTheCallingThread()
    {
        WithThreads(2, () =>
        {
            var visits = new int[4];
            ComputeThreads.ParallelFor(6, new Nested(visits));
            Assert.That(visits, Is.All.EqualTo(6));
        });
    }

    [Test]
    public void ConcurrentCallersAllComplete()
    {
        WithThreads(2, () =>
        {
            var visits = new int[3][];
            var callers = Enumerable.Range(0, 3).Select(c => new Thread(() =>
            {
                visits[c] = new int[64];
                for (int round = 0; round < 200; round++) ComputeThreads.ParallelFor(64, new CountVisits(visits[c]));
            })).ToArray();
            foreach (var caller in callers) caller.Start();
            foreach (var caller in callers) caller.Join();
            Assert.That(visits.SelectMany(v => v), Is.All.EqualTo(200));
        });
    }

    [Test]
    public void DispatchAllocatesNothing()
    {
        WithThreads(2, () =>
        {
            var visits = new int[16];
            ComputeThreads.ParallelFor(16, new CountVisits(visits));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++) ComputeThreads.ParallelFor(16, new CountVisits(visits));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        });
    }

    [Test]
    public void CountIsValidated()
    {
        Assert.Multiple(() =>
        {
            var low = Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Count = 0);
            Assert.That(low!.ActualValue, Is.EqualTo(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Count = ComputeThreads.MaxCount + 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.ParallelFor(-1, new CountVisits([])));
        });
        Assert.That(ComputeThreads.Count, Is.InRange(1, ComputeThreads.MaxCount));
    }
}
