using System.Diagnostics;
using System.Numerics;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// How much the machine's cores can give at the moment, whatever the code: the speed-up of
/// <see cref="ComputeThreads.Count"/> threads over one on pure register arithmetic (chains of
/// fused multiply-adds, no memory traffic, no synchronization but the end of the job). On
/// dedicated cores it is the thread count; where two threads share a physical core (hyper-threads,
/// or the virtual CPUs of a guest that its host has put on one core) or the host runs other work
/// on them, it is less, and no program's speed-up can exceed it. A benchmark measures it beside a
/// speed-up so the two can be read together.
/// </summary>
public static class ParallelCapacity
{
    /// <summary>Items per thread of the timed passes: enough that a thread that starts late or is slowed leaves its share to the others, as the kernels do.</summary>
    internal const int ItemsPerThread = 16;

    /// <summary>Items per thread run untimed before the timed ones, to have every worker awake and on a core.</summary>
    internal const int WakeItemsPerThread = 8;

    /// <summary>Loop iterations per item (each 12 vector multiply-adds): about 1 ms on one core of the reference machine.</summary>
    internal const int IterationsPerItem = 1 << 19;

    /// <summary>At most this long (ms) for the workers to stop spinning after the probe (they spin <see cref="ComputeThreads.SpinMicroseconds"/>).</summary>
    private const int SettleMilliseconds = 50;

    private static float s_sink;
    private static long s_itemsRun;

    /// <summary>Items run by every probe so far (for tests: the N-thread pass must do N times the one-thread pass's work).</summary>
    internal static long ItemsRun => Interlocked.Read(ref s_itemsRun);

    /// <summary>
    /// Times <see cref="ItemsPerThread"/> items on the calling thread alone, then
    /// <see cref="ComputeThreads.Count"/> times as many on all the compute threads, and returns
    /// their ratio of throughput (1 at one thread). Takes about 40 items' time (≈ 40 ms).
    /// </summary>
    public static double Measure() => Measure(IterationsPerItem);

    internal static double Measure(int iterationsPerItem)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterationsPerItem, 1);
        int threads = ComputeThreads.Count;
        if (threads <= 1) return 1.0;
        var body = new Item(iterationsPerItem);
        body.Invoke(0); // JIT and warm the core before timing
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ItemsPerThread; i++) body.Invoke(i);
        double one = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // Untimed first: a worker that has slept may take milliseconds to get a core back (a
        // guest's idle virtual CPU waits for its host), which is not what a busy loop sees.
        ComputeThreads.ParallelFor(threads * WakeItemsPerThread, body);
        start = Stopwatch.GetTimestamp();
        ComputeThreads.ParallelFor(threads * ItemsPerThread, body);
        double all = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // Leave the pool as a run finds it after idling: the workers asleep, so the next small
        // product does not find one still spinning from the probe and keep it awake.
        SpinWait.SpinUntil(() => ComputeThreads.WorkersAsleep, SettleMilliseconds);
        return threads * one / all;
    }

    /// <summary>Twelve independent multiply-add chains, enough to fill every FMA pipe whatever its latency.</summary>
    private readonly struct Item(int iterations) : IParallelBody
    {
        public void Invoke(int index)
        {
            var m = new Vector<float>(0.9999999f);
            var c = new Vector<float>(1e-7f);
            Vector<float> a0 = new(index), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (int i = 0; i < iterations; i++)
            {
                a0 = Vector.FusedMultiplyAdd(a0, m, c);
                a1 = Vector.FusedMultiplyAdd(a1, m, c);
                a2 = Vector.FusedMultiplyAdd(a2, m, c);
                a3 = Vector.FusedMultiplyAdd(a3, m, c);
                a4 = Vector.FusedMultiplyAdd(a4, m, c);
                a5 = Vector.FusedMultiplyAdd(a5, m, c);
                a6 = Vector.FusedMultiplyAdd(a6, m, c);
                a7 = Vector.FusedMultiplyAdd(a7, m, c);
                a8 = Vector.FusedMultiplyAdd(a8, m, c);
                a9 = Vector.FusedMultiplyAdd(a9, m, c);
                a10 = Vector.FusedMultiplyAdd(a10, m, c);
                a11 = Vector.FusedMultiplyAdd(a11, m, c);
            }
            Interlocked.Increment(ref s_itemsRun);
            // Kept, so the loop cannot be removed.
            s_sink = Vector.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
    }
}
