namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Single-precision matrix products over row-major storage:
/// C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C when <c>accumulate</c>).
/// op(X) is X or its transpose; a row-major X of r×c has leading dimension ≥ c.
/// </summary>
public static class Sgemm
{
    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.</summary>
    /// <param name="transposeA">A is stored k×m (lda ≥ m) and used transposed.</param>
    /// <param name="transposeB">B is stored n×k (ldb ≥ k) and used transposed.</param>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            Span<float> cRow = c.Slice(i * ldc, n);
            if (!accumulate) cRow.Clear();
            for (int p = 0; p < k; p++)
            {
                float aip = transposeA ? a[p * lda + i] : a[i * lda + p];
                if (aip == 0f) continue;
                if (transposeB)
                    for (int j = 0; j < n; j++) cRow[j] += aip * b[j * ldb + p];
                else
                {
                    ReadOnlySpan<float> bRow = b.Slice(p * ldb, n);
                    for (int j = 0; j < n; j++) cRow[j] += aip * bRow[j];
                }
            }
        }
    }

    internal static void Check(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        if (lda < Math.Max(1, aCols)) throw new ArgumentOutOfRangeException(nameof(lda), lda, $"must be ≥ {aCols}");
        if (ldb < Math.Max(1, bCols)) throw new ArgumentOutOfRangeException(nameof(ldb), ldb, $"must be ≥ {bCols}");
        if (ldc < Math.Max(1, n)) throw new ArgumentOutOfRangeException(nameof(ldc), ldc, $"must be ≥ {n}");
        if (aRows > 0 && aCols > 0 && aLength < (long)(aRows - 1) * lda + aCols)
            throw new ArgumentException($"A holds {aLength} values, too few for {aRows}×{aCols} with lda {lda}", "a");
        if (bRows > 0 && bCols > 0 && bLength < (long)(bRows - 1) * ldb + bCols)
            throw new ArgumentException($"B holds {bLength} values, too few for {bRows}×{bCols} with ldb {ldb}", "b");
        if (m > 0 && n > 0 && cLength < (long)(m - 1) * ldc + n)
            throw new ArgumentException($"C holds {cLength} values, too few for {m}×{n} with ldc {ldc}", "c");
    }
}
