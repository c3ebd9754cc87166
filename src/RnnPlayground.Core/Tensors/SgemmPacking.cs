using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
                CopyRows(a + i0, lda, kc, height, dst, mr);
            }
            else
            {
                // op(A)(i, p) = a[i·lda + p]: a transpose of the panel's rows.
                Transpose(a + i0 * lda, lda, height, kc, dst, mr);
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
                CopyRows(b + j0, ldb, kc, width, dst, nr);
            }
            else
            {
                // op(B)(p, j) = b[j·ldb + p]: a transpose of the panel's rows of B.
                Transpose(b + j0 * ldb, ldb, width, kc, dst, nr);
                for (int j = width; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[(nint)p * nr + j] = 0f;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="width"/> floats into rows of
    /// <paramref name="dstWidth"/> ≥ width, zero-filling each row's tail (whole vectors when the widths match and are a multiple of 8).
    /// </summary>
    private static void CopyRows(float* src, nint srcStride, int rows, int width, float* dst, int dstWidth)
    {
        if (width == dstWidth && dstWidth % 8 == 0)
        {
            if (Vector256.IsHardwareAccelerated)
                for (int r = 0; r < rows; r++, src += srcStride, dst += dstWidth)
                    for (int j = 0; j < dstWidth; j += 8) Vector256.Store(Vector256.Load(src + j), dst + j);
            else
                for (int r = 0; r < rows; r++, src += srcStride, dst += dstWidth)
                    for (int j = 0; j < dstWidth; j += 4) Vector128.Store(Vector128.Load(src + j), dst + j);
            return;
        }
        for (int r = 0; r < rows; r++, src += srcStride, dst += dstWidth)
        {
            for (int j = 0; j < width; j++) dst[j] = src[j];
            for (int j = width; j < dstWidth; j++) dst[j] = 0f;
        }
    }

    /// <summary>
    /// dst[c·dstStride + r] = src[r·srcStride + c] for r &lt; rows, c &lt; cols: 8×8 blocks through AVX
    /// registers where the CPU has AVX, single elements elsewhere and at the ragged edges.
    /// </summary>
    private static void Transpose(float* src, nint srcStride, int rows, int cols, float* dst, nint dstStride)
    {
        int r = 0;
        if (Avx.IsSupported)
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8) Transpose8x8(src + r * srcStride + c, srcStride, dst + c * dstStride + r, dstStride);
                for (; c < cols; c++)
                    for (int i = 0; i < 8; i++) dst[c * dstStride + r + i] = src[(r + i) * srcStride + c];
            }
        for (; r < rows; r++)
        {
            float* source = src + r * srcStride;
            float* target = dst + r;
            for (int c = 0; c < cols; c++) target[c * dstStride] = source[c];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
