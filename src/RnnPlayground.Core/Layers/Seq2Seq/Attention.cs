using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// The decoder's attention over the encoder states ("memory" h_j, [S·B, M] time-major: row j·B + b).
/// Every step t scores the query s (the decoder's previous state, [R, Hd]) against each h_j,
/// α_t = softmax_j(e_t), context c_t = Σ_j α_tj h_j [R, M]. The keys a score needs from h_j
/// (additive: W_k h_j + b_k; general: W_a h_j; dot: h_j itself) are made once per sequence by
/// <see cref="Prepare"/>. Parameters (PyTorch names): additive <c>attention.query.weight</c> [K × Hd],
/// <c>attention.key.weight</c> [K × M], <c>attention.key.bias</c> [K], <c>attention.v.weight</c> [1 × K];
/// general <c>attention.key.weight</c> [Hd × M]; dot none. What a step keeps for backward (α, and the
/// additive tanh layer) is kept per step, in buffers that grow once.
/// A query row r reads source column r, or column 0 for every row when the memory holds one sequence
/// (beam search: all beams attend to the same source).
/// </summary>
public sealed class Attention
{
    private readonly PackedMatrix _queryWeightT = new();
    private float[] _keys = [], _alpha = [], _hidden = [], _query = [], _scores = [];
    private float[] _dKeys = [], _dMemory = [], _dQuery = [], _dAlpha = [], _de = [], _partial = [];
    private float[] _memory = [];
    private int[] _lengths = [];
    private int _sourceSteps, _sourceBatch;

    /// <summary>Declares the parameters of <paramref name="kind"/> attention (none for <see cref="AttentionKind.None"/>).</summary>
    public Attention(ParameterStore store, string prefix, AttentionKind kind, int queryWidth, int memoryWidth, int size)
    {
        ArgumentNullException.ThrowIfNull(store);
        Kind = kind;
        QueryWidth = queryWidth;
        MemoryWidth = memoryWidth;
        switch (kind)
        {
            case AttentionKind.Additive:
                Size = size;
                QueryWeight = store.Declare(prefix + "query.weight", size, queryWidth);
                KeyWeight = store.Declare(prefix + "key.weight", size, memoryWidth);
                KeyBias = store.Declare(prefix + "key.bias", size);
                ScoreWeight = store.Declare(prefix + "v.weight", 1, size);
                break;
            case AttentionKind.General:
                Size = queryWidth;
                KeyWeight = store.Declare(prefix + "key.weight", queryWidth, memoryWidth);
                break;
            case AttentionKind.Dot:
                if (queryWidth != memoryWidth) throw new ArgumentException($"attention 'dot' needs equal widths, got query {queryWidth} and memory {memoryWidth}");
                Size = memoryWidth;
                break;
        }
    }

    public AttentionKind Kind { get; }

    /// <summary>Hd: width of the query (the decoder state).</summary>
    public int QueryWidth { get; }

    /// <summary>M: width of an encoder state, and of the context.</summary>
    public int MemoryWidth { get; }

    /// <summary>K: width of a key (additive: its hidden layer; general and dot: Hd).</summary>
    public int Size { get; }

    public Parameter? QueryWeight { get; }

    public Parameter? KeyWeight { get; }

    public Parameter? KeyBias { get; }

    public Parameter? ScoreWeight { get; }

    /// <summary>S of the memory given to the latest <see cref="Prepare"/>.</summary>
    public int SourceSteps => _sourceSteps;

