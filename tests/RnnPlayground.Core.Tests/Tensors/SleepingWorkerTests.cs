using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

/// <summary>Jobs too small to wake a blocked worker: every item still runs once, on the caller when every worker sleeps.</summary>
public class SleepingWorkerTests
{
    private struct RecordThreads(int[] visits, int[] threadIds) : IParallelBody
    {
        public readonly void Invoke(int index)
        {
            Interlocked.Increment(ref visits[index]);
            threadIds[index] = Environment.CurrentManagedThreadId;
        }
    }

    [Test]
    public void AJobThatMayNotWakeWorkersRunsOnTheCallerWhileTheySleep()
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 3;
        try
        {
            var visits = new int[16];
            var ids = new int[16];
            ComputeThreads.ParallelFor(16, new RecordThreads(visits, ids)); // starts the workers
            Assert.That(SpinWait.SpinUntil(() => ComputeThreads.WorkersAsleep, TimeSpan.FromMinutes(1)), Is.True,
                "the workers block once their spin is over");
            Array.Clear(visits);
            ComputeThreads.ParallelFor(16, new RecordThreads(visits, ids), wakeSleepingWorkers: false);
            Assert.That(visits, Is.All.EqualTo(1));
            Assert.That(ids, Is.All.EqualTo(Environment.CurrentManagedThreadId));
            for (int round = 0; round < 100; round++) ComputeThreads.ParallelFor(16, new RecordThreads(visits, ids), wakeSleepingWorkers: round % 2 == 0);
            Assert.That(visits, Is.All.EqualTo(101), "alternating with jobs that wake them, still once per item");
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }
}
