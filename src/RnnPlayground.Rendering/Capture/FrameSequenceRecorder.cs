using System.Globalization;

namespace RnnPlayground.Rendering.Capture;

/// <summary>
/// Writes numbered PNG frames into one directory: frame_00001.png, frame_00002.png, … (ready for
/// <c>ffmpeg -i frame_%05d.png</c>).
/// </summary>
public sealed class FrameSequenceRecorder
{
    private readonly string _prefix;

    public FrameSequenceRecorder(string directory, string prefix = "frame_")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{prefix}' is not usable in a file name", nameof(prefix));
        }

        Directory = directory;
        _prefix = prefix;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Directory { get; }

    /// <summary>Frames written so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>The path the next frame will be written to.</summary>
    public string NextPath => Path.Combine(Directory, _prefix + (FrameCount + 1).ToString("D5", CultureInfo.InvariantCulture) + ".png");

    /// <summary>Writes <paramref name="image"/> as the next frame and returns its path.</summary>
    public string Write(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var path = NextPath;
        PngFile.Write(path, image);
        FrameCount++;
        return path;
    }
}
