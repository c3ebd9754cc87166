using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

/// <summary>Phases run in order with their slices shared out: every slice runs once, after every slice of the phase before.</summary>
public class PhasedJobTests
{
    /// <summary>Slice s of phase p reads every slice of phase p − 1 and writes their sum plus one.</summary>
    private readonly struct Chain(long[,] values, int[] runs) : IPhaseBody
    {
        public void Invoke(int phase, int slice)
        {
            Interlocked.Increment(ref runs[phase * values.GetLength(1) + slice]);
            long sum = 0;
            if (phase > 0)
                for (int s = 0; s < values.GetLength(1); s++) sum += Volatile.Read(ref values[phase - 1, s]);
            Volatile.Write(ref values[phase, slice], sum % 1_000_003 + 1);
        }
    }

    private readonly struct Throws(int[] runs) : IPhaseBody
    {
        public void Invoke(int phase, int slice)
        {
            Interlocked.Increment(ref runs[0]);
            if (phase == 3 && slice == 1) throw new InvalidOperationException("slice failed");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void EverySliceRunsOnceAfterThePhaseBefore(int threads)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = Math.Max(threads, 1);
        try
        {
            const int phases = 200, slices = 4;
            var expected = new long[phases, slices];
            var runs = new int[phases * slices];
            new PhasedJob().Run(1, phases, slices, new Chain(expected, runs));
            var job = new PhasedJob();
            for (int round = 0; round < 5; round++)
            {
                var values = new long[phases, slices];
                Array.Clear(runs);
                job.Run(threads, phases, slices, new Chain(values, runs));
                Assert.That(runs, Is.All.EqualTo(1));
                Assert.That(values, Is.EqualTo(expected));
            }
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void AFailingSliceIsRethrownAndTheJobStillEnds()
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 2;
        try
        {
            var runs = new int[1];
            var job = new PhasedJob();
            var task = Task.Run(() => Assert.Throws<InvalidOperationException>(() => job.Run(2, 10, 3, new Throws(runs))));
            Assert.That(task.Wait(TimeSpan.FromMinutes(1)), Is.True, "the job ended");
            Assert.That(runs[0], Is.InRange(10, 12), "the phases before and the failing slice run, the phases after it are skipped");
            var chainRuns = new int[8];
            job.Run(2, 4, 2, new Chain(new long[4, 2], chainRuns));
            Assert.That(chainRuns, Is.All.EqualTo(1), "the job runs again after a failure");
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }
}
