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

    /// <summary>
    /// How long an idle worker spins before it blocks (µs): long enough to bridge the serial work
    /// between the products of a time loop, so they all find the workers awake.
    /// </summary>
    public const int SpinMicroseconds = 300;

    /// <summary>
    /// Runs <c>body.Invoke(i)</c> for every i in 0…<paramref name="count"/>−1 on up to
    /// <see cref="Count"/> threads (the caller included) and returns when all are done. Items are
    /// handed out one at a time, so uneven items balance. Runs everything on the calling thread
    /// when <see cref="Count"/> or <paramref name="count"/> is 1, when called from inside a body,
    /// or while another thread's dispatch holds the pool. The first exception a body throws is
    /// rethrown here once every claimed item has finished (items not yet started are skipped). A
    /// worker that is asleep or preempted never delays the caller: items are claimed one at a
    /// time and the caller runs whatever is left.
    /// </summary>
    public static void ParallelFor<TBody>(int count, TBody body) where TBody : struct, IParallelBody =>
        ParallelFor(count, body, wakeSleepingWorkers: true);

    /// <summary>
    /// <see cref="ParallelFor{TBody}(int, TBody)"/> for a job that may be too small to pay for
    /// waking a thread: unless <paramref name="wakeSleepingWorkers"/>, the items go only to workers
    /// that are still awake (spinning after a recent job), and when none is, the caller runs them
    /// all. Waking a blocked worker costs tens of µs on some virtual machines (about 30 µs on the
    /// 2-core PVM guest the thresholds were measured on), and the woken thread may first be put on
    /// the caller's own core, where its spinning then delays the caller.
    /// </summary>
    internal static void ParallelFor<TBody>(int count, TBody body, bool wakeSleepingWorkers) where TBody : struct, IParallelBody
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int threads = Math.Min(Count, count);
        if (threads <= 1 || RunsOnCaller(wakeSleepingWorkers) || !WorkerPool.TryEnter())
        {
            for (int i = 0; i < count; i++) body.Invoke(i);
            return;
        }
        try
        {
            // 'body' is a parameter on this frame, so its address is stable until we return.
            WorkerPool.Run(&InvokeBody<TBody>, Unsafe.AsPointer(ref body), count, threads - 1, wakeSleepingWorkers);
        }
        finally
        {
            WorkerPool.Exit();
        }
    }

    /// <summary>
    /// Whether a job with <paramref name="wakeSleepingWorkers"/> would run wholly on its caller (one
    /// thread, or no worker awake for a job that may not wake one): a caller that can merge the
    /// job's items into one piece of work then does so.
    /// </summary>
    internal static bool RunsOnCaller(bool wakeSleepingWorkers) => Count <= 1 || (!wakeSleepingWorkers && !WorkerPool.AnyAwake);

    /// <summary>
    /// Whether the calling thread is running an item of a job (a compute worker, or a caller inside
    /// its own dispatch): any job it starts runs wholly on it.
    /// </summary>
    internal static bool InsideJob => WorkerPool.InsideJob;

    /// <summary>
    /// Whether every worker started so far has stopped spinning and blocked, so that a job with
    /// <c>wakeSleepingWorkers: false</c> runs on its caller (the signal tests wait for).
    /// </summary>
    internal static bool WorkersAsleep => !WorkerPool.AnyAwake;

    private static void InvokeBody<TBody>(void* body, int index) where TBody : struct, IParallelBody =>
        Unsafe.AsRef<TBody>(body).Invoke(index);

    /// <summary>
    /// The workers and the one job they run at a time. Items are claimed by compare-and-swap on a
    /// ticket holding (job generation, next index), so a thread can only claim items of the job it
    /// read the fields of; the caller waits for the items to complete, never for a worker to
    /// show up, so a worker that is asleep or preempted costs nothing.
    /// </summary>
    private static class WorkerPool
    {
        private static readonly object s_gate = new();
        private static readonly List<Thread> s_threads = [];
        private static int s_busy;
        private static int s_sleepers;
        private static int s_started;          // workers started (s_threads.Count, readable without the list)
        private static long s_ticket;          // generation << 32 | next unclaimed index
        private static int s_workers;          // workers invited to the current job
        private static delegate*<void*, int, void> s_invoke;
        private static void* s_body;
        private static int s_count;
        private static int s_completed;
        private static ExceptionDispatchInfo? s_failure;
        [ThreadStatic] private static bool t_isWorker;

        public static bool InsideJob => t_isWorker;

        public static bool TryEnter() => !t_isWorker && Interlocked.CompareExchange(ref s_busy, 1, 0) == 0;

        public static void Exit() => Volatile.Write(ref s_busy, 0);

        /// <summary>Whether some started worker is spinning rather than blocked (a hint: it may block right after).</summary>
        public static bool AnyAwake => Volatile.Read(ref s_started) > Volatile.Read(ref s_sleepers);

        public static void Run(delegate*<void*, int, void> invoke, void* body, int count, int workers, bool wakeSleepers)
        {
            while (s_threads.Count < workers) StartWorker(s_threads.Count);
            s_invoke = invoke;
            s_body = body;
            s_count = count;
            s_workers = workers;
            s_completed = 0;
            s_failure = null;
            long generation = (Volatile.Read(ref s_ticket) >> 32) + 1;
            Interlocked.Exchange(ref s_ticket, generation << 32);
            if (wakeSleepers && Volatile.Read(ref s_sleepers) > 0)
                lock (s_gate) Monitor.PulseAll(s_gate);

            t_isWorker = true;
            try
            {
                Work();
            }
            finally
            {
                t_isWorker = false;
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref s_completed) < count) spin.SpinOnce(sleep1Threshold: -1);
            s_failure?.Throw();
        }

        /// <summary>Claims and runs items of the current job until none is left.</summary>
        private static void Work()
        {
            while (true)
            {
                long ticket = Volatile.Read(ref s_ticket);
                // Read after the ticket: if the job changes in between, the claim below fails.
                int count = Volatile.Read(ref s_count);
                int index = (int)ticket;
                if (index >= count) return;
                if (Interlocked.CompareExchange(ref s_ticket, ticket + 1, ticket) != ticket) continue;
                // The claimed job cannot change before this item completes.
                try
                {
                    if (s_failure is null) s_invoke(s_body, index);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref s_failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    Interlocked.Increment(ref s_completed);
                }
            }
        }

        private static void StartWorker(int id)
        {
            // The worker waits for generations after the current one: the job about to be published.
            long seen = Volatile.Read(ref s_ticket) >> 32;
            var thread = new Thread(() => WorkerLoop(id, seen))
            {
                IsBackground = true,
                Name = $"RnnPlayground compute {id + 1}",
            };
            s_threads.Add(thread);
            thread.Start();
            Volatile.Write(ref s_started, s_threads.Count);
        }

        private static void WorkerLoop(int id, long seen)
        {
            t_isWorker = true;
            while (true)
            {
                seen = WaitForNext(seen);
                if (id < Volatile.Read(ref s_workers)) Work();
            }
        }

        /// <summary>Spins, then sleeps, until a job newer than <paramref name="seen"/> is published; returns its generation.</summary>
        private static long WaitForNext(long seen)
        {
            long spinUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            while (true)
            {
                long generation = Volatile.Read(ref s_ticket) >> 32;
                if (generation != seen) return generation;
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
                        long generation = Volatile.Read(ref s_ticket) >> 32;
                        if (generation != seen) return generation;
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
