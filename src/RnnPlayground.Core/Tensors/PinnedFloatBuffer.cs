using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Growable float storage on the pinned object heap whose first element is 64-byte aligned, so a
/// raw pointer to it stays valid for the buffer's lifetime and vector loads never split a cache
/// line. Growing discards the old contents.
/// </summary>
internal sealed unsafe class PinnedFloatBuffer
{
    private const int AlignmentFloats = 16;
    private float[] _array = [];
    private float* _aligned;

    /// <summary>Floats usable from <see cref="Pointer"/>.</summary>
    public int Capacity { get; private set; }

    /// <summary>The 64-byte aligned start; valid while this buffer is reachable.</summary>
    public float* Pointer => _aligned;

    /// <summary>Makes room for <paramref name="count"/> floats; allocates only when it must grow.</summary>
    public float* Ensure(int count)
    {
        if (count > Capacity)
        {
            _array = GC.AllocateUninitializedArray<float>(count + AlignmentFloats, pinned: true);
            nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
            _aligned = (float*)((start + 63) & ~(nuint)63);
            Capacity = count;
        }
        return _aligned;
    }
}
