using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Capture;

/// <summary>An image in memory: [Height, Width, 4] RGBA bytes, rows top to bottom.</summary>
public sealed class RgbaImage
{
    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height * 4)
        {
            throw new ArgumentException($"expected {width * height * 4} bytes for {width}x{height} RGBA, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>The pixel in column <paramref name="x"/>, row <paramref name="y"/> (row 0 at the top).</summary>
    public Rgba this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, $"must be in 0..{Width - 1}");
            }

            if ((uint)y >= (uint)Height)
            {
                throw new ArgumentOutOfRangeException(nameof(y), y, $"must be in 0..{Height - 1}");
            }

            var i = ((y * Width) + x) * 4;
            return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
    }

    /// <summary>How many pixels inside <paramref name="area"/> (clipped to the image) satisfy <paramref name="predicate"/>.</summary>
    public int Count(RectF area, Func<Rgba, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var x0 = Math.Max(0, (int)MathF.Floor(area.X));
        var y0 = Math.Max(0, (int)MathF.Floor(area.Y));
        var x1 = Math.Min(Width, (int)MathF.Ceiling(area.Right));
        var y1 = Math.Min(Height, (int)MathF.Ceiling(area.Bottom));
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (predicate(this[x, y]))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
