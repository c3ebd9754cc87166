using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// The body of a fused element-wise loop, written once over any lane type: <see cref="Step"/>
/// processes elements j … j + TLanes.Count − 1.
/// </summary>
internal interface ILaneBody
{
    void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>;
}

/// <summary>
/// Runs an <see cref="ILaneBody"/> over n elements: in 512-bit (or 256-bit) vectors where the
/// hardware has them, then 128-bit vectors, then single floats for the ragged end, all with the
/// same arithmetic, so results do not depend on where an element falls.
/// </summary>
internal static class LaneLoop
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TBody>(in TBody body, nint n) where TBody : struct, ILaneBody => Run(body, 0, n);

    /// <summary>Elements <paramref name="start"/>…<paramref name="end"/>−1 (start a multiple of 16, so the vectors fall where they would over the whole).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TBody>(in TBody body, nint start, nint end) where TBody : struct, ILaneBody
    {
        nint j = start;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 16 <= end; j += 16) body.Step<Vector512<float>, FloatLanes512>(j);
        else if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= end; j += 8) body.Step<Vector256<float>, FloatLanes256>(j);
        for (; j + 4 <= end; j += 4) body.Step<Vector128<float>, FloatLanes128>(j);
        for (; j < end; j++) body.Step<float, FloatLanes1>(j);
    }

    /// <summary>
    /// <see cref="Run{TBody}(in TBody, nint)"/> over n elements shared by the compute threads when
    /// the pass is large (<see cref="ParallelRanges"/>; <paramref name="floatsPerElement"/>: the
    /// floats one element reads and writes), with the same results.
    /// </summary>
    public static void RunShared<TBody>(in TBody body, int n, int floatsPerElement) where TBody : struct, ILaneBody =>
        ParallelRanges.Run(n, 16, floatsPerElement, new Ranges<TBody>(body));

    private readonly struct Ranges<TBody>(TBody body) : IRangeBody where TBody : struct, ILaneBody
    {
        private readonly TBody _body = body;

        public void Invoke(int start, int end) => Run(_body, start, end);
    }
}
