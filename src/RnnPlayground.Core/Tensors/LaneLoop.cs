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
    public static void Run<TBody>(in TBody body, nint n) where TBody : struct, ILaneBody
    {
        nint j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j + 16 <= n; j += 16) body.Step<Vector512<float>, FloatLanes512>(j);
        else if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= n; j += 8) body.Step<Vector256<float>, FloatLanes256>(j);
        for (; j + 4 <= n; j += 4) body.Step<Vector128<float>, FloatLanes128>(j);
        for (; j < n; j++) body.Step<float, FloatLanes1>(j);
    }
}
