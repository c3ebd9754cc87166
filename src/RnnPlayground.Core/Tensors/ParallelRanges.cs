namespace RnnPlayground.Core.Tensors;

/// <summary>The work of one <see cref="ParallelRanges.Run{TBody}(int, int, long, TBody)"/> on a range of its extent.</summary>
internal interface IRangeBody
{
    /// <summary>Does the work of indices <paramref name="start"/>…<paramref name="end"/>−1.</summary>
    void Invoke(int start, int end);
}

/// <summary>
/// Passes over memory between the products of a training step (bias rows written into every time
/// step's gates, column sums of the gate gradients, an embedding's row gathers and scatters, the
/// optimizer's update) cut into ranges the compute threads share. A pass too small to gain from a
/// second core runs on the calling thread. Range boundaries are multiples of the caller's
/// alignment, so a body whose every index is computed on its own (by the same vector width at
/// aligned offsets) gives the same bits whatever the thread count.
/// </summary>
internal static class ParallelRanges
{
    /// <summary>Floats a pass touches from which it is shared (1 MB: a few tens of µs on one core).</summary>
    private const long MinFloats = 1L << 18;

    /// <summary>Floats per range at least.</summary>
    private const long RangeMinFloats = 1L << 16;

    /// <summary>Floats from which a pass wakes a blocked worker (see <see cref="ComputeThreads"/>); smaller ones use only awake ones.</summary>
    private const long WakeMinFloats = 1L << 21;

    /// <summary>Ranges per thread at most, handed out one at a time so a late thread holds nobody up.</summary>
    private const int RangesPerThread = 4;

    /// <summary>
    /// Runs <c>body.Invoke(start, end)</c> over ranges covering 0…<paramref name="extent"/>−1, each
    /// start a multiple of <paramref name="alignment"/>, on up to <see cref="ComputeThreads.Count"/>
    /// threads; <paramref name="floatsPerIndex"/> (the floats one index reads and writes) sizes the pass.
    /// </summary>
    public static void Run<TBody>(int extent, int alignment, long floatsPerIndex, TBody body) where TBody : struct, IRangeBody
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alignment, 1);
        if (extent <= 0) return;
        long floats = extent * floatsPerIndex;
        int units = (extent + alignment - 1) / alignment;
        int ranges = (int)Math.Min(Math.Min(units, (long)ComputeThreads.Count * RangesPerThread), floats / RangeMinFloats);
        bool wake = floats >= WakeMinFloats;
        if (floats < MinFloats || ranges <= 1 || ComputeThreads.RunsOnCaller(wake))
        {
            body.Invoke(0, extent);
            return;
        }
        ComputeThreads.ParallelFor(ranges, new Ranges<TBody>(body, extent, alignment, units, ranges), wakeSleepingWorkers: wake);
    }

    /// <summary>Range <c>index</c> of <c>ranges</c> near-equal ones in whole units of the alignment.</summary>
    private readonly struct Ranges<TBody>(TBody body, int extent, int alignment, int units, int ranges) : IParallelBody
        where TBody : struct, IRangeBody
    {
        private readonly TBody _body = body;

        public void Invoke(int index)
        {
            int start = (int)((long)units * index / ranges) * alignment;
            int end = Math.Min(extent, (int)((long)units * (index + 1) / ranges) * alignment);
            TBody local = _body;
            local.Invoke(start, end);
        }
    }
}
