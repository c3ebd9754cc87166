using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// A register-blocked microkernel: C[Mr×Nr] = A[Mr×kc]·B[kc×Nr] (+ C when accumulating), where B is
/// a packed panel (Nr floats per k step, 64-byte aligned) and A is read in one of two layouts:
/// <see cref="ColumnA"/> reads element (r, p) at a[p·aStride + r] (packed A panels with
/// aStride = Mr, or a transposed A in place), <see cref="RowA"/> at a[r·aStride + p] (a row-major A
/// in place). Both always compute the full Mr×Nr tile.
/// </summary>
internal sealed unsafe class SgemmKernel
{
    private SgemmKernel(string name, int mr, int nr,
        delegate*<nint, float*, nint, float*, float*, nint, bool, void> columnA,
        delegate*<nint, float*, nint, float*, float*, nint, bool, void> rowA)
    {
        Name = name;
        Mr = mr;
        Nr = nr;
        ColumnA = columnA;
        RowA = rowA;
    }

    public string Name { get; }
    public int Mr { get; }
    public int Nr { get; }
    public delegate*<nint, float*, nint, float*, float*, nint, bool, void> ColumnA { get; }
    public delegate*<nint, float*, nint, float*, float*, nint, bool, void> RowA { get; }

    /// <summary>AVX-512F kernel, or null where the CPU lacks it.</summary>
    public static SgemmKernel? Avx512 { get; } = Vector512.IsHardwareAccelerated && Avx512F.IsSupported
        ? new("avx512", SgemmKernelsAvx512.Mr, SgemmKernelsAvx512.Nr, &SgemmKernelsAvx512.ColumnA, &SgemmKernelsAvx512.RowA)
        : null;

    /// <summary>AVX2 + FMA kernel, or null where the CPU lacks them.</summary>
    public static SgemmKernel? Avx2 { get; } = Vector256.IsHardwareAccelerated && Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx2.IsSupported
        ? new("avx2", SgemmKernelsAvx2.Mr, SgemmKernelsAvx2.Nr, &SgemmKernelsAvx2.ColumnA, &SgemmKernelsAvx2.RowA)
        : null;

    /// <summary>128-bit kernel that runs everywhere (SSE, NEON, or software vectors).</summary>
    public static SgemmKernel Portable { get; } =
        new("portable", SgemmKernelsPortable.Mr, SgemmKernelsPortable.Nr, &SgemmKernelsPortable.ColumnA, &SgemmKernelsPortable.RowA);

    /// <summary>The fastest kernel this CPU runs.</summary>
    public static SgemmKernel Best { get; } = Avx512 ?? Avx2 ?? Portable;

    /// <summary>Every kernel this CPU runs (for tests).</summary>
    public static IReadOnlyList<SgemmKernel> Supported { get; } =
        new[] { Avx512, Avx2, Portable }.Where(kernel => kernel is not null).Select(kernel => kernel!).ToArray();

    public override string ToString() => $"{Name} {Mr}x{Nr}";
}
