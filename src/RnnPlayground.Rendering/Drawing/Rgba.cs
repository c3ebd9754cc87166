using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>An 8-bit-per-channel sRGB colour with straight (not premultiplied) alpha.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>From 0xRRGGBBAA, the colour format of snapshots and scripts.</summary>
    public static Rgba FromRgbaHex(uint rgba) =>
        new((byte)(rgba >> 24), (byte)(rgba >> 16), (byte)(rgba >> 8), (byte)rgba);

    /// <summary>From 0xRRGGBB, opaque.</summary>
    public static Rgba FromRgbHex(uint rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);

    /// <summary>The same colour with alpha <paramref name="alpha"/> in [0, 1].</summary>
    public Rgba WithAlpha(float alpha) => this with { A = ToByte(alpha * 255f) };

    /// <summary>Linear interpolation in sRGB: <paramref name="t"/>=0 gives <paramref name="a"/>, 1 gives <paramref name="b"/>.</summary>
    public static Rgba Lerp(Rgba a, Rgba b, float t)
    {
        t = Math.Clamp(t, 0f, 1f);
        return new Rgba(
            ToByte(a.R + ((b.R - a.R) * t)),
            ToByte(a.G + ((b.G - a.G) * t)),
            ToByte(a.B + ((b.B - a.B) * t)),
            ToByte(a.A + ((b.A - a.A) * t)));
    }

    /// <summary>Packed as the bytes R, G, B, A in memory (GL_RGBA + GL_UNSIGNED_BYTE).</summary>
    internal uint Packed => (uint)(R | (G << 8) | (B << 16) | (A << 24));

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}{A:x2}";

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}
