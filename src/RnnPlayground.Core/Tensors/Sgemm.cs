using System.Diagnostics;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Single-precision matrix products over row-major storage:
/// C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C when <c>accumulate</c>).
/// op(X) is X or its transpose; a row-major X of r×c has leading dimension ≥ c.
/// </summary>
/// <remarks>
/// Blocked in the usual way (panels of op(B) packed per KC×NC block and kept in L1/L2, blocks of
/// op(A) packed when they are reused across many panels and read in place otherwise) around a
/// register-blocked microkernel: AVX-512 where the CPU has it, else AVX2 + FMA, else 128-bit
/// vectors. Large products are split across <see cref="ComputeThreads.Count"/> cores by column
/// (or row) panels; small ones stay on the calling thread. Packing buffers are per thread and
/// reused, so after the first call of a size no call allocates. C must not overlap A or B.
/// Safe to call from several threads at once (one of them at a time gets the worker pool; the
/// others compute on their own thread).
/// Measured choices (AMD EPYC Zen 5, 2 cores): blocks KC = 256, MC = 192, NC = 2048; threads
/// from 2²⁰ multiply-adds up, in up to 4 parts per thread of at least 2¹⁸ multiply-adds; blocked
/// workers are woken only for products from 2²⁴ multiply-adds up.
/// </remarks>
public static unsafe class Sgemm
{
    /// <summary>Depth of one packed block (k direction).</summary>
    private const int BlockK = 256;

    /// <summary>Rows of op(A) per block (kept in L2).</summary>
    private const int BlockM = 192;

    /// <summary>Columns of op(B) per packed block (kept in L2/L3).</summary>
    private const int BlockN = 2048;

    /// <summary>op(A) blocks are packed when a block feeds at least this many column panels.</summary>
    private const int PackAMinPanels = 8;

    /// <summary>Products with fewer multiply-adds (m·n·k) than this stay on the calling thread.</summary>
    private const long ParallelMinWork = 1L << 20;

    /// <summary>
    /// Products with fewer multiply-adds than this (about 100 µs on one core) are shared only with
    /// workers that are awake, never wake a blocked one (see
    /// <see cref="ComputeThreads.ParallelFor{TBody}(int, TBody, bool)"/>): a product now and then
    /// between serial work runs faster alone, while the products of a time loop keep the workers
    /// awake and are shared.
    /// </summary>
    private const long WakeMinWork = 1L << 24;

    /// <summary>A threaded product is cut into up to this many parts per thread…</summary>
    private const int PartsPerThread = 4;

    /// <summary>…of at least this many multiply-adds each.</summary>
    private const long PartMinWork = 1L << 18;

    /// <summary>Products are computed transposed (see <see cref="TransposedIsCheaper"/>) only from this depth up.</summary>
    private const int TransposeMinK = 16;

    /// <summary>Rows of C per part at least, when a product is split by rows.</summary>
    private const int RowPartMinRows = 64;

