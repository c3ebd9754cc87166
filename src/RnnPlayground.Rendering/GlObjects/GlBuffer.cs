using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>A GL buffer object (vertex or instance data) that grows to fit what it is given.</summary>
public sealed class GlBuffer : IDisposable
{
    private readonly GL _gl;
    private readonly BufferTargetARB _target;
    private bool _disposed;

    public GlBuffer(GL gl, BufferTargetARB target)
    {
        ArgumentNullException.ThrowIfNull(gl);
        _gl = gl;
        _target = target;
        Handle = gl.GenBuffer();
    }

    public uint Handle { get; }

    /// <summary>Bytes currently allocated on the GL side.</summary>
    public nuint CapacityBytes { get; private set; }

    public void Bind() => _gl.BindBuffer(_target, Handle);

    /// <summary>
    /// Binds the buffer and replaces its contents with <paramref name="data"/>. Storage is reallocated
    /// (orphaned) only when the data outgrows it, at twice the size, so steady frames reuse it.
    /// </summary>
    public unsafe void Upload<T>(ReadOnlySpan<T> data)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Bind();
        var bytes = (nuint)(data.Length * sizeof(T));
        if (bytes > CapacityBytes)
        {
            CapacityBytes = Math.Max(bytes * 2, 4096);
            _gl.BufferData(_target, CapacityBytes, null, BufferUsageARB.StreamDraw);
        }

        if (bytes > 0)
        {
            fixed (T* p = data)
            {
                _gl.BufferSubData(_target, 0, bytes, p);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gl.DeleteBuffer(Handle);
    }
}
