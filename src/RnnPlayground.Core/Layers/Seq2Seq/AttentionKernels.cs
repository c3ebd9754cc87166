using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// The attention's inner loops, fused and vectorized. The additive kind's kernels take one query row
/// over the N positions of its source, whose keys are each <c>stride</c> floats apart; the loop over the
/// positions is inside the loop over the feature lanes, so the row's query (and in backward its
/// gradients) stay in registers and no call is made per position, and the scores' dot products over
/// lanes are gathered in a scratch of N × 16 floats (one row per position, lanes of any width added into
/// its first entries) and summed at the end. The memory is time-major ([S·B, M], the rows of one
/// position adjacent): the kernels over its M-wide rows (the context, dα, the memory's gradient) take
/// one row at a time, read in order, which the prefetchers follow, where walking the lanes of many
/// rows at once jumps B·M floats per row.
/// </summary>
internal static unsafe class AttentionKernels
{
    /// <summary>Scratch floats per item for the lane-wise partial sums.</summary>
    public const int PartialWidth = 16;

    /// <summary>scores[i·scoreStride] = v · tanh(key_i + q), for i &lt; N: one query row over N positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdditiveScores(int k, int count, float* keys, nint keyStride, float* query, float* v,
        float* partial, float* scores, nint scoreStride)
    {
        new Span<float>(partial, count * PartialWidth).Clear();
        LaneLoop.Run(new ScoresBody
        {
            Keys = keys, KeyStride = keyStride, Query = query, V = v, Partial = partial, Count = count,
        }, k);
        SumRows(count, partial, scores, scoreStride);
    }

    /// <summary>c = Σ_{j &lt; L} α_j · memory_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedSum(int m, int length, float* memory, nint stride, float* alpha, float* context)
    {
        var c = new Span<float>(context, m);
        TensorPrimitives.Multiply(new ReadOnlySpan<float>(memory, m), alpha[0], c);
        for (int j = 1; j < length; j++) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(memory + j * stride, m), alpha[j], c, c);
    }

    /// <summary>dots[i·dotStride] = a_i · b_i, for i &lt; N: one item at a time, its rows read in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots(int m, int count, float* a, nint aStride, float* b, nint bStride, float* dots, nint dotStride)
    {
        for (int i = 0; i < count; i++)
            dots[i * dotStride] = TensorPrimitives.Dot(new ReadOnlySpan<float>(a + i * aStride, m), new ReadOnlySpan<float>(b + i * bStride, m));
    }

    /// <summary>
    /// dmemory += Σ_{t &lt; T} α[t·alphaStepStride] · dc[t·dcStepStride …]: one memory row's gradient through the
    /// contexts of all T steps at once, the row read and written once, in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ContextGradient(int m, int steps, float* dMemory, float* alpha, nint alphaStepStride, float* dContexts, nint dcStepStride) =>
        LaneLoop.Run(new ContextGradientBody
        {
            DMemory = dMemory, Alpha = alpha, AlphaStepStride = alphaStepStride, DContexts = dContexts, DcStepStride = dcStepStride, Steps = steps,
        }, m);

    /// <summary>
    /// One query row q over N positions: u_i = tanh(key_i + q) again (as <see cref="AdditiveScores"/>, so the same values),
    /// g_i = de_i · v ⊙ (1 − u_i²): dkey_i += g_i (dkey_i as far from key_i's row as the keys' rows), dq += Σ_i g_i,
    /// dv += Σ_i de_i · u_i. The row's q, dq and dv stay in registers across the positions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdditiveBackward(int k, int count, float* keys, float* dKeys, nint keyStride, float* query, float* de, float* v, float* dv, float* dq) =>
        LaneLoop.Run(new AdditiveBackwardBody
        {
            Keys = keys, DKeys = dKeys, KeyStride = keyStride, Query = query, De = de, V = v, DV = dv, DQ = dq, Count = count,
        }, k);

    /// <summary>
    /// tanh as a rational function (Eigen's single-precision coefficients, clamped to ±7.9053, the input itself
    /// below 4·10⁻⁴): within 3·10⁻⁷ of the exact value, like <see cref="VectorMath.Tanh(ReadOnlySpan{float}, Span{float})"/>,
    /// with one division and no exponential, which matters where the additive scores spend most of their time.
    /// NaN passes through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TVector, TLanes>(TVector a) where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        // Min/Max return their second operand when one is NaN, so a NaN input stays NaN.
        TVector x = TLanes.Max(TLanes.Splat(-TanhClamp), TLanes.Min(TLanes.Splat(TanhClamp), a));
        TVector x2 = TLanes.Multiply(x, x);
        TVector p = TLanes.MultiplyAdd(x2, TLanes.Splat(-2.76076847742355e-16f), TLanes.Splat(2.00018790482477e-13f));
        p = TLanes.MultiplyAdd(p, x2, TLanes.Splat(-8.60467152213735e-11f));
        p = TLanes.MultiplyAdd(p, x2, TLanes.Splat(5.12229709037114e-08f));
        p = TLanes.MultiplyAdd(p, x2, TLanes.Splat(1.48572235717979e-05f));
        p = TLanes.MultiplyAdd(p, x2, TLanes.Splat(6.37261928875436e-04f));
        p = TLanes.MultiplyAdd(p, x2, TLanes.Splat(4.89352455891786e-03f));
        p = TLanes.Multiply(p, x);
        TVector q = TLanes.MultiplyAdd(x2, TLanes.Splat(1.19825839466702e-06f), TLanes.Splat(1.18534705686654e-04f));
        q = TLanes.MultiplyAdd(q, x2, TLanes.Splat(2.26843463243900e-03f));
        q = TLanes.MultiplyAdd(q, x2, TLanes.Splat(4.89352518554385e-03f));
        return TLanes.Select(TLanes.LessThan(TLanes.Abs(a), TLanes.Splat(TanhLinearBelow)), a, TLanes.Divide(p, q));
    }

    private const float TanhClamp = 7.90531110763549805f, TanhLinearBelow = 4e-4f;

    private static void SumRows(int count, float* partial, float* sums, nint stride)
    {
        for (int i = 0; i < count; i++)
        {
            float* p = partial + (nint)i * PartialWidth;
            float s = 0f;
            for (int l = 0; l < PartialWidth; l++) s += p[l];
            sums[i * stride] = s;
        }
    }

    private struct ScoresBody : ILaneBody
    {
        public float* Keys, Query, V, Partial;
        public nint KeyStride;
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector v = TLanes.Load(V + c), q = TLanes.Load(Query + c);
            for (int i = 0; i < Count; i++)
            {
                TVector u = Tanh<TVector, TLanes>(TLanes.Add(TLanes.Load(Keys + i * KeyStride + c), q));
                float* p = Partial + (nint)i * PartialWidth;
                TLanes.Store(TLanes.MultiplyAdd(v, u, TLanes.Load(p)), p);
            }
        }
    }

    private struct ContextGradientBody : ILaneBody
    {
        public float* DMemory, Alpha, DContexts;
        public nint AlphaStepStride, DcStepStride;
        public int Steps;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            float* at = DMemory + c, dc = DContexts + c;
            TVector acc = TLanes.Load(at);
            for (int t = 0; t < Steps; t++) acc = TLanes.MultiplyAdd(TLanes.Splat(Alpha[t * AlphaStepStride]), TLanes.Load(dc + t * DcStepStride), acc);
            TLanes.Store(acc, at);
        }
    }

    private struct AdditiveBackwardBody : ILaneBody
    {
        public float* Keys, DKeys, Query, De, V, DV, DQ;
        public nint KeyStride;
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector v = TLanes.Load(V + c), one = TLanes.Splat(1f), dv = TLanes.Load(DV + c), q = TLanes.Load(Query + c), dq = TLanes.Load(DQ + c);
            for (int i = 0; i < Count; i++)
            {
                TVector u = Tanh<TVector, TLanes>(TLanes.Add(TLanes.Load(Keys + i * KeyStride + c), q));
                TVector de = TLanes.Splat(De[i]);
                TVector g = TLanes.Multiply(TLanes.Multiply(de, v), TLanes.Subtract(one, TLanes.Multiply(u, u)));
                dv = TLanes.MultiplyAdd(de, u, dv);
                dq = TLanes.Add(dq, g);
                float* dk = DKeys + i * KeyStride + c;
                TLanes.Store(TLanes.Add(TLanes.Load(dk), g), dk);
            }
            TLanes.Store(dv, DV + c);
            TLanes.Store(dq, DQ + c);
        }
    }
}
