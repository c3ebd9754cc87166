using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>An offscreen framebuffer object with one RGBA8 colour renderbuffer (no depth: the views are 2D).</summary>
public sealed class GlFramebuffer : IDisposable
{
    private readonly GL _gl;
    private readonly uint _colorBuffer;
    private bool _disposed;

    public GlFramebuffer(GL gl, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _gl = gl;
        Width = width;
        Height = height;
        Handle = gl.GenFramebuffer();
        _colorBuffer = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _colorBuffer);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, Handle);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _colorBuffer);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
        {
            Dispose();
            throw new InvalidOperationException($"framebuffer {width}x{height} incomplete: {status}");
        }
    }

    public uint Handle { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Binds this framebuffer for drawing and reading.</summary>
    public void Bind()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, Handle);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gl.DeleteRenderbuffer(_colorBuffer);
        _gl.DeleteFramebuffer(Handle);
    }
}