    /// <summary>Elements of op(A) (1 MB of floats) from which a narrow product is split by rows (see <see cref="RowsShareBetter"/>).</summary>
    private const long RowSplitMinA = 1L << 18;

    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.</summary>
    /// <param name="transposeA">A is stored k×m (lda ≥ m) and used transposed.</param>
    /// <param name="transposeB">B is stored n×k (ldb ≥ k) and used transposed.</param>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a, pb = b, pc = c)
            Run(new GemmProblem(SgemmKernel.Best, transposeA, transposeB, m, n, k, pa, lda, pb, ldb, null, pc, ldc, accumulate),
                ComputeThreads.Count);
    }

    /// <summary>
    /// Packs op(B)[k×n] into <paramref name="into"/> for later products
    /// <see cref="Multiply(bool, int, ReadOnlySpan{float}, int, PackedMatrix, Span{float}, int, bool)"/>;
    /// reuses its storage when it is large enough.
    /// </summary>
    /// <param name="transposeB">B is stored n×k (ldb ≥ k) and used transposed; else k×n (ldb ≥ n).</param>
    public static void PackB(bool transposeB, int k, int n, ReadOnlySpan<float> b, int ldb, PackedMatrix into) =>
        PackB(SgemmKernel.Best, transposeB, k, n, b, ldb, into);

    /// <summary>
    /// C[m×n] = op(A)[m×k] · B, or C += … when <paramref name="accumulate"/>, with B[k×n] packed
    /// beforehand by <see cref="PackB"/> (k = <see cref="PackedMatrix.Rows"/>,
    /// n = <see cref="PackedMatrix.Columns"/>). The fastest form for a product repeated with the
    /// same B, e.g. the recurrent term h·W_hhᵀ of every time step.
    /// </summary>
    /// <param name="transposeA">A is stored k×m (lda ≥ m) and used transposed; else m×k (lda ≥ k).</param>
    public static void Multiply(bool transposeA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b,
        Span<float> c, int ldc, bool accumulate = false) =>
        Multiply(ComputeThreads.Count, transposeA, m, a, lda, b, c, ldc, accumulate);

    internal static void Multiply(int threads, bool transposeA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b,
        Span<float> c, int ldc, bool accumulate = false)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (!b.IsPacked) throw new ArgumentException("the packed matrix holds nothing yet; fill it with Sgemm.PackB first", nameof(b));
        int k = b.Rows, n = b.Columns;
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        CheckOperand("a", nameof(lda), transposeA ? k : m, transposeA ? m : k, a.Length, lda);
        CheckOperand("c", nameof(ldc), m, n, c.Length, ldc);
        fixed (float* pa = a, pc = c)
            Run(new GemmProblem(b.Kernel, transposeA, false, m, n, k, pa, lda, null, 0, b.Data, pc, ldc, accumulate), threads);
    }

    /// <summary>
    /// Columns <paramref name="n0"/>…<paramref name="n1"/>−1 of C[m×n] = A[m×k]·B (+ C when
    /// <paramref name="accumulate"/>), B packed (k×n), on the calling thread: one slice of a product
    /// whose columns several threads share. <paramref name="n0"/> must be a multiple of the packed
    /// panel width (<see cref="PackedMatrix.PanelWidth"/>); each element is computed exactly as by the whole product.
    /// </summary>
    internal static void MultiplyColumns(int m, float* a, nint lda, PackedMatrix b, int n0, int n1, float* c, nint ldc, bool accumulate)
    {
        if (m == 0 || n1 <= n0) return;
        Debug.Assert(n0 % b.Kernel.Nr == 0 && n1 <= b.Columns && b.Rows > 0);
        Compute(new GemmProblem(b.Kernel, false, false, m, b.Columns, b.Rows, a, lda, null, 0, b.Data, c, ldc, accumulate),
            0, m, n0, n1, SgemmWorkspace.Current);
    }

    internal static void Multiply(SgemmKernel kernel, int threads, bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a, pb = b, pc = c)
            Run(new GemmProblem(kernel, transposeA, transposeB, m, n, k, pa, lda, pb, ldb, null, pc, ldc, accumulate), threads);
    }

    internal static void PackB(SgemmKernel kernel, bool transposeB, int k, int n, ReadOnlySpan<float> b, int ldb, PackedMatrix into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckOperand("b", nameof(ldb), transposeB ? n : k, transposeB ? k : n, b.Length, ldb);
        into.Prepare(kernel, k, n);
        fixed (float* pb = b)
            PackBColumns(transposeB, pb, ldb, into, 0, n);
    }

    /// <summary>
    /// Sizes <paramref name="into"/> for op(B)[k×n] in <see cref="SgemmKernel.Best"/>'s layout without
    /// packing anything: its panels are then filled by <see cref="PackBColumns"/>, e.g. each by the
    /// thread that multiplies with it.
    /// </summary>
    internal static PackedMatrix PrepareB(int k, int n, PackedMatrix into)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        into.Prepare(SgemmKernel.Best, k, n);
        return into;
    }

    /// <summary>
    /// Packs columns [<paramref name="n0"/>, <paramref name="n0"/> + <paramref name="count"/>) of
    /// op(B) into <paramref name="into"/>, sized beforehand for the whole op(B) by <see cref="PrepareB"/>
    /// or <see cref="PackB(bool, int, int, ReadOnlySpan{float}, int, PackedMatrix)"/>: the same
    /// floats as packing the whole, written only in those columns' panels. <paramref name="n0"/> is a
    /// whole number of panels; so is <paramref name="count"/> unless it ends at the last column.
    /// Different threads may pack disjoint column ranges at once.
    /// </summary>
    internal static void PackBColumns(bool transposeB, float* b, nint ldb, PackedMatrix into, int n0, int count)
    {
        int nr = into.PanelWidth, k = into.Rows;
        Debug.Assert(into.IsPacked && n0 % nr == 0 && n0 + count <= into.Columns && (count % nr == 0 || n0 + count == into.Columns));
        if (k == 0 || count <= 0) return;
        float* origin = transposeB ? b + n0 * ldb : b + n0;
        SgemmPacking.PackB(transposeB, origin, ldb, k, count, nr, into.Data + (nint)(n0 / nr) * k * nr, (nint)k * nr);
    }

    internal static void Check(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckOperand("a", nameof(lda), transposeA ? k : m, transposeA ? m : k, aLength, lda);
        CheckOperand("b", nameof(ldb), transposeB ? n : k, transposeB ? k : n, bLength, ldb);
        CheckOperand("c", nameof(ldc), m, n, cLength, ldc);
    }

    private static void CheckOperand(string name, string leadingName, int rows, int cols, int length, int leading)
    {
        if (leading < Math.Max(1, cols)) throw new ArgumentOutOfRangeException(leadingName, leading, $"must be ≥ {Math.Max(1, cols)}");
        if (rows > 0 && cols > 0 && length < (long)(rows - 1) * leading + cols)
            throw new ArgumentException(
                $"{char.ToUpperInvariant(name[0])} holds {length} values, too few for {rows}×{cols} with {leadingName} {leading}", name);
    }

    private static void Run(in GemmProblem problem, int threads)
    {
        if (problem.M == 0 || problem.N == 0) return;
        if (problem.K == 0)
        {
            if (!problem.Accumulate)
                for (int i = 0; i < problem.M; i++) new Span<float>(problem.C + i * problem.Ldc, problem.N).Clear();
            return;
        }
        if (problem.PackedB == null && TransposedIsCheaper(problem))
        {
            RunTransposed(problem, threads);
            return;
        }
        long work = (long)problem.M * problem.N * problem.K;
        bool wake = work >= WakeMinWork;
        // A product that may not wake a worker, with none awake, runs whole on the caller: cut into
        // parts it would pack B (or, split by rows, all of B per part) once a part for nothing.
        if (threads <= 1 || work < ParallelMinWork || ComputeThreads.RunsOnCaller(wake))
        {
            Compute(problem, 0, problem.M, 0, problem.N, SgemmWorkspace.Current);
            return;
        }
        // More parts than threads, handed out one at a time: a thread that starts late (woken from
        // sleep, or preempted by another process) leaves its parts to the others instead of
        // holding everyone up. Column parts pack disjoint parts of B; row parts each pack all of
        // B, so they are used only when B is too narrow, and kept tall enough to amortize that.
        int columnPanels = (problem.N + problem.Kernel.Nr - 1) / problem.Kernel.Nr;
        bool splitColumns = columnPanels >= threads && !RowsShareBetter(problem, columnPanels, threads);
        int largestParts = splitColumns ? columnPanels : (problem.M + RowPartMinRows - 1) / RowPartMinRows;
        int parts = (int)Math.Min(Math.Min(largestParts, threads * PartsPerThread), Math.Max(threads, work / PartMinWork));
        if (parts <= 1)
        {
            Compute(problem, 0, problem.M, 0, problem.N, SgemmWorkspace.Current);
            return;
        }
        ComputeThreads.ParallelFor(parts, new PartBody(problem, parts, splitColumns), wakeSleepingWorkers: wake);
    }

    /// <summary>
    /// Whether a product should be split by rows although it has a column panel per thread: when
    /// op(A) is large (a weight gradient dAᵀ·X over every time step, or dA·W_ih) and C so narrow
    /// that a column part would hold too few panels to pack A, every column part would stream all
    /// of A from memory again, read in place; a row part reads only its rows of A, packed, and packs
    /// B (small here) for itself.
    /// </summary>
    private static bool RowsShareBetter(in GemmProblem g, int columnPanels, int threads) =>
        g.PackedB == null && columnPanels / threads < PackAMinPanels
        && (long)g.M * g.K >= RowSplitMinA && g.M >= threads * RowPartMinRows;

    /// <summary>
    /// Whether computing Cᵀ = op(B)ᵀ·op(A)ᵀ wastes much less of the microkernel than C itself: a C
    /// only a few columns wide (a weight gradient of a layer with few inputs, dW [G·H × 4]) fills
    /// Nr-wide panels mostly with padding, while its transpose fills them with the long side.
    /// </summary>
    private static bool TransposedIsCheaper(in GemmProblem g)
    {
        if (g.K < TransposeMinK) return false;
        int mr = g.Kernel.Mr, nr = g.Kernel.Nr;
        long padded = RoundUp(g.M, mr) * RoundUp(g.N, nr), paddedTransposed = RoundUp(g.N, mr) * RoundUp(g.M, nr);
        return 2 * paddedTransposed <= padded;
    }

    private static long RoundUp(int value, int multiple) => (value + multiple - 1L) / multiple * multiple;

    /// <summary>C (+)= (op(B)ᵀ·op(A)ᵀ)ᵀ through a per-thread scratch Cᵀ [n × m].</summary>
    private static void RunTransposed(in GemmProblem g, int threads)
    {
        int m = g.M, n = g.N;
        float* scratch = SgemmWorkspace.Current.Transposed.Ensure(m * n);
        Run(new GemmProblem(g.Kernel, !g.TransposeB, !g.TransposeA, n, m, g.K, g.B, g.Ldb, g.A, g.Lda, null, scratch, m, false), threads);
        for (int i = 0; i < m; i++)
        {
            float* c = g.C + i * g.Ldc;
            float* column = scratch + i;
            if (g.Accumulate)
                for (int j = 0; j < n; j++) c[j] += column[(nint)j * m];
            else
                for (int j = 0; j < n; j++) c[j] = column[(nint)j * m];
        }
    }

    /// <summary>One of <see cref="Parts"/> equal shares of a product, by column panels or by rows.</summary>
    private readonly struct PartBody(GemmProblem problem, int parts, bool splitColumns) : IParallelBody
    {
        private readonly GemmProblem _problem = problem;
        public int Parts { get; } = parts;

        public void Invoke(int index)
        {
            // Whole kernel tiles per part: column panels of Nr, or row tiles of Mr.
            int unit = splitColumns ? _problem.Kernel.Nr : _problem.Kernel.Mr;
            int extent = splitColumns ? _problem.N : _problem.M;
            long units = (extent + unit - 1) / unit;
            int start = (int)(units * index / Parts) * unit;
            int end = Math.Min(extent, (int)(units * (index + 1) / Parts) * unit);
            if (splitColumns) Compute(_problem, 0, _problem.M, start, end, SgemmWorkspace.Current);
            else Compute(_problem, start, end, 0, _problem.N, SgemmWorkspace.Current);
        }
    }

    /// <summary>C rows m0…m1−1, columns n0…n1−1 (n0 a multiple of Nr when B is prepacked).</summary>
    private static void Compute(in GemmProblem g, int m0, int m1, int n0, int n1, SgemmWorkspace workspace)
    {
        SgemmKernel kernel = g.Kernel;
        int mr = kernel.Mr, nr = kernel.Nr;
        int blockM = Math.Max(mr, BlockM / mr * mr), blockN = Math.Max(nr, BlockN / nr * nr);
        // Every buffer at its full size at first use, whatever this part needs: which parts a
        // thread runs depends on scheduling, so sizing to the part could allocate after warm-up.
        // A prepacked B needs no block of its own.
        float* tile = workspace.Tile.Ensure(mr * nr);
        float* aBuffer = workspace.A.Ensure((blockM + mr) * BlockK);
        float* bBuffer = g.PackedB == null ? workspace.B.Ensure(blockN * BlockK) : null;
        for (int jc = n0; jc < n1; jc += blockN)
        {
            int nc = Math.Min(blockN, n1 - jc);
            int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < g.K; pc += BlockK)
            {
                int kc = Math.Min(BlockK, g.K - pc);
                bool accumulate = g.Accumulate || pc > 0;
                float* bBlock;
                nint bPanelStride;
                if (g.PackedB != null)
                {
                    bPanelStride = (nint)g.K * nr;
                    bBlock = g.PackedB + jc / nr * bPanelStride + (nint)pc * nr;
                }
                else
                {
                    bPanelStride = (nint)kc * nr;
                    bBlock = bBuffer;
                    float* bOrigin = g.TransposeB ? g.B + jc * g.Ldb + pc : g.B + pc * g.Ldb + jc;
                    SgemmPacking.PackB(g.TransposeB, bOrigin, g.Ldb, kc, nc, nr, bBlock, bPanelStride);
                }
                for (int ic = m0; ic < m1; ic += blockM)
                {
                    int mc = Math.Min(blockM, m1 - ic);
                    bool packA = panels >= PackAMinPanels;
                    int fullRows = packA ? 0 : mc / mr * mr;
                    float* aPacked = null;
                    if (fullRows < mc)
                    {
                        // Packed rows: the whole block, or only the ragged last tile when A is read in place.
                        aPacked = aBuffer;
                        SgemmPacking.PackA(g.TransposeA, g.AddressOfA(ic + fullRows, pc), g.Lda, mc - fullRows, kc, mr, aPacked);
                    }
                    for (int jr = 0; jr < panels; jr++)
                    {
                        float* bPanel = bBlock + jr * bPanelStride;
                        int width = Math.Min(nr, nc - jr * nr);
                        float* cPanel = g.C + jc + jr * nr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int height = Math.Min(mr, mc - ir);
                            float* cTile = cPanel + (ic + ir) * g.Ldc;
                            var run = kernel.ColumnA;
                            float* aTile;
                            nint aStride;
                            if (ir >= fullRows)
                            {
                                aTile = aPacked + (nint)(ir - fullRows) * kc;
                                aStride = mr;
                            }
                            else if (g.TransposeA)
                            {
                                aTile = g.AddressOfA(ic + ir, pc);
                                aStride = g.Lda;
                            }
                            else
                            {
                                aTile = g.AddressOfA(ic + ir, pc);
                                aStride = g.Lda;
                                run = kernel.RowA;
                            }
                            if (height == mr && width == nr)
                                run(kc, aTile, aStride, bPanel, cTile, g.Ldc, accumulate);
                            else
                            {
                                run(kc, aTile, aStride, bPanel, tile, nr, false);
                                StoreTile(tile, nr, cTile, g.Ldc, height, width, accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void StoreTile(float* tile, int tileStride, float* c, nint ldc, int rows, int cols, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            var source = new ReadOnlySpan<float>(tile + r * tileStride, cols);
            var target = new Span<float>(c + r * ldc, cols);
            if (accumulate) System.Numerics.Tensors.TensorPrimitives.Add(target, source, target);
            else source.CopyTo(target);
        }
    }
}
