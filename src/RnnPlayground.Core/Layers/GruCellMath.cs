using System.Runtime.CompilerServices;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// The GRU's element-wise math for a block of samples, fused and vectorized (gates r, z, n, each
/// H wide, in one row of 3H). Rows of gates and of the recurrent product are 3H apart; rows of
/// W_hn·h + b_hn, dh and h_prev (when it is an initial state) H apart; rows of h, h_prev (when it
/// is a layer output) and dy as given.
/// </summary>
internal static unsafe class GruCellMath
{
    /// <summary>
    /// gates [rows, 3H]: input side (with folded biases) in, r, z, n out; hidden [rows, 3H] = W_hh·h_prev;
    /// hn = W_hn·h_prev + b_hn (bhn empty means none); h = (1 − z) ⊙ n + z ⊙ h_prev (hPrev empty means
    /// zeros). h may be the very memory of hPrev.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int rows, int hidden, Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> bhn,
        ReadOnlySpan<float> hPrev, int hPrevStride, Span<float> hn, Span<float> h, int hStride)
    {
        fixed (float* pg = gates, pr = recurrent, pb = bhn, pp = hPrev, pn = hn, ph = h)
            Forward(rows, hidden, 0, hidden, pg, pr, bhn.IsEmpty ? null : pb, hPrev.IsEmpty ? null : pp, hPrevStride, pn, ph, hStride);
    }

    /// <summary>
    /// <see cref="Forward(int, int, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, int)"/>
    /// for hidden units <paramref name="first"/>…first + count − 1 only (every gate's part for them),
    /// over whole rows at the same addresses; null <paramref name="bhn"/>, <paramref name="hPrev"/> mean none, zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int rows, int hidden, int first, int count, float* gates, float* recurrent, float* bhn,
        float* hPrev, nint hPrevStride, float* hn, float* h, nint hStride)
    {
        var body = new ForwardBody { N = hidden, Bhn = bhn == null ? null : bhn + first };
        for (int b = 0; b < rows; b++)
        {
            body.Gates = gates + (nint)b * 3 * hidden + first;
            body.Recurrent = recurrent + (nint)b * 3 * hidden + first;
            body.HPrev = hPrev == null ? null : hPrev + (nint)b * hPrevStride + first;
            body.Hn = hn + (nint)b * hidden + first;
            body.H = h + (nint)b * hStride + first;
            LaneLoop.Run(body, count);
        }
    }

    /// <summary>
    /// From the saved r, z, n [rows, 3H], hn [rows, H], h_prev (empty for zeros), the output gradient
    /// dy and the carried dh [rows, H]: writes the input-side gradients dx [rows, 3H] (for W_ih, b_ih),
    /// the recurrent-side dAh [rows, 3H] (for W_hh, b_hh; its n part is scaled by r) and leaves
    /// dh ⊙ z (the direct part of dh_{t−1}) in <paramref name="dHidden"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int rows, int hidden, ReadOnlySpan<float> gates, ReadOnlySpan<float> hn, ReadOnlySpan<float> hPrev, int hPrevStride,
        ReadOnlySpan<float> dy, int dyStride, Span<float> dHidden, Span<float> dInputSide, Span<float> dHiddenSide)
    {
        fixed (float* pg = gates, pn = hn, pp = hPrev, pdy = dy, pdh = dHidden, pdx = dInputSide, pdr = dHiddenSide)
            Backward(rows, hidden, 0, hidden, pg, pn, hPrev.IsEmpty ? null : pp, hPrevStride, pdy, dyStride, pdh, pdx, pdr);
    }

    /// <summary>
    /// <see cref="Backward(int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, Span{float}, Span{float})"/>
    /// for hidden units <paramref name="first"/>…first + count − 1 only; <paramref name="hPrev"/> null means zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int rows, int hidden, int first, int count, float* gates, float* hn, float* hPrev, nint hPrevStride,
        float* dy, nint dyStride, float* dHidden, float* dInputSide, float* dHiddenSide)
    {
        var body = new BackwardBody { N = hidden };
        for (int b = 0; b < rows; b++)
        {
            body.Gates = gates + (nint)b * 3 * hidden + first;
            body.Hn = hn + (nint)b * hidden + first;
            body.HPrev = hPrev == null ? null : hPrev + (nint)b * hPrevStride + first;
            body.Dy = dy + (nint)b * dyStride + first;
            body.DHidden = dHidden + (nint)b * hidden + first;
            body.DInput = dInputSide + (nint)b * 3 * hidden + first;
            body.DRecurrent = dHiddenSide + (nint)b * 3 * hidden + first;
            LaneLoop.Run(body, count);
        }
    }

    private struct ForwardBody : ILaneBody
    {
        public float* Gates, Recurrent, Bhn, HPrev, Hn, H;
        public nint N;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            float* g = Gates + j, rec = Recurrent + j;
            TVector r = VectorMath.Sigmoid<TVector, TLanes>(TLanes.Add(TLanes.Load(g), TLanes.Load(rec)));
            TVector z = VectorMath.Sigmoid<TVector, TLanes>(TLanes.Add(TLanes.Load(g + N), TLanes.Load(rec + N)));
            TVector hn = TLanes.Load(rec + 2 * N);
            if (Bhn != null) hn = TLanes.Add(hn, TLanes.Load(Bhn + j));
            TVector n = VectorMath.Tanh<TVector, TLanes>(TLanes.MultiplyAdd(r, hn, TLanes.Load(g + 2 * N)));
            TLanes.Store(r, g);
            TLanes.Store(z, g + N);
            TLanes.Store(n, g + 2 * N);
            TLanes.Store(hn, Hn + j);
            TVector h = HPrev == null ? TLanes.Subtract(n, TLanes.Multiply(z, n)) : TLanes.MultiplyAdd(z, TLanes.Subtract(TLanes.Load(HPrev + j), n), n);
            TLanes.Store(h, H + j);
        }
    }

    private struct BackwardBody : ILaneBody
    {
        public float* Gates, Hn, HPrev, Dy, DHidden, DInput, DRecurrent;
        public nint N;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            float* g = Gates + j;
            TVector one = TLanes.Splat(1f);
            TVector r = TLanes.Load(g), z = TLanes.Load(g + N), n = TLanes.Load(g + 2 * N);
            TVector dh = TLanes.Add(TLanes.Load(Dy + j), TLanes.Load(DHidden + j));
            TVector hp = HPrev == null ? TLanes.Splat(0f) : TLanes.Load(HPrev + j);
            TVector dn = TLanes.Multiply(TLanes.Multiply(dh, TLanes.Subtract(one, z)), TLanes.Subtract(one, TLanes.Multiply(n, n)));
            TVector dr = TLanes.Multiply(TLanes.Multiply(dn, TLanes.Load(Hn + j)), TLanes.Multiply(r, TLanes.Subtract(one, r)));
            TVector dz = TLanes.Multiply(TLanes.Multiply(dh, TLanes.Subtract(hp, n)), TLanes.Multiply(z, TLanes.Subtract(one, z)));
            float* dx = DInput + j, drec = DRecurrent + j;
            TLanes.Store(dr, dx);
            TLanes.Store(dz, dx + N);
            TLanes.Store(dn, dx + 2 * N);
            TLanes.Store(dr, drec);
            TLanes.Store(dz, drec + N);
            TLanes.Store(TLanes.Multiply(dn, r), drec + 2 * N);
            TLanes.Store(TLanes.Multiply(dh, z), DHidden + j);
        }
    }
}
