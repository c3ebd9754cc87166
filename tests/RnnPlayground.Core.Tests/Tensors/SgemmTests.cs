using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

public class SgemmTests
{
    private static readonly string[] KernelNames = SgemmKernel.Supported.Select(kernel => kernel.Name).ToArray();

    private static SgemmKernel KernelNamed(string name) => SgemmKernel.Supported.Single(kernel => kernel.Name == name);

    private static readonly int[] OddSizes = [1, 2, 7, 15, 17, 33, 65];

    /// <summary>Operands with random padding in every leading dimension, and the exact answer.</summary>
    private sealed class Problem
    {
        public Problem(int seed, bool transposeA, bool transposeB, int m, int n, int k, bool pad = true)
        {
            var random = new Random(seed);
            TransposeA = transposeA;
            TransposeB = transposeB;
            M = m;
            N = n;
            K = k;
            int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
            int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
            Lda = Math.Max(1, aCols) + (pad ? random.Next(4) : 0);
            Ldb = Math.Max(1, bCols) + (pad ? random.Next(4) : 0);
            Ldc = Math.Max(1, n) + (pad ? random.Next(4) : 0);
            A = Fill(random, aRows * Lda);
            B = Fill(random, bRows * Ldb);
            COriginal = Fill(random, m * Ldc);
        }

        public bool TransposeA { get; }
        public bool TransposeB { get; }
        public int M { get; }
        public int N { get; }
        public int K { get; }
        public int Lda { get; }
        public int Ldb { get; }
        public int Ldc { get; }
        public float[] A { get; }
        public float[] B { get; }
        public float[] COriginal { get; }

        // op(A)·op(B) rounded once from double, and Σ|a·b| per element, computed on first use.
        private float[]? _product;
        private double[]? _magnitude;

        private static float[] Fill(Random random, int count)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            return values;
        }

        private float AAt(int i, int p) => TransposeA ? A[p * Lda + i] : A[i * Lda + p];

        private float BAt(int p, int j) => TransposeB ? B[j * Ldb + p] : B[p * Ldb + j];

        /// <summary>
        /// Asserts that <paramref name="c"/> holds op(A)·op(B) (+ the original C) within float32
        /// summation error, and that its padding columns are the original values.
        /// </summary>
        public void AssertResult(float[] c, bool accumulate)
        {
            if (_magnitude is null)
            {
                _product = new float[c.Length];
                SgemmReference.Multiply(TransposeA, TransposeB, M, N, K, A, Lda, B, Ldb, _product, Ldc);
                _magnitude = new double[c.Length];
                for (int i = 0; i < M; i++)
                    for (int j = 0; j < N; j++)
                        for (int p = 0; p < K; p++) _magnitude[i * Ldc + j] += Math.Abs((double)AAt(i, p) * BAt(p, j));
            }
            for (int i = 0; i < M; i++)
            {
                for (int j = 0; j < N; j++)
                {
                    int at = i * Ldc + j;
                    double magnitude = _magnitude[at] + (accumulate ? Math.Abs(COriginal[at]) : 0);
                    double tolerance = 1e-6 * (1 + Math.Sqrt(K)) * magnitude + 1e-30;
                    float actual = c[at], want = accumulate ? (float)((double)_product![at] + COriginal[at]) : _product![at];
                    if (!(Math.Abs(actual - want) <= tolerance))
                        Assert.Fail($"C[{i},{j}] = {actual}, expected {want} ± {tolerance:G3} " +
                            $"({(TransposeA ? 'T' : 'N')}{(TransposeB ? 'T' : 'N')} m={M} n={N} k={K})");
                }
                for (int j = N; j < Ldc; j++)
                    Assert.That(c[i * Ldc + j], Is.EqualTo(COriginal[i * Ldc + j]), $"padding C[{i},{j}] was written");
            }
        }

