using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Portable 128-bit microkernel, 4×8 (SSE, NEON, or software vectors elsewhere); multiply-add fused
/// where the hardware has it.
/// </summary>
internal static unsafe class SgemmKernelsPortable
{
    public const int Mr = 4;
    public const int Nr = 8;

    /// <summary>A element (r, p) at a[p·aStride + r]; see <see cref="SgemmKernel"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ColumnA(nint kc, float* a, nint aStride, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector128<float> c00 = default; Vector128<float> c01 = default;
        Vector128<float> c10 = default; Vector128<float> c11 = default;
        Vector128<float> c20 = default; Vector128<float> c21 = default;
        Vector128<float> c30 = default; Vector128<float> c31 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            { Vector128<float> x = Vector128.Create(a[0]); c00 = Vector128.MultiplyAddEstimate(x, b0, c00); c01 = Vector128.MultiplyAddEstimate(x, b1, c01); }
            { Vector128<float> x = Vector128.Create(a[1]); c10 = Vector128.MultiplyAddEstimate(x, b0, c10); c11 = Vector128.MultiplyAddEstimate(x, b1, c11); }
            { Vector128<float> x = Vector128.Create(a[2]); c20 = Vector128.MultiplyAddEstimate(x, b0, c20); c21 = Vector128.MultiplyAddEstimate(x, b1, c21); }
            { Vector128<float> x = Vector128.Create(a[3]); c30 = Vector128.MultiplyAddEstimate(x, b0, c30); c31 = Vector128.MultiplyAddEstimate(x, b1, c31); }
            a += aStride; b += 8;
        }
        if (accumulate)
        {
            c00 += Vector128.Load(c + 0 * ldc + 0); c01 += Vector128.Load(c + 0 * ldc + 4);
            c10 += Vector128.Load(c + 1 * ldc + 0); c11 += Vector128.Load(c + 1 * ldc + 4);
            c20 += Vector128.Load(c + 2 * ldc + 0); c21 += Vector128.Load(c + 2 * ldc + 4);
            c30 += Vector128.Load(c + 3 * ldc + 0); c31 += Vector128.Load(c + 3 * ldc + 4);
        }
        c00.Store(c + 0 * ldc + 0); c01.Store(c + 0 * ldc + 4);
        c10.Store(c + 1 * ldc + 0); c11.Store(c + 1 * ldc + 4);
        c20.Store(c + 2 * ldc + 0); c21.Store(c + 2 * ldc + 4);
        c30.Store(c + 3 * ldc + 0); c31.Store(c + 3 * ldc + 4);
    }

    /// <summary>A element (r, p) at a[r·aStride + p]; see <see cref="SgemmKernel"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RowA(nint kc, float* a, nint aStride, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector128<float> c00 = default; Vector128<float> c01 = default;
        Vector128<float> c10 = default; Vector128<float> c11 = default;
        Vector128<float> c20 = default; Vector128<float> c21 = default;
        Vector128<float> c30 = default; Vector128<float> c31 = default;
        float* a0 = a; float* a1 = a + 1 * aStride; float* a2 = a + 2 * aStride; float* a3 = a + 3 * aStride;
        for (nint p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            { Vector128<float> x = Vector128.Create(a0[p]); c00 = Vector128.MultiplyAddEstimate(x, b0, c00); c01 = Vector128.MultiplyAddEstimate(x, b1, c01); }
            { Vector128<float> x = Vector128.Create(a1[p]); c10 = Vector128.MultiplyAddEstimate(x, b0, c10); c11 = Vector128.MultiplyAddEstimate(x, b1, c11); }
            { Vector128<float> x = Vector128.Create(a2[p]); c20 = Vector128.MultiplyAddEstimate(x, b0, c20); c21 = Vector128.MultiplyAddEstimate(x, b1, c21); }
            { Vector128<float> x = Vector128.Create(a3[p]); c30 = Vector128.MultiplyAddEstimate(x, b0, c30); c31 = Vector128.MultiplyAddEstimate(x, b1, c31); }
            b += 8;
        }
        if (accumulate)
        {
            c00 += Vector128.Load(c + 0 * ldc + 0); c01 += Vector128.Load(c + 0 * ldc + 4);
            c10 += Vector128.Load(c + 1 * ldc + 0); c11 += Vector128.Load(c + 1 * ldc + 4);
            c20 += Vector128.Load(c + 2 * ldc + 0); c21 += Vector128.Load(c + 2 * ldc + 4);
            c30 += Vector128.Load(c + 3 * ldc + 0); c31 += Vector128.Load(c + 3 * ldc + 4);
        }
        c00.Store(c + 0 * ldc + 0); c01.Store(c + 0 * ldc + 4);
        c10.Store(c + 1 * ldc + 0); c11.Store(c + 1 * ldc + 4);
        c20.Store(c + 2 * ldc + 0); c21.Store(c + 2 * ldc + 4);
        c30.Store(c + 3 * ldc + 0); c31.Store(c + 3 * ldc + 4);
    }
}
