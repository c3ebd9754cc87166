using System.Runtime.CompilerServices;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// The LSTM's element-wise math for a block of samples, fused and vectorized (gates i, f, g, o,
/// each H wide, in one row of 4H). Rows of gates are 4H apart; rows of c, tanh c, c_prev, dh and dc
/// H apart; rows of h and dy <c>hStride</c> apart (the layer output is D·H wide).
/// </summary>
internal static unsafe class LstmCellMath
{
    /// <summary>
    /// gates [rows, 4H]: pre-activations in, i, f, g, o out; c = f ⊙ cPrev + i ⊙ g (cPrev empty
    /// means zeros); tanhC = tanh c; h = o ⊙ tanh c.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int rows, int hidden, Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC,
        Span<float> h, int hStride)
    {
        fixed (float* pg = gates, pp = cPrev, pc = c, pt = tanhC, ph = h)
            Forward(rows, hidden, 0, hidden, pg, cPrev.IsEmpty ? null : pp, pc, pt, ph, hStride);
    }

    /// <summary>
    /// <see cref="Forward(int, int, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, int)"/>
    /// for hidden units <paramref name="first"/>…first + count − 1 only (every gate's part for them),
    /// over whole rows at the same addresses; <paramref name="cPrev"/> null means zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int rows, int hidden, int first, int count, float* gates, float* cPrev, float* c, float* tanhC, float* h, nint hStride)
    {
        var body = new ForwardBody { N = hidden };
        for (int b = 0; b < rows; b++)
        {
            body.Gates = gates + (nint)b * 4 * hidden + first;
            body.CPrev = cPrev == null ? null : cPrev + (nint)b * hidden + first;
            body.C = c + (nint)b * hidden + first;
            body.TanhC = tanhC + (nint)b * hidden + first;
            body.H = h + (nint)b * hStride + first;
            LaneLoop.Run(body, count);
        }
    }

    /// <summary>
    /// From the saved gates [rows, 4H], tanh c and c_prev (empty for zeros), the output gradient dy
    /// and the carried dh, dc [rows, H]: writes dGates [rows, 4H] (pre-activation gradients), leaves
    /// dh_t = dy + dh in <paramref name="dHidden"/> and dc_{t−1} = dc_t ⊙ f in <paramref name="dCell"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int rows, int hidden, ReadOnlySpan<float> gates, ReadOnlySpan<float> tanhC, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dy, int dyStride, Span<float> dHidden, Span<float> dCell, Span<float> dGates)
    {
        fixed (float* pg = gates, pt = tanhC, pp = cPrev, pdy = dy, pdh = dHidden, pdc = dCell, pda = dGates)
            Backward(rows, hidden, 0, hidden, pg, pt, cPrev.IsEmpty ? null : pp, pdy, dyStride, pdh, pdc, pda);
    }

    /// <summary>
    /// <see cref="Backward(int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, Span{float})"/>
    /// for hidden units <paramref name="first"/>…first + count − 1 only; <paramref name="cPrev"/> null means zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int rows, int hidden, int first, int count, float* gates, float* tanhC, float* cPrev,
        float* dy, nint dyStride, float* dHidden, float* dCell, float* dGates)
    {
        var body = new BackwardBody { N = hidden };
        for (int b = 0; b < rows; b++)
        {
            body.Gates = gates + (nint)b * 4 * hidden + first;
            body.TanhC = tanhC + (nint)b * hidden + first;
            body.CPrev = cPrev == null ? null : cPrev + (nint)b * hidden + first;
            body.Dy = dy + (nint)b * dyStride + first;
            body.DHidden = dHidden + (nint)b * hidden + first;
            body.DCell = dCell + (nint)b * hidden + first;
            body.DGates = dGates + (nint)b * 4 * hidden + first;
            LaneLoop.Run(body, count);
        }
    }

    private struct ForwardBody : ILaneBody
    {
        public float* Gates, CPrev, C, TanhC, H;
        public nint N;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            float* g = Gates + j;
            TVector i = VectorMath.Sigmoid<TVector, TLanes>(TLanes.Load(g));
            TVector f = VectorMath.Sigmoid<TVector, TLanes>(TLanes.Load(g + N));
            TVector gg = VectorMath.Tanh<TVector, TLanes>(TLanes.Load(g + 2 * N));
            TVector o = VectorMath.Sigmoid<TVector, TLanes>(TLanes.Load(g + 3 * N));
            TLanes.Store(i, g);
            TLanes.Store(f, g + N);
            TLanes.Store(gg, g + 2 * N);
            TLanes.Store(o, g + 3 * N);
            TVector c = TLanes.Multiply(i, gg);
            if (CPrev != null) c = TLanes.MultiplyAdd(f, TLanes.Load(CPrev + j), c);
            TVector tc = VectorMath.Tanh<TVector, TLanes>(c);
            TLanes.Store(c, C + j);
            TLanes.Store(tc, TanhC + j);
            TLanes.Store(TLanes.Multiply(o, tc), H + j);
        }
    }

    private struct BackwardBody : ILaneBody
    {
        public float* Gates, TanhC, CPrev, Dy, DHidden, DCell, DGates;
        public nint N;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            float* g = Gates + j;
            float* da = DGates + j;
            TVector one = TLanes.Splat(1f);
            TVector i = TLanes.Load(g), f = TLanes.Load(g + N), gg = TLanes.Load(g + 2 * N), o = TLanes.Load(g + 3 * N);
            TVector tc = TLanes.Load(TanhC + j);
            TVector dh = TLanes.Add(TLanes.Load(Dy + j), TLanes.Load(DHidden + j));
            TLanes.Store(dh, DHidden + j);
            // dc = dc_carried + dh ⊙ o ⊙ (1 − tanh²c)
            TVector dc = TLanes.MultiplyAdd(TLanes.Multiply(dh, o), TLanes.Subtract(one, TLanes.Multiply(tc, tc)), TLanes.Load(DCell + j));
            TVector dci = TLanes.Multiply(dc, i);
            TLanes.Store(TLanes.Multiply(TLanes.Multiply(dci, gg), TLanes.Subtract(one, i)), da);
            TVector dForget = CPrev == null
                ? TLanes.Splat(0f)
                : TLanes.Multiply(TLanes.Multiply(dc, TLanes.Load(CPrev + j)), TLanes.Multiply(f, TLanes.Subtract(one, f)));
            TLanes.Store(dForget, da + N);
            TLanes.Store(TLanes.Multiply(dci, TLanes.Subtract(one, TLanes.Multiply(gg, gg))), da + 2 * N);
            TLanes.Store(TLanes.Multiply(TLanes.Multiply(dh, tc), TLanes.Multiply(o, TLanes.Subtract(one, o))), da + 3 * N);
            TLanes.Store(TLanes.Multiply(dc, f), DCell + j);
        }
    }
}
