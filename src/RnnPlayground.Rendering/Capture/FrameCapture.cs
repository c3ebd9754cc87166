using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Capture;

/// <summary>Reads the bound framebuffer back into memory.</summary>
public static class FrameCapture
{
    /// <summary>
    /// Reads <paramref name="width"/>×<paramref name="height"/> RGBA pixels from the framebuffer bound
    /// for reading (a window's back buffer before the swap, or an offscreen FBO). GL returns rows
    /// bottom-up; they are flipped so that row 0 is the top of the picture.
    /// </summary>
    public static unsafe RgbaImage ReadRgba(GL gl, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var stride = width * 4;
        var raw = new byte[stride * height];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = raw)
        {
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }

        var flipped = new byte[raw.Length];
        for (var row = 0; row < height; row++)
        {
            System.Buffer.BlockCopy(raw, (height - 1 - row) * stride, flipped, row * stride, stride);
        }

        return new RgbaImage(width, height, flipped);
    }
}
