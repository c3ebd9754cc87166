namespace RnnPlayground.Core.Tensors;

/// <summary>
/// One thread's packing buffers for <see cref="Sgemm"/>: grown on first use to the blocking sizes,
/// then reused by every later product on that thread.
/// </summary>
internal sealed class SgemmWorkspace
{
    [ThreadStatic] private static SgemmWorkspace? t_current;

    /// <summary>The calling thread's workspace.</summary>
    public static SgemmWorkspace Current => t_current ??= new SgemmWorkspace();

    /// <summary>Packed op(A) block: up to MC rows (rounded up to Mr) × KC.</summary>
    public PinnedFloatBuffer A { get; } = new();

    /// <summary>Packed op(B) block: KC × up to NC columns (rounded up to Nr).</summary>
    public PinnedFloatBuffer B { get; } = new();

    /// <summary>One Mr×Nr tile for edge tiles that do not fill the kernel.</summary>
    public PinnedFloatBuffer Tile { get; } = new();

    /// <summary>Cᵀ [n × m] of a product computed transposed (C only a few columns wide).</summary>
    public PinnedFloatBuffer Transposed { get; } = new();
}
