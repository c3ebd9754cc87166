using System.Runtime.CompilerServices;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// The vanilla RNN's element-wise math for a block of samples, vectorized: rows of the
/// pre-activation and of dh are H apart, rows of h and dy as given.
/// </summary>
internal static unsafe class RnnCellMath
{
    /// <summary>h = tanh(pre) or max(pre, 0) for pre [rows, H] (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int rows, int hidden, ReadOnlySpan<float> pre, Span<float> h, int hStride, bool tanh)
    {
        fixed (float* pp = pre, ph = h)
        {
            for (int b = 0; b < rows; b++)
            {
                float* source = pp + (nint)b * hidden, target = ph + (nint)b * hStride;
                if (tanh) LaneLoop.Run(new ForwardBody<TanhActivation> { Pre = source, H = target }, hidden);
                else LaneLoop.Run(new ForwardBody<ReluActivation> { Pre = source, H = target }, hidden);
            }
        }
    }

    /// <summary>
    /// dh_t = dy + dh (left in <paramref name="dHidden"/>) and the pre-activation gradient
    /// dPre = dh_t ⊙ act′, from the outputs h [rows, H] of the step; values of magnitude below
    /// <see cref="VectorMath.FlushBelow"/> in either are set to 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int rows, int hidden, ReadOnlySpan<float> h, int hStride, ReadOnlySpan<float> dy, int dyStride,
        Span<float> dHidden, Span<float> dPre, bool tanh)
    {
        fixed (float* ph = h, pdy = dy, pdh = dHidden, pda = dPre)
        {
            for (int b = 0; b < rows; b++)
            {
                var body = new BackwardBody
                {
                    H = ph + (nint)b * hStride, Dy = pdy + (nint)b * dyStride, DHidden = pdh + (nint)b * hidden, DPre = pda + (nint)b * hidden,
                    Tanh = tanh,
                };
                LaneLoop.Run(body, hidden);
            }
        }
    }

    private interface IActivation
    {
        static abstract TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector>;
    }

    private readonly struct TanhActivation : IActivation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            VectorMath.Tanh<TVector, TLanes>(x);
    }

    private readonly struct ReluActivation : IActivation
    {
        // Max returns its second operand when either is NaN, so NaN passes through.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            TLanes.Max(TLanes.Splat(0f), x);
    }

    private struct ForwardBody<TActivation> : ILaneBody where TActivation : struct, IActivation
    {
        public float* Pre, H;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            TLanes.Store(TActivation.Apply<TVector, TLanes>(TLanes.Load(Pre + j)), H + j);
    }

    private struct BackwardBody : ILaneBody
    {
        public float* H, Dy, DHidden, DPre;
        public bool Tanh;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            // Flushed: the gradient vanishes through the time loop (see VectorMath.FlushTiny).
            TVector dh = VectorMath.FlushTiny<TVector, TLanes>(TLanes.Add(TLanes.Load(Dy + j), TLanes.Load(DHidden + j)));
            TLanes.Store(dh, DHidden + j);
            TVector zero = TLanes.Splat(0f);
            TVector h = TLanes.Load(H + j);
            TVector d = Tanh
                ? TLanes.Multiply(dh, TLanes.Subtract(TLanes.Splat(1f), TLanes.Multiply(h, h)))
                : TLanes.Select(TLanes.LessThan(zero, h), dh, zero);
            TLanes.Store(VectorMath.FlushTiny<TVector, TLanes>(d), DPre + j);
        }
    }
}
