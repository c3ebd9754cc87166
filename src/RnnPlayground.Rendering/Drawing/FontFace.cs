namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// Where a glyph lies in the atlas and how it sits on the baseline. <see cref="Left"/> and
/// <see cref="Top"/> are offsets in pixels from the pen position on the baseline to the bitmap's
/// top-left corner (Top is negative above the baseline).
/// </summary>
public readonly record struct Glyph(float Advance, int Left, int Top, int Width, int Height, int AtlasX, int AtlasY);

/// <summary>One size and weight of the font in a <see cref="GlyphAtlas"/>.</summary>
public sealed class FontFace
{
    private readonly Dictionary<char, Glyph> _glyphs = [];
    private readonly Glyph?[] _ascii = new Glyph?[128];

    internal FontFace(float size, bool bold, float ascent, float descent, float capHeight)
    {
        Size = size;
        Bold = bold;
        Ascent = ascent;
        Descent = descent;
        CapHeight = capHeight;
    }

    public float Size { get; }

    public bool Bold { get; }

    /// <summary>Pixels from the baseline up to the top of the line box.</summary>
    public float Ascent { get; }

    /// <summary>Pixels from the baseline down to the bottom of the line box.</summary>
    public float Descent { get; }

    public float CapHeight { get; }

    public float LineHeight => Ascent + Descent;

    public int AtlasWidth { get; private set; }

    public int AtlasHeight { get; private set; }

    /// <summary>The glyph for <paramref name="ch"/>, or '?' when the atlas lacks it.</summary>
    public Glyph Get(char ch) => TryGet(ch, out var glyph) ? glyph : glyph;

    /// <summary>The glyph for <paramref name="ch"/>; false, with the glyph of '?', when the atlas lacks it.</summary>
    public bool TryGet(char ch, out Glyph glyph)
    {
        if (ch < 128 && _ascii[ch] is { } ascii)
        {
            glyph = ascii;
            return true;
        }

        if (_glyphs.TryGetValue(ch, out glyph))
        {
            return true;
        }

        glyph = _ascii['?'] ?? default;
        return false;
    }

    public bool Has(char ch) => ch < 128 ? _ascii[ch].HasValue : _glyphs.ContainsKey(ch);

    internal void Add(char ch, Glyph glyph)
    {
        if (ch < 128)
        {
            _ascii[ch] = glyph;
        }
        else
        {
            _glyphs[ch] = glyph;
        }
    }

    internal void Seal(int atlasWidth, int atlasHeight)
    {
        AtlasWidth = atlasWidth;
        AtlasHeight = atlasHeight;
    }
}
