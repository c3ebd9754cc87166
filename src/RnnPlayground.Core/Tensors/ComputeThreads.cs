using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// How many cores the core's kernels may use, and the persistent worker pool they share. Workers
/// start once (lazily, up to <see cref="Count"/> − 1 of them; the calling thread is always the
/// first participant), spin for <see cref="SpinMicroseconds"/> after each job so back-to-back
/// jobs start quickly, then block. A dispatch allocates nothing.
/// </summary>
public static unsafe class ComputeThreads
{
    /// <summary>Largest accepted <see cref="Count"/>.</summary>
    public const int MaxCount = 256;

    private static int s_count = Math.Clamp(Environment.ProcessorCount, 1, MaxCount);

    /// <summary>
    /// Cores that products and <see cref="ParallelFor{TBody}(int, TBody)"/> may use, 1 …
    /// <see cref="MaxCount"/>; defaults to <see cref="Environment.ProcessorCount"/>. 1 keeps all work
    /// on the calling thread.
    /// </summary>
    public static int Count
    {
        get => Volatile.Read(ref s_count);
        set
        {
            if (value < 1 || value > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"must be in 1…{MaxCount}");
            Volatile.Write(ref s_count, value);
        }
    }

    /// <summary>How long an idle worker spins before it blocks (µs).</summary>
    public const int SpinMicroseconds = 100;

    /// <summary>
    /// Runs <c>body.Invoke(i)</c> for every i in 0…<paramref name="count"/>−1 on up to
    /// <see cref="Count"/> threads (the caller included) and returns when all are done. Items are
    /// handed out one at a time, so uneven items balance. Runs everything on the calling thread
    /// when <see cref="Count"/> or <paramref name="count"/> is 1, when called from inside a body,
    /// or while another thread's dispatch holds the pool. The first exception a body throws is
    /// rethrown here after all threads stop (remaining items may be skipped).
    /// </summary>
    public static void ParallelFor<TBody>(int count, TBody body) where TBody : struct, IParallelBody
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int threads = Math.Min(Count, count);
        if (threads <= 1 || !WorkerPool.TryEnter())
        {
            for (int i = 0; i < count; i++) body.Invoke(i);
            return;
        }
        try
        {
            // 'body' is a parameter on this frame, so its address is stable until we return.
            WorkerPool.Run(&InvokeBody<TBody>, Unsafe.AsPointer(ref body), count, threads - 1);
        }
        finally
        {
            WorkerPool.Exit();
        }
    }

    private static void InvokeBody<TBody>(void* body, int index) where TBody : struct, IParallelBody =>
        Unsafe.AsRef<TBody>(body).Invoke(index);

    /// <summary>The workers and the one job they run at a time.</summary>
    private static class WorkerPool
    {
        private const int GenerationShift = 16;
        private static readonly object s_gate = new();
        private static readonly List<Thread> s_threads = [];
        private static int s_busy;
        private static int s_sleepers;
        // Generation << 16 | number of workers taking part, published in one write.
        private static long s_state;
        private static delegate*<void*, int, void> s_invoke;
        private static void* s_body;
        private static int s_count;
        private static int s_next;
        private static int s_pending;
        private static ExceptionDispatchInfo? s_failure;
        [ThreadStatic] private static bool t_isWorker;

        public static bool TryEnter() => !t_isWorker && Interlocked.CompareExchange(ref s_busy, 1, 0) == 0;

        public static void Exit() => Volatile.Write(ref s_busy, 0);

        public static void Run(delegate*<void*, int, void> invoke, void* body, int count, int workers)
        {
            while (s_threads.Count < workers) StartWorker(s_threads.Count);
            s_invoke = invoke;
            s_body = body;
            s_count = count;
            s_next = 0;
            s_failure = null;
            s_pending = workers;
            long generation = (Volatile.Read(ref s_state) >> GenerationShift) + 1;
            Interlocked.Exchange(ref s_state, generation << GenerationShift | (long)workers);
            if (Volatile.Read(ref s_sleepers) > 0)
                lock (s_gate) Monitor.PulseAll(s_gate);

            t_isWorker = true;
            try
            {
                Work();
            }
            finally
            {
                t_isWorker = false;
                var spin = new SpinWait();
                while (Volatile.Read(ref s_pending) > 0) spin.SpinOnce(sleep1Threshold: -1);
            }
            s_failure?.Throw();
        }

        private static void Work()
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref s_next) - 1) < s_count) s_invoke(s_body, i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_failure, ExceptionDispatchInfo.Capture(e), null);
                Volatile.Write(ref s_next, int.MaxValue / 2);
            }
        }

        private static void StartWorker(int id)
        {
            // The worker waits for generations after the current one: the job about to be published.
            long seen = Volatile.Read(ref s_state) >> GenerationShift;
            var thread = new Thread(() => WorkerLoop(id, seen))
            {
                IsBackground = true,
                Name = $"RnnPlayground compute {id + 1}",
            };
            s_threads.Add(thread);
            thread.Start();
        }

        private static void WorkerLoop(int id, long seen)
        {
            t_isWorker = true;
            while (true)
            {
                long state = WaitForNext(seen);
                seen = state >> GenerationShift;
                if (id < (int)(state & ((1 << GenerationShift) - 1)))
                {
                    Work();
                    Interlocked.Decrement(ref s_pending);
                }
            }
        }

        private static long WaitForNext(long seen)
        {
            long spinUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            while (true)
            {
                long state = Volatile.Read(ref s_state);
                if (state >> GenerationShift != seen) return state;
                if (Stopwatch.GetTimestamp() > spinUntil) break;
                Thread.SpinWait(8);
            }
            lock (s_gate)
            {
                Interlocked.Increment(ref s_sleepers);
                try
                {
                    while (true)
                    {
                        long state = Volatile.Read(ref s_state);
                        if (state >> GenerationShift != seen) return state;
                        Monitor.Wait(s_gate);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref s_sleepers);
                }
            }
        }
    }
}
