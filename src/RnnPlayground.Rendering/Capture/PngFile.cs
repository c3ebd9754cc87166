using System.Buffers.Binary;
using StbImageWriteSharp;

namespace RnnPlayground.Rendering.Capture;

/// <summary>Writes images as PNG (StbImageWriteSharp) and reads a PNG's size back from its header.</summary>
public static class PngFile
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="image"/> as an 8-bit RGBA PNG, creating the directory if needed.</summary>
    public static void Write(string path, RgbaImage image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(image);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, ColorComponents.RedGreenBlueAlpha, stream);
    }

    /// <summary>Width and height from the PNG's IHDR chunk.</summary>
    /// <exception cref="InvalidDataException">The file is not a PNG, naming the path and what is wrong.</exception>
    public static (int Width, int Height) ReadSize(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Span<byte> header = stackalloc byte[24];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                throw new InvalidDataException($"{path}: too short for a PNG header");
            }
        }

        if (!header[..8].SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{path}: not a PNG (bad signature)");
        }

        if (!header.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException($"{path}: first PNG chunk is not IHDR");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(header.Slice(16, 4)), BinaryPrimitives.ReadInt32BigEndian(header.Slice(20, 4)));
    }
}
