namespace RnnPlayground.Core.Tensors;

/// <summary>
/// The operands of one product C = op(A)·op(B) (+ C) as raw pointers, for the blocked driver and
/// the threads it splits the work over. B is either <see cref="B"/> (row-major, op by
/// <see cref="TransposeB"/>) or, when <see cref="PackedB"/> is set, panels packed over the whole k.
/// </summary>
internal readonly unsafe struct GemmProblem(
    SgemmKernel kernel, bool transposeA, bool transposeB, int m, int n, int k,
    float* a, nint lda, float* b, nint ldb, float* packedB, float* c, nint ldc, bool accumulate)
{
    public SgemmKernel Kernel { get; } = kernel;
    public bool TransposeA { get; } = transposeA;
    public bool TransposeB { get; } = transposeB;
    public int M { get; } = m;
    public int N { get; } = n;
    public int K { get; } = k;
    public float* A { get; } = a;
    public nint Lda { get; } = lda;
    public float* B { get; } = b;
    public nint Ldb { get; } = ldb;
    public float* PackedB { get; } = packedB;
    public float* C { get; } = c;
    public nint Ldc { get; } = ldc;
    public bool Accumulate { get; } = accumulate;

    /// <summary>Address of op(A) element (i, p).</summary>
    public float* AddressOfA(int i, int p) => TransposeA ? A + p * Lda + i : A + i * Lda + p;
}
