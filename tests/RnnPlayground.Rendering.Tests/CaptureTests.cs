using System.Buffers.Binary;
using System.IO.Compression;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

public class CaptureTests : OffscreenTestBase
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("rnnplay-capture-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void ReadBackRowsAreTopDown()
    {
        var image = Render(list => list.FillRect(new RectF(0, 0, 40, 10), new Rgba(255, 0, 0)));
        Assert.That(image[5, 5], Is.EqualTo(new Rgba(255, 0, 0)));
        Assert.That(image[5, FrameHeight - 5], Is.EqualTo(Theme.Background));
    }

    [Test]
    public void PngRoundTripKeepsSizeAndPixels()
    {
        var image = Render(list =>
        {
            list.FillRect(new RectF(10, 10, 100, 50), Theme.Accent);
            list.Text("round trip", 20, 80, TextStyle.Heading, Theme.Text);
        });
        var path = Path.Combine(_directory, "sub", "frame.png");
        PngFile.Write(path, image);
        Assert.That(PngFile.ReadSize(path), Is.EqualTo((FrameWidth, FrameHeight)));
        Assert.That(DecodeRgba(path), Is.EqualTo(image.Pixels));
    }

    [Test]
    public void ANonPngIsRejectedWithItsPath()
    {
        var path = Path.Combine(_directory, "not.png");
        File.WriteAllText(path, "this is not an image, just text long enough");
        Assert.That(() => PngFile.ReadSize(path), Throws.TypeOf<InvalidDataException>().With.Message.EqualTo($"{path}: not a PNG (bad signature)"));
    }

    [Test]
    public void FrameSequencesAreNumberedFromOne()
    {
        var recorder = new FrameSequenceRecorder(Path.Combine(_directory, "run"));
        var image = new RgbaImage(4, 3, new byte[4 * 3 * 4]);
        var first = recorder.Write(image);
        var second = recorder.Write(image);
        Assert.That(Path.GetFileName(first), Is.EqualTo("frame_00001.png"));
        Assert.That(Path.GetFileName(second), Is.EqualTo("frame_00002.png"));
        Assert.That(recorder.FrameCount, Is.EqualTo(2));
        Assert.That(PngFile.ReadSize(second), Is.EqualTo((4, 3)));
    }

    [Test]
    public void AnOffscreenSceneRecordsAFrameSequence()
    {
        using var scene = new OffscreenScene(640, 400, Atlas);
        var recorder = new FrameSequenceRecorder(Path.Combine(_directory, "frames"));
        var first = recorder.Write(scene.Render(null));
        var second = recorder.Write(scene.Render(SyntheticSnapshots.Full()));
        Assert.That(PngFile.ReadSize(first), Is.EqualTo((640, 400)));
        Assert.That(File.ReadAllBytes(first), Is.Not.EqualTo(File.ReadAllBytes(second)));
        scene.Resize(320, 200);
        scene.Panel = ViewPanel.Weather;
        Assert.That(scene.Render(SyntheticSnapshots.Full()).Width, Is.EqualTo(320));
        Context.MakeCurrent();
    }

    [Test]
    public void TheCheckersCrc32MatchesTheStandardCheckValue() =>
        Assert.That(Crc32("123456789"u8), Is.EqualTo(0xCBF43926u));

    /// <summary>An independent minimal PNG reader for 8-bit RGBA without interlacing (all five filters).</summary>
    private static byte[] DecodeRgba(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.That((bytes[24], bytes[25]), Is.EqualTo(((byte)8, (byte)6)), "8-bit RGBA");
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            Assert.That(Crc32(bytes.AsSpan(at + 4, length + 4)), Is.EqualTo(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length))), $"CRC of {type}");
            if (type == "IDAT")
            {
                idat.Write(bytes, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * 4;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= 4 ? pixels[(y * stride) + i - 4] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = i >= 4 && y > 0 ? pixels[((y - 1) * stride) + i - 4] : 0;
                var p = a + b - c;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) ? a : Math.Abs(p - b) <= Math.Abs(p - c) ? b : c,
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[(y * stride) + i] = (byte)(raw[(y * (stride + 1)) + 1 + i] + predictor);
            }
        }

        return pixels;
    }

    /// <summary>CRC-32 (ISO-HDLC, as PNG chunks use), bit by bit: the checker's own, independent of the encoder.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
