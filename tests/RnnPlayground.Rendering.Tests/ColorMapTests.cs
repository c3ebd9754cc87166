using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Tests;

public class ColorMapTests
{
    [Test]
    public void BlueWhiteRedIsSymmetricAroundZero()
    {
        var map = ColorMap.BlueWhiteRed;
        Assert.That(map.Map(-1f), Is.EqualTo(Rgba.FromRgbHex(0x2166AC)));
        Assert.That(map.Map(0f), Is.EqualTo(Rgba.FromRgbHex(0xF7F7F7)));
        Assert.That(map.Map(1f), Is.EqualTo(Rgba.FromRgbHex(0xB2182B)));
        Assert.That(map.Map(-5f), Is.EqualTo(map.Map(-1f)), "clamped");
        foreach (var v in new[] { 0.1f, 0.4f, 0.8f })
        {
            var neg = map.Map(-v);
            var pos = map.Map(v);
            var whiteDistanceNeg = 247 * 3 - (neg.R + neg.G + neg.B);
            var whiteDistancePos = 247 * 3 - (pos.R + pos.G + pos.B);
            Assert.That(neg.B, Is.GreaterThan(neg.R));
            Assert.That(pos.R, Is.GreaterThan(pos.B));
            Assert.That(Math.Abs(whiteDistanceNeg - whiteDistancePos), Is.LessThan(60 * v + 20), $"similar lightness at ±{v}");
        }
    }

    [Test]
    public void NaNIsTheMissingColour() => Assert.That(ColorMap.Viridis.Map(float.NaN), Is.EqualTo(Theme.MissingValue));

    [Test]
    public void ARampNeedsTwoStopsAndARange()
    {
        Assert.That(() => new ColorMap(0, 1, [Theme.Text], Theme.MissingValue), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ColorMap(1, 1, [Theme.Text, Theme.Accent], Theme.MissingValue), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void HexColoursAreRgbaOrdered()
    {
        Assert.That(Rgba.FromRgbaHex(0x11223344), Is.EqualTo(new Rgba(0x11, 0x22, 0x33, 0x44)));
        Assert.That(Rgba.FromRgbHex(0x112233), Is.EqualTo(new Rgba(0x11, 0x22, 0x33, 255)));
    }
}
