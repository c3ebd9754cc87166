using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>A vertex array object: which buffers feed which attributes, at what stride and rate.</summary>
public sealed class GlVertexArray : IDisposable
{
    private readonly GL _gl;
    private bool _disposed;

    public GlVertexArray(GL gl)
    {
        ArgumentNullException.ThrowIfNull(gl);
        _gl = gl;
        Handle = gl.GenVertexArray();
    }

    public uint Handle { get; }

    public void Bind() => _gl.BindVertexArray(Handle);

    /// <summary>
    /// Declares attribute <paramref name="index"/> as <paramref name="components"/> values read from the
    /// buffer currently bound to GL_ARRAY_BUFFER at <paramref name="offsetBytes"/>, advancing once per
    /// instance when <paramref name="perInstance"/> (once per vertex otherwise). Binds this array first.
    /// </summary>
    public unsafe void Attribute(uint index, int components, VertexAttribPointerType type, bool normalized, int strideBytes, int offsetBytes, bool perInstance)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(components, 4);
        Bind();
        _gl.EnableVertexAttribArray(index);
        _gl.VertexAttribPointer(index, components, type, normalized, (uint)strideBytes, (void*)offsetBytes);
        _gl.VertexAttribDivisor(index, perInstance ? 1u : 0u);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gl.DeleteVertexArray(Handle);
    }
}
