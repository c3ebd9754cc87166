using System.Runtime.CompilerServices;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// The attention's per-row loops, fused and vectorized: each runs once per query row over the
/// feature lanes, with the loop over the L source positions inside, so accumulators stay in registers
/// and no call is made per position. Rows of one source position to the next are <c>stride</c> floats
/// apart. Dot products over lanes are gathered in a scratch of L × 16 floats (one row per position,
/// lanes of any width added into its first entries) and summed at the end.
/// </summary>
internal static unsafe class AttentionKernels
{
    /// <summary>Scratch floats per position for the lane-wise partial sums.</summary>
    public const int PartialWidth = 16;

    /// <summary>u_j = tanh(key_j + q) into <paramref name="hidden"/>, scores_j = v · u_j, for j &lt; L.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdditiveScores(int k, int length, float* keys, nint keyStride, float* query, float* v, float* hidden, nint hiddenStride,
        float* partial, Span<float> scores)
    {
        new Span<float>(partial, length * PartialWidth).Clear();
        LaneLoop.Run(new ScoresBody { Keys = keys, KeyStride = keyStride, Query = query, V = v, Hidden = hidden, HiddenStride = hiddenStride, Partial = partial, Length = length }, k);
        SumRows(length, partial, scores);
    }

    /// <summary>c = Σ_{j &lt; L} α_j · memory_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedSum(int m, int length, float* memory, nint stride, float* alpha, float* context) =>
        LaneLoop.Run(new WeightedSumBody { Memory = memory, Stride = stride, Alpha = alpha, Context = context, Length = length }, m);

    /// <summary>dα_j = dc · memory_j and dmemory_j += α_j · dc, for j &lt; L.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ContextBackward(int m, int length, float* memory, float* dMemory, nint stride, float* alpha, float* dContext,
        float* partial, Span<float> dAlpha)
    {
        new Span<float>(partial, length * PartialWidth).Clear();
        LaneLoop.Run(new ContextBackwardBody { Memory = memory, DMemory = dMemory, Stride = stride, Alpha = alpha, DContext = dContext, Partial = partial, Length = length }, m);
        SumRows(length, partial, dAlpha);
    }

    /// <summary>g_j = de_j · v ⊙ (1 − u_j²): dkey_j += g_j, dq += Σ_j g_j, dv += Σ_j de_j · u_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdditiveBackward(int k, int length, float* hidden, nint hiddenStride, float* dKeys, nint keyStride, float* de,
        float* v, float* dv, float* dq) =>
        LaneLoop.Run(new AdditiveBackwardBody
        {
            Hidden = hidden, HiddenStride = hiddenStride, DKeys = dKeys, KeyStride = keyStride, De = de, V = v, DV = dv, DQ = dq, Length = length,
        }, k);

    private static void SumRows(int length, float* partial, Span<float> sums)
    {
        for (int j = 0; j < length; j++)
        {
            float* p = partial + (nint)j * PartialWidth;
            float s = 0f;
            for (int i = 0; i < PartialWidth; i++) s += p[i];
            sums[j] = s;
        }
    }

    private struct ScoresBody : ILaneBody
    {
        public float* Keys, Query, V, Hidden, Partial;
        public nint KeyStride, HiddenStride;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector q = TLanes.Load(Query + c), v = TLanes.Load(V + c);
            for (int j = 0; j < Length; j++)
            {
                TVector u = VectorMath.Tanh<TVector, TLanes>(TLanes.Add(TLanes.Load(Keys + j * KeyStride + c), q));
                TLanes.Store(u, Hidden + j * HiddenStride + c);
                float* p = Partial + (nint)j * PartialWidth;
                TLanes.Store(TLanes.MultiplyAdd(v, u, TLanes.Load(p)), p);
            }
        }
    }

    private struct WeightedSumBody : ILaneBody
    {
        public float* Memory, Alpha, Context;
        public nint Stride;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector acc = TLanes.Splat(0f);
            for (int j = 0; j < Length; j++) acc = TLanes.MultiplyAdd(TLanes.Splat(Alpha[j]), TLanes.Load(Memory + j * Stride + c), acc);
            TLanes.Store(acc, Context + c);
        }
    }

    private struct ContextBackwardBody : ILaneBody
    {
        public float* Memory, DMemory, Alpha, DContext, Partial;
        public nint Stride;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector dc = TLanes.Load(DContext + c);
            for (int j = 0; j < Length; j++)
            {
                nint at = j * Stride + c;
                float* p = Partial + (nint)j * PartialWidth;
                TLanes.Store(TLanes.MultiplyAdd(dc, TLanes.Load(Memory + at), TLanes.Load(p)), p);
                TLanes.Store(TLanes.MultiplyAdd(TLanes.Splat(Alpha[j]), dc, TLanes.Load(DMemory + at)), DMemory + at);
            }
        }
    }

    private struct AdditiveBackwardBody : ILaneBody
    {
        public float* Hidden, DKeys, De, V, DV, DQ;
        public nint HiddenStride, KeyStride;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint c) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector v = TLanes.Load(V + c), one = TLanes.Splat(1f), dq = TLanes.Splat(0f), dv = TLanes.Splat(0f);
            for (int j = 0; j < Length; j++)
            {
                TVector u = TLanes.Load(Hidden + j * HiddenStride + c), de = TLanes.Splat(De[j]);
                TVector g = TLanes.Multiply(TLanes.Multiply(de, v), TLanes.Subtract(one, TLanes.Multiply(u, u)));
                dv = TLanes.MultiplyAdd(de, u, dv);
                dq = TLanes.Add(dq, g);
                float* dk = DKeys + j * KeyStride + c;
                TLanes.Store(TLanes.Add(TLanes.Load(dk), g), dk);
            }
            TLanes.Store(TLanes.Add(TLanes.Load(DQ + c), dq), DQ + c);
            TLanes.Store(TLanes.Add(TLanes.Load(DV + c), dv), DV + c);
        }
    }
}
