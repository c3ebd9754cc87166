namespace RnnPlayground.Core.Tensors;

/// <summary>
/// The right-hand operand op(B)[k×n] of a matrix product, copied once into the layout the SGEMM
/// microkernel reads, so many products with the same B (a recurrent weight over a whole
/// sequence) skip packing. Fill it with <see cref="Sgemm.PackB"/> and use it with
/// <see cref="Sgemm.Multiply(bool, int, ReadOnlySpan{float}, int, PackedMatrix, Span{float}, int, bool)"/>.
/// Repacking into the same instance allocates nothing while the new k×n fits the capacity it has
/// grown to. Packing a matrix of the same shape again while another thread multiplies with it is a
/// data race; reading it from several threads at once is safe.
/// </summary>
public sealed unsafe class PackedMatrix
{
    private readonly PinnedFloatBuffer _storage = new();

    /// <summary>An empty packed matrix; storage grows on the first <see cref="Sgemm.PackB"/>.</summary>
    public PackedMatrix()
    {
    }

    /// <summary>Rows of op(B), the inner dimension k of the products it takes part in.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of op(B), the n of the products it takes part in.</summary>
    public int Columns { get; private set; }

    /// <summary>False until the first <see cref="Sgemm.PackB"/>.</summary>
    public bool IsPacked { get; private set; }

    /// <summary>Floats of packed storage held (columns are padded to the kernel's panel width).</summary>
    public int CapacityFloats => _storage.Capacity;

    internal SgemmKernel Kernel { get; private set; } = SgemmKernel.Best;

    /// <summary>Width of the column panels the matrix is packed in (the kernel's Nr).</summary>
    internal int PanelWidth => Kernel.Nr;

    internal float* Data => _storage.Pointer;

    /// <summary>Sizes the storage for op(B)[rows×columns] in <paramref name="kernel"/>'s panel layout.</summary>
    internal float* Prepare(SgemmKernel kernel, int rows, int columns)
    {
        int panels = (columns + kernel.Nr - 1) / kernel.Nr;
        long floats = (long)panels * kernel.Nr * rows;
        if (floats > Array.MaxLength - 64)
            throw new ArgumentException($"a packed {rows}×{columns} matrix needs {floats} floats, more than one array holds");
        float* data = _storage.Ensure((int)Math.Max(floats, 1));
        Kernel = kernel;
        Rows = rows;
        Columns = columns;
        IsPacked = true;
        return data;
    }
}
