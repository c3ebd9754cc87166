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
        var pixels = GC.AllocateUninitializedArray<byte>(stride * height);
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = pixels)
        {
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }

        // Flip in place, swapping rows through one row of scratch.
        var row = new byte[stride];
        for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--)
        {
            var upper = pixels.AsSpan(top * stride, stride);
            var lower = pixels.AsSpan(bottom * stride, stride);
            upper.CopyTo(row);
            lower.CopyTo(upper);
            row.CopyTo(lower);
        }

        return new RgbaImage(width, height, pixels);
    }
}
