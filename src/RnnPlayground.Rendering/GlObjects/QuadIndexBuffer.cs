using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>
/// The element buffer that turns runs of four vertices into quads (two triangles: 0 1 2, 2 1 3,
/// the order of a triangle strip), grown as more quads are drawn. Drawing quads this way in one
/// indexed call, rather than as instances, lets a software rasteriser (llvmpipe) run its vertex
/// pipeline once for the whole batch instead of once per instance.
/// </summary>
public sealed unsafe class QuadIndexBuffer : IDisposable
{
    private readonly GL _gl;
    private bool _disposed;

    public QuadIndexBuffer(GL gl)
    {
        ArgumentNullException.ThrowIfNull(gl);
        _gl = gl;
        Handle = gl.GenBuffer();
    }

    public uint Handle { get; }

    /// <summary>Quads the buffer holds indices for.</summary>
    public int Quads { get; private set; }

    /// <summary>Binds the buffer to the bound vertex array (element buffers are vertex-array state).</summary>
    public void Bind() => _gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, Handle);

    /// <summary>Makes the buffer hold at least <paramref name="quads"/> quads' indices; binds it to the bound vertex array.</summary>
    public void Ensure(int quads)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(quads);
        Bind();
        if (quads <= Quads)
        {
            return;
        }

        var capacity = Math.Max(1024, Math.Max(quads, Quads * 2));
        var indices = new uint[capacity * 6];
        for (uint q = 0, i = 0; q < capacity; q++)
        {
            var v = q * 4;
            indices[i++] = v;
            indices[i++] = v + 1;
            indices[i++] = v + 2;
            indices[i++] = v + 2;
            indices[i++] = v + 1;
            indices[i++] = v + 3;
        }

        fixed (uint* p = indices)
        {
            _gl.BufferData(BufferTargetARB.ElementArrayBuffer, (nuint)(indices.Length * sizeof(uint)), p, BufferUsageARB.StaticDraw);
        }

        Quads = capacity;
    }

    /// <summary>Draws <paramref name="quads"/> quads from the bound vertex array (four vertices each).</summary>
    public void Draw(int quads) => Draw(0, quads);

    /// <summary>Draws quads <paramref name="first"/> to <paramref name="first"/> + <paramref name="quads"/> − 1 of the bound vertex array.</summary>
    public void Draw(int first, int quads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        Ensure(first + quads);
        _gl.DrawElements(PrimitiveType.Triangles, (uint)(quads * 6), DrawElementsType.UnsignedInt, (void*)((nint)first * 6 * sizeof(uint)));
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
