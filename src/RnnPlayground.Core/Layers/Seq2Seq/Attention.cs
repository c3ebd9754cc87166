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
    private readonly PackedMatrix _queryWeightT = new(), _queryWeight = new();
    private float[] _keys = [], _alpha = [], _query = [], _queries = [], _scores = [];
    private float[] _dKeys = [], _dMemory = [], _dQuery = [], _dAlpha = [], _de = [], _partial = [];
    private float[] _memory = [], _dContexts = [], _dvBlocks = [];
    private int[] _lengths = [];
    private int _sourceSteps, _sourceBatch, _gradientSteps, _gradientRows;

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
        Grow(ref _dAlpha, maxRows * sourceSteps);
        Grow(ref _de, maxRows * sourceSteps);
        if (Kind == AttentionKind.Dot) return;
        Grow(ref _keys, n * k);
        Grow(ref _dKeys, n * k);
        Grow(ref _dMemory, n * m);
        if (Kind == AttentionKind.Additive)
        {
            Grow(ref _partial, RowBlocks(maxRows) * sourceSteps * AttentionKernels.PartialWidth);
            Grow(ref _dvBlocks, RowBlocks(maxRows) * k);
            Grow(ref _query, maxSteps * maxRows * k);
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
        int s = _sourceSteps, k = Size;
        Span<float> alpha = _alpha.AsSpan(t * rows * s, rows * s);
        Span<float> scores = _scores.AsSpan(0, rows * s);
        ReadOnlySpan<float> keys = Kind == AttentionKind.Dot ? _memory : _keys;
        // The additive kind scores its projected query q_t = W_q s [R, K]; dot and general the query itself.
        bool additive = Kind == AttentionKind.Additive;
        Span<float> q = additive ? _query.AsSpan(t * rows * k, rows * k) : default;
        if (additive) Sgemm.Multiply(false, rows, query, ldq, _queryWeightT, q, k);
        // One query row at a time over its source's keys, blocks of rows shared by the compute threads (each
        // row computed alone, so the bits do not depend on them). The additive tanh(W_q s + k_j) is not kept
        // (2.4 M floats over the benchmark's 12 steps, more than the caches hold): backward computes it again from the kept q_t.
        fixed (float* pk = keys, pq = additive ? q : query, pv = additive ? ScoreWeight!.Values : default, pp = _partial, ps = scores, pm = _memory,
            pa = alpha, pc = context)
        {
            var body = new ScoredRows(this, rows, pk, pq, additive ? k : ldq, pv, pp, ps, pm, pa, pc, ldc);
            ComputeThreads.ParallelFor(RowBlocks(rows), body, wakeSleepingWorkers: (long)rows * s * k >= WakeMinScores);
        }
    }

    /// <summary>Query rows per block of <see cref="ScoredRows"/> (a fixed size, so what a block computes does not depend on the thread count).</summary>
    private const int RowBlock = 16;

    /// <summary>Score elements (rows · S · K) of a step from which its blocks of rows may wake a sleeping worker (about 100 µs on one core).</summary>
    private const long WakeMinScores = 1L << 17;

    private static int RowBlocks(int rows) => (rows + RowBlock - 1) / RowBlock;

    /// <summary>
    /// Block i of a step's attention: rows 16i…16i+15 (of <paramref name="rows"/>), each its scores over
    /// its source (additive with the block's own scratch, else dot products with the query rows
    /// <paramref name="queries"/>, <paramref name="ldq"/> apart), softmax, α and context.
    /// </summary>
    private readonly unsafe struct ScoredRows(Attention owner, int rows, float* keys, float* queries, int ldq, float* v, float* partial,
        float* scores, float* memory, float* alpha, float* context, int ldc) : IParallelBody
    {
        public void Invoke(int index)
        {
            int s = owner._sourceSteps, k = owner.Size, m = owner.MemoryWidth, sb = owner._sourceBatch;
            bool additive = owner.Kind == AttentionKind.Additive;
            float* blockPartial = additive ? partial + (nint)index * s * AttentionKernels.PartialWidth : null;
            for (int r = index * RowBlock, end = Math.Min(rows, (index + 1) * RowBlock); r < end; r++)
            {
                int length = owner.LengthOf(r);
                float* rowScores = scores + (nint)r * s;
                if (additive)
                {
                    AttentionKernels.AdditiveScores(k, length, keys + (nint)owner.KeyRow(0, r) * k, (nint)sb * k, queries + (nint)r * ldq, v, blockPartial,
                        rowScores, 1);
                }
                else
                {
                    var qr = new ReadOnlySpan<float>(queries + (nint)r * ldq, k);
                    for (int j = 0; j < length; j++) rowScores[j] = TensorPrimitives.Dot(qr, new ReadOnlySpan<float>(keys + (nint)owner.KeyRow(j, r) * k, k));
                }
                var a = new Span<float>(alpha + (nint)r * s, s);
                TensorPrimitives.SoftMax(new ReadOnlySpan<float>(rowScores, length), a[..length]);
                a[length..].Clear();
                AttentionKernels.WeightedSum(m, length, memory + (nint)owner.KeyRow(0, r) * m, (nint)sb * m, alpha + (nint)r * s, context + (nint)r * ldc);
            }
        }
    }

    /// <summary>
    /// Clears the gradients the backward steps add into (memory and keys) and sizes what they keep for
    /// up to <paramref name="steps"/> steps of <paramref name="rows"/> query rows.
    /// </summary>
    public void BeginBackward(int steps, int rows)
    {
        int sourceRows = _sourceSteps * _sourceBatch;
        _gradientSteps = 0;
        Grow(ref _dContexts, steps * rows * MemoryWidth);
        if (Kind == AttentionKind.Additive)
        {
            Grow(ref _dQuery, steps * rows * Size);
            Grow(ref _queries, steps * rows * QueryWidth);
            Sgemm.PackB(false, Size, QueryWidth, QueryWeight!.Values, QueryWidth, _queryWeight);
        }
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
    /// Step t backward: from dLoss/dc_t [R, M] (row stride lddc) adds into the key gradients and the
    /// parameters' gradients, and adds dLoss/d(query) into <paramref name="dQuery"/> [R, Hd] (row stride ldd).
    /// dc_t is kept: what it adds to the memory's gradient (Σ_t α_tj dc_t) is one pass over all steps in <see cref="FinishBackward"/>;
    /// so are the additive kind's query and its gradient (dW_q of all steps is one product there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Backward(int t, int rows, ReadOnlySpan<float> query, int ldq, ReadOnlySpan<float> dContext, int lddc,
        Span<float> dQuery, int ldd)
    {
        int s = _sourceSteps, k = Size, m = MemoryWidth;
        ReadOnlySpan<float> alpha = _alpha.AsSpan(t * rows * s, rows * s);
        Span<float> dAlpha = _dAlpha.AsSpan(0, rows * s), de = _de.AsSpan(0, rows * s);
        ReadOnlySpan<float> keys = Kind == AttentionKind.Dot ? _memory : _keys;
        Span<float> dKeys = Kind == AttentionKind.Dot ? _dMemory : _dKeys;
        KeepStep(t, rows, query, ldq, dContext, lddc);
        Span<float> dq = Kind == AttentionKind.Additive ? _dQuery.AsSpan(t * rows * k, rows * k) : default;
        if (Kind == AttentionKind.Additive && _sourceBatch > 1)
        {
            AdditiveBackwardInBlocks(t, rows, dContext, lddc, dq);
            Sgemm.Multiply(false, rows, dq, k, _queryWeight, dQuery, ldd, accumulate: true);
            return;
        }
        fixed (float* pk = _keys, pq = _query, pv = ScoreWeight is { } sw ? sw.Values : default, pdv = ScoreWeight is { } sg ? sg.Gradients : default,
            pdk = dKeys, pdq = dq, pm = _memory, pa = alpha, pda = dAlpha, pdc = dContext, pde = de)
        {
            for (int j = 0; j < s; j++)
                for (int r0 = 0, r1; NextRun(j, rows, ref r0, out r1); r0 = r1)
                    AttentionKernels.Dots(m, r1 - r0, pm + (nint)KeyRow(j, r0) * m, RowStride(m), pdc + (nint)r0 * lddc, lddc, pda + (nint)r0 * s + j, s);
            for (int r = 0; r < rows; r++) SoftmaxGradient(LengthOf(r), pa + (nint)r * s, pda + (nint)r * s, pde + (nint)r * s);
            if (Kind == AttentionKind.Additive)
            {
                // One source for every query row (their key gradients coincide): the rows in turn.
                float* qt = pq + (nint)t * rows * k;
                for (int r = 0; r < rows; r++)
                    AttentionKernels.AdditiveBackward(k, LengthOf(r), pk + (nint)KeyRow(0, r) * k, pdk + (nint)KeyRow(0, r) * k, (nint)_sourceBatch * k,
                        qt + (nint)r * k, pde + (nint)r * s, pv, pdv, pdq + (nint)r * k);
            }
            else
            {
                for (int r = 0; r < rows; r++)
                    for (int j = 0, length = LengthOf(r); j < length; j++)
                    {
                        int row = KeyRow(j, r);
                        Span<float> dkey = dKeys.Slice(row * k, k);
                        TensorPrimitives.MultiplyAdd(query.Slice(r * ldq, k), de[r * s + j], dkey, dkey);
                        Span<float> dqr = dQuery.Slice(r * ldd, k);
                        TensorPrimitives.MultiplyAdd(keys.Slice(row * k, k), de[r * s + j], dqr, dqr);
                    }
            }
        }
        if (Kind == AttentionKind.Additive)
        {
            // d(query) += dq [R × K] · W_q [K × Hd] (dW_q in FinishBackward)
            Sgemm.Multiply(false, rows, dq, k, _queryWeight, dQuery, ldd, accumulate: true);
        }
    }

    /// <summary>One row's score gradient through the softmax: de = α ⊙ (dα − α·dα), over its <paramref name="length"/> positions.</summary>
    private static unsafe void SoftmaxGradient(int length, float* alpha, float* dAlpha, float* de)
    {
        double weighted = 0;
        for (int j = 0; j < length; j++) weighted += (double)alpha[j] * dAlpha[j];
        for (int j = 0; j < length; j++) de[j] = alpha[j] * (dAlpha[j] - (float)weighted);
    }

    /// <summary>
    /// The additive kind's backward step, each query row with its own source (the key gradients it
    /// writes are its own): blocks of <see cref="RowBlock"/> rows shared by the compute threads, each
    /// adding into the gradient of v a sum of its own, the blocks' sums then added in block order, so
    /// the bits do not depend on the thread count.
    /// </summary>
    private unsafe void AdditiveBackwardInBlocks(int t, int rows, ReadOnlySpan<float> dContext, int lddc, Span<float> dq)
    {
        int s = _sourceSteps, k = Size, blocks = RowBlocks(rows);
        Span<float> dvBlocks = _dvBlocks.AsSpan(0, blocks * k);
        dvBlocks.Clear();
        fixed (float* pk = _keys, pq = _query, pv = ScoreWeight!.Values, pdvb = dvBlocks, pdk = _dKeys, pdq = dq, pm = _memory, pa = _alpha,
            pda = _dAlpha, pdc = dContext, pde = _de)
        {
            var body = new AdditiveGradientRows(this, rows, pk, pq + (nint)t * rows * k, pv, pdvb, pdk, pdq, pm, pa + (nint)t * rows * s, pda, pdc, lddc, pde);
            ComputeThreads.ParallelFor(blocks, body, wakeSleepingWorkers: (long)rows * s * k >= WakeMinScores);
        }
        Span<float> dv = ScoreWeight.Gradients;
        for (int b = 0; b < blocks; b++) VectorMath.Add(dv, dvBlocks.Slice(b * k, k), dv);
    }

    /// <summary>
    /// Block i of an additive backward step (see <see cref="AdditiveBackwardInBlocks"/>): per row,
    /// dα_j = h_j · dc, de = α ⊙ (dα − α·dα), then the key, query and (into the block's own sum) v gradients.
    /// </summary>
    private readonly unsafe struct AdditiveGradientRows(Attention owner, int rows, float* keys, float* q, float* v, float* dvBlocks, float* dKeys,
        float* dq, float* memory, float* alpha, float* dAlpha, float* dContext, int lddc, float* de) : IParallelBody
    {
        public void Invoke(int index)
        {
            int s = owner._sourceSteps, k = owner.Size, m = owner.MemoryWidth;
            nint keyStride = (nint)owner._sourceBatch * k;
            for (int r = index * RowBlock, end = Math.Min(rows, (index + 1) * RowBlock); r < end; r++)
            {
                int length = owner.LengthOf(r);
                float* a = alpha + (nint)r * s, da = dAlpha + (nint)r * s, e = de + (nint)r * s;
                var dc = new ReadOnlySpan<float>(dContext + (nint)r * lddc, m);
                for (int j = 0; j < length; j++) da[j] = TensorPrimitives.Dot(new ReadOnlySpan<float>(memory + (nint)owner.KeyRow(j, r) * m, m), dc);
                SoftmaxGradient(length, a, da, e);
                AttentionKernels.AdditiveBackward(k, length, keys + (nint)owner.KeyRow(0, r) * k, dKeys + (nint)owner.KeyRow(0, r) * k, keyStride,
                    q + (nint)r * k, e, v, dvBlocks + (nint)index * k, dq + (nint)r * k);
            }
        }
    }

    /// <summary>
    /// After the last backward step: the keys' gradients go into the key weights and the memory;
    /// returns dLoss/d(memory) [S·B, M] (the first S·B·M values of the array).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe float[] FinishBackward()
    {
        int n = _sourceSteps * _sourceBatch, k = Size, m = MemoryWidth, s = _sourceSteps, rows = _gradientRows;
        fixed (float* pdm = _dMemory, pa = _alpha, pdc = _dContexts)
        {
            // One query row at a time, over its source's positions: its dc_t of all steps stay in cache.
            for (int r = 0; r < rows && _gradientSteps > 0; r++)
                for (int j = 0, length = LengthOf(r); j < length; j++)
                    AttentionKernels.ContextGradient(m, _gradientSteps, pdm + (nint)KeyRow(j, r) * m, pa + (nint)r * s + j, (nint)rows * s, pdc + (nint)r * m, (nint)rows * m);
        }
        if (Kind == AttentionKind.Additive && _gradientSteps > 0)
        {
            // dW_q += Σ_t dq_tᵀ · query_t
            int qn = _gradientSteps * rows;
            Sgemm.Multiply(true, false, k, QueryWidth, qn, _dQuery.AsSpan(0, qn * k), k, _queries.AsSpan(0, qn * QueryWidth), QueryWidth,
                QueryWeight!.Gradients, QueryWidth, accumulate: true);
        }
        if (Kind is AttentionKind.Additive or AttentionKind.General)
        {
            ReadOnlySpan<float> dKeys = _dKeys.AsSpan(0, n * k);
            Sgemm.Multiply(true, false, k, m, n, dKeys, k, _memory, m, KeyWeight!.Gradients, m, accumulate: true);
            if (KeyBias is { } kb) VectorMath.AddColumnSums(n, k, dKeys, k, kb.Gradients);
            Sgemm.Multiply(false, false, n, m, k, dKeys, k, KeyWeight.Values, m, _dMemory, m, accumulate: true);
        }
        return _dMemory;
    }

    /// <summary>
    /// Keeps dc_t [R, M] for <see cref="FinishBackward"/>, and for the additive kind the query [R, Hd] with
    /// dq_t cleared; the steps not back-propagated count as zeros. The buffers are sized by <see cref="BeginBackward"/>.
    /// </summary>
    private void KeepStep(int t, int rows, ReadOnlySpan<float> query, int ldq, ReadOnlySpan<float> dContext, int lddc)
    {
        int m = MemoryWidth, k = Size, hd = QueryWidth;
        bool additive = Kind == AttentionKind.Additive;
        if ((t + 1) * rows * m > _dContexts.Length) throw new InvalidOperationException($"attention: backward step {t} of {rows} rows is beyond what BeginBackward sized");
        if (t >= _gradientSteps)
        {
            int first = _gradientSteps, count = t + 1 - _gradientSteps;
            _dContexts.AsSpan(first * rows * m, count * rows * m).Clear();
            if (additive)
            {
                _dQuery.AsSpan(first * rows * k, count * rows * k).Clear();
                _queries.AsSpan(first * rows * hd, count * rows * hd).Clear();
            }
            _gradientSteps = t + 1;
        }
        else if (additive)
        {
            _dQuery.AsSpan(t * rows * k, rows * k).Clear();
        }
        _gradientRows = rows;
        for (int r = 0; r < rows; r++) dContext.Slice(r * lddc, m).CopyTo(_dContexts.AsSpan((t * rows + r) * m, m));
        if (additive)
            for (int r = 0; r < rows; r++) query.Slice(r * ldq, hd).CopyTo(_queries.AsSpan((t * rows + r) * hd, hd));
    }

    private int KeyRow(int j, int r) => j * _sourceBatch + (_sourceBatch == 1 ? 0 : r);

    private int LengthOf(int r) => _lengths[_sourceBatch == 1 ? 0 : r];

    /// <summary>Floats from one query row's key (or memory row) of <paramref name="width"/> to the next row's at the same position (0: one shared source).</summary>
    private nint RowStride(int width) => _sourceBatch == 1 ? 0 : width;

    /// <summary>
    /// The next block of query rows [start, end) whose sources reach position <paramref name="j"/>,
    /// from <paramref name="start"/> on (advanced past rows whose sources are shorter); false when none is left.
    /// </summary>
    private bool NextRun(int j, int rows, ref int start, out int end)
    {
        while (start < rows && LengthOf(start) <= j) start++;
        end = start;
        while (end < rows && LengthOf(end) > j) end++;
        return end > start;
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }
}
