using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.GlObjects;

/// <summary>A 2D texture with one 8-bit channel (R8) or four (RGBA8), linearly filtered, clamped at the edges.</summary>
public sealed class GlTexture : IDisposable
{
    private readonly GL _gl;
    private bool _disposed;

    /// <param name="channels">1 (R8) or 4 (RGBA8).</param>
    /// <param name="pixels">Rows top to bottom, <paramref name="width"/>·<paramref name="channels"/> bytes each, no padding.</param>
    public unsafe GlTexture(GL gl, int width, int height, int channels, ReadOnlySpan<byte> pixels)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (1 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "must be 1 (R8) or 4 (RGBA8)");
        }

        if (pixels.Length != width * height * channels)
        {
            throw new ArgumentException($"expected {width * height * channels} bytes for {width}x{height}x{channels}, got {pixels.Length}", nameof(pixels));
        }

        _gl = gl;
        Width = width;
        Height = height;
        Handle = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, Handle);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        var (internalFormat, format) = channels == 1
            ? (InternalFormat.R8, PixelFormat.Red)
            : (InternalFormat.Rgba8, PixelFormat.Rgba);
        fixed (byte* p = pixels)
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, internalFormat, (uint)width, (uint)height, 0, format, PixelType.UnsignedByte, p);
        }

        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
    }

    public uint Handle { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Binds the texture to texture unit <paramref name="unit"/>.</summary>
    public void Bind(int unit = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gl.ActiveTexture(TextureUnit.Texture0 + unit);
        _gl.BindTexture(TextureTarget.Texture2D, Handle);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gl.DeleteTexture(Handle);
    }
}
