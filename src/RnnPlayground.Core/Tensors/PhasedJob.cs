using System.Runtime.InteropServices;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// The work of one <see cref="PhasedJob.Run{TBody}(int, int, int, TBody)"/>: <see cref="Invoke"/>
/// runs once per (phase, slice), on any compute thread, concurrently with the other slices of the
/// same phase but only after every slice of the earlier phases has finished.
/// </summary>
internal interface IPhaseBody
{
    void Invoke(int phase, int slice);
}

/// <summary>
/// A run of phases, each cut into the same number of slices, shared by the compute threads as one
/// dispatch: a time loop whose every step (a phase) is split by hidden units (the slices), with a
/// barrier between steps instead of a dispatch per product. Each thread claims its own share of
/// every phase's slices first and then whatever the others have not claimed, and a slice of the
/// next phase only once every slice of the current one is done. The slices a thread runs depend on
/// scheduling, but what each slice computes does not, so results do not depend on the thread count.
/// No thread ever waits for a thread that has not claimed work: a worker that is asleep or
/// preempted costs nothing (the caller runs every slice), and a thread waits only for slices
/// already claimed, whose owners are computing. One instance runs one job at a time; a run
/// allocates nothing.
/// </summary>
internal sealed class PhasedJob
{
    private Counters _counters;

    /// <summary>Per slice, 1 + the latest phase it was claimed for (0: none yet in this run).</summary>
    private int[] _claims = [];

    /// <summary>
    /// Runs <c>body.Invoke(phase, slice)</c> for every phase in 0…<paramref name="phases"/>−1 in
    /// order and every slice in 0…<paramref name="slices"/>−1, on up to <paramref name="threads"/>
    /// compute threads (the caller included; 1 runs everything on the caller, in order).
    /// </summary>
    public void Run<TBody>(int threads, int phases, int slices, TBody body) where TBody : struct, IPhaseBody
    {
        ArgumentOutOfRangeException.ThrowIfNegative(phases);
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        if (threads <= 1 || slices == 1)
        {
            for (int p = 0; p < phases; p++)
                for (int s = 0; s < slices; s++) body.Invoke(p, s);
            return;
        }
        if (_claims.Length < slices) _claims = new int[slices];
        Array.Clear(_claims, 0, slices);
        _counters.Done = 0;
        _counters.Failed = 0;
        ComputeThreads.ParallelFor(threads, new Participant<TBody>(this, body, threads, phases, slices), wakeSleepingWorkers: true);
    }

    /// <summary>
    /// Participant <paramref name="participant"/>'s loop: from the phase under way, each phase's own
    /// slices first (the same ones every phase, so the data they read stays in this core's cache),
    /// then any slice another participant has not claimed yet. A slice is claimed only once its
    /// phase may start, so a thread that waits (or is preempted while waiting) holds no slice the
    /// others could run.
    /// </summary>
    private void Work<TBody>(ref TBody body, int participant, int threads, int phases, int slices) where TBody : struct, IPhaseBody
    {
        int home = slices * participant / threads;
        var spin = new SpinWait();
        for (int phase = (int)(Volatile.Read(ref _counters.Done) / slices); phase < phases; phase++)
        {
            long phaseStart = (long)phase * slices;
            while (Volatile.Read(ref _counters.Done) < phaseStart) spin.SpinOnce(sleep1Threshold: -1);
            spin.Reset();
            for (int k = 0; k < slices; k++)
            {
                int slice = home + k < slices ? home + k : home + k - slices;
                int seen = Volatile.Read(ref _claims[slice]);
                if (seen > phase || Interlocked.CompareExchange(ref _claims[slice], phase + 1, seen) != seen) continue;
                try
                {
                    // After a failure the remaining slices only count down, so nobody waits forever.
                    if (Volatile.Read(ref _counters.Failed) == 0) body.Invoke(phase, slice);
                }
                catch
                {
                    Volatile.Write(ref _counters.Failed, 1);
                    throw;
                }
                finally
                {
                    Interlocked.Increment(ref _counters.Done);
                }
            }
        }
    }

    /// <summary>One compute thread's share: runs the job's Work for its participant index.</summary>
    private readonly struct Participant<TBody>(PhasedJob job, TBody body, int threads, int phases, int slices) : IParallelBody
        where TBody : struct, IPhaseBody
    {
        private readonly TBody _body = body;

        public void Invoke(int index)
        {
            TBody local = _body;
            job.Work(ref local, index, threads, phases, slices);
        }
    }

    /// <summary>The completion count and the failure flag, on a cache line of their own (every thread writes them).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Counters
    {
        [FieldOffset(64)] public long Done;
        [FieldOffset(72)] public int Failed;
    }
}