        /// <summary>The starting C: the original values to accumulate onto, else NaN (must be overwritten).</summary>
        public float[] StartingC(bool accumulate)
        {
            var c = (float[])COriginal.Clone();
            if (!accumulate)
                for (int i = 0; i < M; i++) Array.Fill(c, float.NaN, i * Ldc, N);
            return c;
        }
    }

    [Test]
    public void OddShapesAllTransposesMatchReference(
        [ValueSource(nameof(KernelNames))] string kernelName, [Values] bool transposeA, [Values] bool transposeB)
    {
        var kernel = KernelNamed(kernelName);
        int seed = 0;
        foreach (int m in OddSizes)
            foreach (int n in OddSizes)
                foreach (int k in new[] { 1, 7, 33 })
                {
                    var problem = new Problem(++seed, transposeA, transposeB, m, n, k);
                    bool accumulate = seed % 2 == 0;
                    float[] c = problem.StartingC(accumulate);
                    Sgemm.Multiply(kernel, 1, transposeA, transposeB, m, n, k,
                        problem.A, problem.Lda, problem.B, problem.Ldb, c, problem.Ldc, accumulate);
                    problem.AssertResult(c, accumulate);
                }
    }

    [TestCase(100, 260, 600)]   // several k blocks, A packed (many column panels), ragged edges
    [TestCase(300, 40, 257)]    // several row blocks, A read in place
    [TestCase(20, 2100, 9)]     // several column blocks
    [TestCase(448, 128, 4)]     // input projection of a short sequence
    [TestCase(128, 32, 448)]    // weight gradient shape
    public void LargeShapesMatchReference(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
            {
                var problem = new Problem(m ^ n ^ k, transposeA, transposeB, m, n, k);
                foreach (var kernel in SgemmKernel.Supported)
                    foreach (bool accumulate in new[] { false, true })
                    {
                        float[] c = problem.StartingC(accumulate);
                        Sgemm.Multiply(kernel, 1, transposeA, transposeB, m, n, k,
                            problem.A, problem.Lda, problem.B, problem.Ldb, c, problem.Ldc, accumulate);
                        problem.AssertResult(c, accumulate);
                    }
            }
    }

    [Test]
    public void PublicMultiplyMatchesReference([Values] bool transposeA, [Values] bool transposeB, [Values] bool accumulate)
    {
        var problem = new Problem(7, transposeA, transposeB, 37, 71, 45);
        float[] c = problem.StartingC(accumulate);
        Sgemm.Multiply(transposeA, transposeB, 37, 71, 45, problem.A, problem.Lda, problem.B, problem.Ldb, c, problem.Ldc, accumulate);
        problem.AssertResult(c, accumulate);
    }

    [Test]
    public void InnerDimensionZeroClearsOrKeepsC([Values] bool accumulate)
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Sgemm.Multiply(false, false, 2, 2, 0, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, 2, c, 3, accumulate);
        Assert.That(c, Is.EqualTo(accumulate ? new float[] { 1, 2, 3, 4, 5, 6 } : new float[] { 0, 0, 3, 0, 0, 6 }));
    }

    [Test]
    public void EmptyOutputTouchesNothing()
    {
        Sgemm.Multiply(false, false, 0, 5, 3, ReadOnlySpan<float>.Empty, 3, new float[15], 5, Span<float>.Empty, 5);
        var c = new float[] { 9 };
        Sgemm.Multiply(true, true, 1, 0, 3, new float[3], 1, ReadOnlySpan<float>.Empty, 3, c, 1);
        Assert.That(c[0], Is.EqualTo(9f));
    }

    [Test]
    public void PackedOperandMatchesReference(
        [ValueSource(nameof(KernelNames))] string kernelName, [Values] bool transposeA, [Values] bool transposeB)
    {
        var kernel = KernelNamed(kernelName);
        var packed = new PackedMatrix();
        int seed = 100;
        foreach (var (m, n, k) in new[] { (32, 128, 32), (16, 64, 64), (7, 33, 17), (1, 1, 1), (45, 300, 300), (3, 257, 5) })
        {
            var problem = new Problem(++seed, transposeA, transposeB, m, n, k);
            Sgemm.PackB(kernel, transposeB, k, n, problem.B, problem.Ldb, packed);
            Assert.That((packed.Rows, packed.Columns), Is.EqualTo((k, n)));
            foreach (bool accumulate in new[] { false, true })
            {
                float[] c = problem.StartingC(accumulate);
                Sgemm.Multiply(1, transposeA, m, problem.A, problem.Lda, packed, c, problem.Ldc, accumulate);
                problem.AssertResult(c, accumulate);
            }
        }
    }

    [Test]
    public void PackedOperandWithInnerDimensionZero()
    {
        var packed = new PackedMatrix();
        Sgemm.PackB(false, 0, 3, ReadOnlySpan<float>.Empty, 3, packed);
        var c = new float[] { 1, 2, 3 };
        Sgemm.Multiply(false, 1, ReadOnlySpan<float>.Empty, 1, packed, c, 3);
        Assert.That(c, Is.EqualTo(new float[3]));
    }

    [Test]
    public void ThreadedProductEqualsSingleThreaded([Values] bool transposeA, [Values] bool transposeB)
    {
        // Splitting by panels or rows does not change the order of any element's sum, so the results are identical;
        // 1024×96×300 is a narrow product with a large A, split by rows.
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 4;
        try
        {
            foreach (var (m, n, k) in new[] { (200, 330, 120), (40, 1100, 64), (600, 40, 64), (2, 2000, 300), (1024, 96, 300) })
            {
                var problem = new Problem(m + n + k, transposeA, transposeB, m, n, k);
                float[] single = problem.StartingC(true), threaded = problem.StartingC(true);
                Sgemm.Multiply(SgemmKernel.Best, 1, transposeA, transposeB, m, n, k,
                    problem.A, problem.Lda, problem.B, problem.Ldb, single, problem.Ldc, true);
                Sgemm.Multiply(SgemmKernel.Best, 4, transposeA, transposeB, m, n, k,
                    problem.A, problem.Lda, problem.B, problem.Ldb, threaded, problem.Ldc, true);
                Assert.That(threaded, Is.EqualTo(single));
                problem.AssertResult(threaded, true);

                var packed = new PackedMatrix();
                Sgemm.PackB(transposeB, k, n, problem.B, problem.Ldb, packed);
                float[] packedSingle = problem.StartingC(false), packedThreaded = problem.StartingC(false);
                Sgemm.Multiply(1, transposeA, m, problem.A, problem.Lda, packed, packedSingle, problem.Ldc);
                Sgemm.Multiply(4, transposeA, m, problem.A, problem.Lda, packed, packedThreaded, problem.Ldc);
                Assert.That(packedThreaded, Is.EqualTo(packedSingle));
                problem.AssertResult(packedThreaded, false);
            }
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void NoAllocationAfterWarmUp()
    {
        var shapes = new[] { (32, 128, 32), (16, 64, 64), (300, 300, 300), (64, 1536, 512) };
        var problems = shapes.Select((s, i) => new Problem(1, i % 2 == 1, i % 2 == 0, s.Item1, s.Item2, s.Item3, pad: false)).ToArray();
        var cs = problems.Select(p => p.StartingC(false)).ToArray();
        var packed = shapes.Select(_ => new PackedMatrix()).ToArray();
        void RunAll()
        {
            for (int i = 0; i < problems.Length; i++)
            {
                var p = problems[i];
                Sgemm.Multiply(p.TransposeA, p.TransposeB, p.M, p.N, p.K, p.A, p.Lda, p.B, p.Ldb, cs[i], p.Ldc);
                Sgemm.PackB(p.TransposeB, p.K, p.N, p.B, p.Ldb, packed[i]);
                Sgemm.Multiply(p.TransposeA, p.M, p.A, p.Lda, packed[i], cs[i], p.Ldc, accumulate: true);
            }
        }
        RunAll();
        // Steady state: the fewest bytes of three windows. A product that allocated would do so in
        // every window; a one-off allocation under load (CI saw 7,680 B once, not reproduced in 900
        // repetitions) shows in one window only.
        long fewest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunAll();
            RunAll();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.That(fewest, Is.Zero);
    }

    [Test]
    public void AThreadsBuffersDoNotGrowWithTheShareItRuns()
    {
        // Which parts of a threaded product the calling thread runs depends on scheduling; its
        // buffers must already fit any of them, or a run after warm-up can allocate.
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 1;
        try
        {
            var small = new Problem(1, false, false, 8, 32, 16, pad: false);
            var large = new Problem(1, false, true, 64, 1536, 512, pad: false);
            float[] smallC = small.StartingC(false), largeC = large.StartingC(false);
            Sgemm.Multiply(small.TransposeA, small.TransposeB, small.M, small.N, small.K, small.A, small.Lda, small.B, small.Ldb, smallC, small.Ldc);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Sgemm.Multiply(large.TransposeA, large.TransposeB, large.M, large.N, large.K, large.A, large.Lda, large.B, large.Ldb, largeC, large.Ldc);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void RepackingIntoSameInstanceReusesStorage()
    {
        var packed = new PackedMatrix();
        Sgemm.PackB(false, 64, 64, new float[64 * 64], 64, packed);
        int capacity = packed.CapacityFloats;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Sgemm.PackB(true, 32, 100, new float[100 * 32].AsSpan(), 32, packed);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(100 * 32 * 4 + 100)); // only the test's own source array
        Assert.That(packed.CapacityFloats, Is.EqualTo(capacity));
        Assert.That((packed.Rows, packed.Columns), Is.EqualTo((32, 100)));
    }

    [TestCase(false, 96, 128, 32)]   // W_hh [G·H × H] backwards: k = 96, slices of dh's columns
    [TestCase(true, 32, 96, 32)]     // W_hhᵀ forwards: slices of each gate's columns
    [TestCase(true, 40, 70, 64)]     // a ragged last panel, packed with its zero padding
    public unsafe void PackingColumnRangesEqualsPackingTheWhole(bool transposeB, int k, int n, int step)
    {
        var random = new Random(5);
        int ldb = (transposeB ? k : n) + 3;
        float[] b = Enumerable.Range(0, (transposeB ? n : k) * ldb).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var whole = new PackedMatrix();
        Sgemm.PackB(transposeB, k, n, b, ldb, whole);
        var pieces = Sgemm.PrepareB(k, n, new PackedMatrix());
        int floats = whole.CapacityFloats;
        new Span<float>(pieces.Data, pieces.CapacityFloats).Fill(float.NaN);
        // Out of order, as threads would: the later ranges first.
        fixed (float* pb = b)
            for (int n0 = (n - 1) / step * step; n0 >= 0; n0 -= step)
                Sgemm.PackBColumns(transposeB, pb, ldb, pieces, n0, Math.Min(step, n - n0));
        int packedFloats = (n + whole.PanelWidth - 1) / whole.PanelWidth * whole.PanelWidth * k;
        Assert.That(floats, Is.GreaterThanOrEqualTo(packedFloats));
        Assert.That(new ReadOnlySpan<float>(pieces.Data, packedFloats).SequenceEqual(new ReadOnlySpan<float>(whole.Data, packedFloats)), Is.True);
        Assert.That((pieces.Rows, pieces.Columns), Is.EqualTo((k, n)));
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        var a = new float[12];
        var b = new float[12];
        var c = new float[12];
        Assert.Multiple(() =>
        {
            var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, -1, 3, 4, a, 4, b, 3, c, 3));
            Assert.That(negative!.ParamName, Is.EqualTo("m"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 3, -2, 4, a, 4, b, 3, c, 3))!.ParamName, Is.EqualTo("n"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 3, 3, -4, a, 4, b, 3, c, 3))!.ParamName, Is.EqualTo("k"));
            var lda = Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 3, 3, 4, a, 3, b, 3, c, 3));
            Assert.That((lda!.ParamName, lda.ActualValue), Is.EqualTo(("lda", (object)3)));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(true, false, 3, 3, 4, a, 2, b, 3, c, 3))!.ParamName, Is.EqualTo("lda"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, true, 3, 3, 4, a, 4, b, 3, c, 3))!.ParamName, Is.EqualTo("ldb"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 3, 3, 4, a, 4, b, 3, c, 2))!.ParamName, Is.EqualTo("ldc"));
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 3, 3, 4, a.AsSpan(0, 11), 4, b, 3, c, 3))!.ParamName, Is.EqualTo("a"));
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 3, 3, 4, a, 4, b.AsSpan(0, 11), 3, c, 3))!.ParamName, Is.EqualTo("b"));
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 3, 3, 4, a, 4, b, 3, c.AsSpan(0, 8), 3))!.ParamName, Is.EqualTo("c"));
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, 3, a, 4, new PackedMatrix(), c, 3))!.ParamName, Is.EqualTo("b"));
            Assert.Throws<ArgumentNullException>(() => Sgemm.Multiply(false, 3, a, 4, null!, c, 3));
            Assert.Throws<ArgumentNullException>(() => Sgemm.PackB(false, 4, 3, b, 3, null!));
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.PackB(false, 5, 3, b, 3, new PackedMatrix()))!.ParamName, Is.EqualTo("b"));
            var packed = new PackedMatrix();
            Sgemm.PackB(false, 4, 3, b, 3, packed);
            Assert.That(Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, 4, a, 4, packed, c, 3))!.ParamName, Is.EqualTo("a"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, 3, a, 4, packed, c, 2))!.ParamName, Is.EqualTo("ldc"));
        });
    }
}