    /// <summary>PyTorch's default initialization of each Linear: uniform(±1/√fan_in).</summary>
    public void ResetParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (QueryWeight is { } q) Uniform(random, q, QueryWidth);
        if (KeyWeight is { } k) Uniform(random, k, MemoryWidth);
        if (KeyBias is { } kb) Uniform(random, kb, MemoryWidth);
        if (ScoreWeight is { } v) Uniform(random, v, Size);
    }

    private static void Uniform(RandomSource random, Parameter p, int fanIn)
    {
        float bound = 1f / MathF.Sqrt(fanIn);
        random.FillUniform(p.Values, -bound, bound);
    }

    /// <summary>
    /// Takes the memory [S·B, M] (kept by reference until the next call) and makes the keys; sizes
    /// the per-step storage for up to <paramref name="maxSteps"/> steps of <paramref name="maxRows"/> query rows.
    /// With <paramref name="lengths"/> [B] source b has only its first lengths[b] positions (the rest is
    /// padding, weight 0); empty means every source is S long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Prepare(float[] memory, int sourceSteps, int sourceBatch, int maxSteps, int maxRows, ReadOnlySpan<int> lengths = default)
    {
        int m = MemoryWidth, k = Size, n = sourceSteps * sourceBatch;
        _memory = memory;
        _sourceSteps = sourceSteps;
        _sourceBatch = sourceBatch;
        Grow(ref _lengths, sourceBatch);
        for (int b = 0; b < sourceBatch; b++)
        {
            int length = lengths.IsEmpty ? sourceSteps : lengths[b];
            if (length < 1 || length > sourceSteps) throw new ArgumentException($"attention: source {b} has length {length}; lengths must be in [1, {sourceSteps}]");
            _lengths[b] = length;
        }
        Grow(ref _alpha, maxSteps * maxRows * sourceSteps);
        Grow(ref _scores, maxRows * sourceSteps);
        Grow(ref _dAlpha, sourceSteps);
        Grow(ref _de, sourceSteps);
        Grow(ref _partial, sourceSteps * AttentionKernels.PartialWidth);
        if (Kind == AttentionKind.Dot) return;
        Grow(ref _keys, n * k);
        Grow(ref _dKeys, n * k);
        Grow(ref _dMemory, n * m);
        if (Kind == AttentionKind.Additive)
        {
            Grow(ref _hidden, maxSteps * maxRows * sourceSteps * k);
            Grow(ref _query, maxRows * k);
            Grow(ref _dQuery, maxRows * k);
            Span<float> keys = _keys.AsSpan(0, n * k);
            ReadOnlySpan<float> bias = KeyBias!.Values;
            for (int r = 0; r < n; r++) bias.CopyTo(keys.Slice(r * k, k));
            Sgemm.Multiply(false, true, n, k, m, memory, m, KeyWeight!.Values, m, keys, k, accumulate: true);
            Sgemm.PackB(true, QueryWidth, k, QueryWeight!.Values, QueryWidth, _queryWeightT);
        }
        else
        {
            Sgemm.Multiply(false, true, n, k, m, memory, m, KeyWeight!.Values, m, _keys, k);
        }
    }

    /// <summary>The attention weights α_t [R, S] of step <paramref name="t"/> (R = the rows of that step).</summary>
    public ReadOnlySpan<float> Weights(int t, int rows) => _alpha.AsSpan(t * rows * _sourceSteps, rows * _sourceSteps);

    /// <summary>Step t: scores <paramref name="query"/> [R, Hd] (row stride ldq), writes α_t and the context [R, M] (row stride ldc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Forward(int t, int rows, ReadOnlySpan<float> query, int ldq, Span<float> context, int ldc)
    {
        int s = _sourceSteps, k = Size, m = MemoryWidth, sb = _sourceBatch;
        Span<float> alpha = _alpha.AsSpan(t * rows * s, rows * s);
        Span<float> scores = _scores.AsSpan(0, rows * s);
        ReadOnlySpan<float> keys = Kind == AttentionKind.Dot ? _memory : _keys;
        if (Kind == AttentionKind.Additive)
        {
            Span<float> q = _query.AsSpan(0, rows * k);
            Sgemm.Multiply(false, rows, query, ldq, _queryWeightT, q, k);
            fixed (float* pk = keys, pq = q, ph = _hidden, pv = ScoreWeight!.Values, pp = _partial)
            {
                float* hiddenBase = ph + (nint)t * rows * s * k;
                for (int r = 0; r < rows; r++)
                    AttentionKernels.AdditiveScores(k, LengthOf(r), pk + (nint)KeyRow(0, r) * k, (nint)sb * k, pq + (nint)r * k, pv,
                        hiddenBase + (nint)r * k, (nint)rows * k, pp, scores.Slice(r * s, s));
            }
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> qr = query.Slice(r * ldq, k);
                for (int j = 0, length = LengthOf(r); j < length; j++) scores[r * s + j] = TensorPrimitives.Dot(qr, keys.Slice(KeyRow(j, r) * k, k));
            }
        }
        fixed (float* pm = _memory, pa = alpha, pc = context)
        {
            for (int r = 0; r < rows; r++)
            {
                Span<float> a = alpha.Slice(r * s, s);
                int length = LengthOf(r);
                TensorPrimitives.SoftMax(scores.Slice(r * s, length), a[..length]);
                a[length..].Clear();
                AttentionKernels.WeightedSum(m, length, pm + (nint)KeyRow(0, r) * m, (nint)sb * m, pa + (nint)r * s, pc + (nint)r * ldc);
            }
        }
    }

    /// <summary>Clears the gradients the backward steps add into (memory and keys).</summary>
    public void BeginBackward(int sourceRows)
    {
        if (Kind == AttentionKind.Dot)
        {
            Grow(ref _dMemory, sourceRows * MemoryWidth);
            _dMemory.AsSpan(0, sourceRows * MemoryWidth).Clear();
            return;
        }
        _dMemory.AsSpan(0, sourceRows * MemoryWidth).Clear();
        _dKeys.AsSpan(0, sourceRows * Size).Clear();
    }

    /// <summary>
    /// Step t backward: from dLoss/dc_t [R, M] (row stride lddc) adds into the memory and key
    /// gradients and the parameters' gradients, and adds dLoss/d(query) into <paramref name="dQuery"/> [R, Hd] (row stride ldd).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Backward(int t, int rows, ReadOnlySpan<float> query, int ldq, ReadOnlySpan<float> dContext, int lddc,
        Span<float> dQuery, int ldd)
    {
        int s = _sourceSteps, k = Size, m = MemoryWidth, sb = _sourceBatch;
        ReadOnlySpan<float> alpha = _alpha.AsSpan(t * rows * s, rows * s);
        Span<float> dAlpha = _dAlpha.AsSpan(0, s), de = _de.AsSpan(0, s);
        ReadOnlySpan<float> keys = Kind == AttentionKind.Dot ? _memory : _keys;
        Span<float> dKeys = Kind == AttentionKind.Dot ? _dMemory : _dKeys;
        Span<float> dq = Kind == AttentionKind.Additive ? _dQuery.AsSpan(0, rows * k) : default;
        if (!dq.IsEmpty) dq.Clear();
        fixed (float* ph = _hidden, pv = ScoreWeight is { } sw ? sw.Values : default, pdv = ScoreWeight is { } sg ? sg.Gradients : default,
            pdk = dKeys, pdq = dq, pm = _memory, pdm = _dMemory, pa = alpha, pdc = dContext, pp = _partial, pde = de)
        {
            for (int r = 0; r < rows; r++)
            {
                int length = LengthOf(r);
                AttentionKernels.ContextBackward(m, length, pm + (nint)KeyRow(0, r) * m, pdm + (nint)KeyRow(0, r) * m, (nint)sb * m,
                    pa + (nint)r * s, pdc + (nint)r * lddc, pp, dAlpha);
                double weighted = 0;
                for (int j = 0; j < length; j++) weighted += (double)alpha[r * s + j] * dAlpha[j];
                for (int j = 0; j < length; j++) de[j] = alpha[r * s + j] * (dAlpha[j] - (float)weighted);
                if (Kind == AttentionKind.Additive)
                {
                    AttentionKernels.AdditiveBackward(k, length, ph + ((nint)t * rows * s + r) * k, (nint)rows * k, pdk + (nint)KeyRow(0, r) * k,
                        (nint)sb * k, pde, pv, pdv, pdq + (nint)r * k);
                    continue;
                }
                for (int j = 0; j < length; j++)
                {
                    int row = KeyRow(j, r);
                    Span<float> dkey = dKeys.Slice(row * k, k);
                    TensorPrimitives.MultiplyAdd(query.Slice(r * ldq, k), de[j], dkey, dkey);
                    Span<float> dqr = dQuery.Slice(r * ldd, k);
                    TensorPrimitives.MultiplyAdd(keys.Slice(row * k, k), de[j], dqr, dqr);
                }
            }
        }
        if (Kind == AttentionKind.Additive)
        {
            // d(query) += dq [R × K] · W_q [K × Hd]; dW_q += dqᵀ · query
            Sgemm.Multiply(false, false, rows, QueryWidth, k, dq, k, QueryWeight!.Values, QueryWidth, dQuery, ldd, accumulate: true);
            Sgemm.Multiply(true, false, k, QueryWidth, rows, dq, k, query, ldq, QueryWeight.Gradients, QueryWidth, accumulate: true);
        }
    }

    /// <summary>
    /// After the last backward step: the keys' gradients go into the key weights and the memory;
    /// returns dLoss/d(memory) [S·B, M] (the first S·B·M values of the array).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float[] FinishBackward()
    {
        int n = _sourceSteps * _sourceBatch, k = Size, m = MemoryWidth;
        if (Kind is AttentionKind.Additive or AttentionKind.General)
        {
            ReadOnlySpan<float> dKeys = _dKeys.AsSpan(0, n * k);
            Sgemm.Multiply(true, false, k, m, n, dKeys, k, _memory, m, KeyWeight!.Gradients, m, accumulate: true);
            if (KeyBias is { } kb) VectorMath.AddColumnSums(n, k, dKeys, k, kb.Gradients);
            Sgemm.Multiply(false, false, n, m, k, dKeys, k, KeyWeight.Values, m, _dMemory, m, accumulate: true);
        }
        return _dMemory;
    }

    private int KeyRow(int j, int r) => j * _sourceBatch + (_sourceBatch == 1 ? 0 : r);

    private int LengthOf(int r) => _lengths[_sourceBatch == 1 ? 0 : r];

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }
}
