namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layouts the microkernels read, zero-padding the
/// last panel so kernels always run full tiles.
/// </summary>
internal static unsafe class SgemmPacking
{
    /// <summary>
    /// Packs op(A)[rows × kc] (starting at <paramref name="a"/>, i.e. at op(A) element (i0, p0)) into
    /// panels of <paramref name="mr"/> rows: panel q holds element (q·mr + r, p) at
    /// dst[q·kc·mr + p·mr + r]; rows past <paramref name="rows"/> are zero.
    /// </summary>
    public static void PackA(bool transposeA, float* a, nint lda, int rows, int kc, int mr, float* dst)
    {
        for (int i0 = 0; i0 < rows; i0 += mr, dst += (nint)kc * mr)
        {
            int height = Math.Min(mr, rows - i0);
            if (transposeA)
            {
                // op(A)(i, p) = a[p·lda + i]: each k step is a contiguous run of the panel's rows.
                float* src = a + i0;
                for (int p = 0; p < kc; p++, src += lda)
                {
                    float* d = dst + (nint)p * mr;
                    new ReadOnlySpan<float>(src, height).CopyTo(new Span<float>(d, height));
                    if (height < mr) new Span<float>(d + height, mr - height).Clear();
                }
            }
            else
            {
                // op(A)(i, p) = a[i·lda + p]: transpose each row into the panel's column.
                for (int r = 0; r < height; r++)
                {
                    float* src = a + (i0 + r) * lda;
                    float* d = dst + r;
                    int p = 0;
                    for (; p + 4 <= kc; p += 4)
                    {
                        d[(nint)p * mr] = src[p];
                        d[(nint)(p + 1) * mr] = src[p + 1];
                        d[(nint)(p + 2) * mr] = src[p + 2];
                        d[(nint)(p + 3) * mr] = src[p + 3];
                    }
                    for (; p < kc; p++) d[(nint)p * mr] = src[p];
                }
                for (int r = height; r < mr; r++)
                    for (int p = 0; p < kc; p++) dst[(nint)p * mr + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[kc × cols] (starting at <paramref name="b"/>, i.e. at op(B) element (p0, j0)) into
    /// panels of <paramref name="nr"/> columns, each <paramref name="panelStride"/> floats apart:
    /// panel q holds element (p, q·nr + j) at dst[q·panelStride + p·nr + j]; columns past
    /// <paramref name="cols"/> are zero.
    /// </summary>
    public static void PackB(bool transposeB, float* b, nint ldb, int kc, int cols, int nr, float* dst, nint panelStride)
    {
        for (int j0 = 0; j0 < cols; j0 += nr, dst += panelStride)
        {
            int width = Math.Min(nr, cols - j0);
            if (!transposeB)
            {
                // op(B)(p, j) = b[p·ldb + j]: each k step is a contiguous run of the panel's columns.
                float* src = b + j0;
                for (int p = 0; p < kc; p++, src += ldb)
                {
                    float* d = dst + (nint)p * nr;
                    new ReadOnlySpan<float>(src, width).CopyTo(new Span<float>(d, width));
                    if (width < nr) new Span<float>(d + width, nr - width).Clear();
                }
            }
            else
            {
                // op(B)(p, j) = b[j·ldb + p]: transpose each row of B into the panel's column.
                for (int j = 0; j < width; j++)
                {
                    float* src = b + (j0 + j) * ldb;
                    float* d = dst + j;
                    int p = 0;
                    for (; p + 4 <= kc; p += 4)
                    {
                        d[(nint)p * nr] = src[p];
                        d[(nint)(p + 1) * nr] = src[p + 1];
                        d[(nint)(p + 2) * nr] = src[p + 2];
                        d[(nint)(p + 3) * nr] = src[p + 3];
                    }
                    for (; p < kc; p++) d[(nint)p * nr] = src[p];
                }
                for (int j = width; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[(nint)p * nr + j] = 0f;
            }
        }
    }
}
