using SkiaSharp;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// Glyphs rasterised once with SkiaSharp into one 8-bit coverage image (rows top to bottom), at a
/// few pixel sizes in a regular and a bold face, for drawing text as textured quads. Uses DejaVu Sans
/// (Debian's <c>fonts-dejavu-core</c>); when its file is missing, SkiaSharp's default typeface, with
/// <see cref="Note"/> saying so.
/// </summary>
public sealed class GlyphAtlas
{
    public const string DefaultRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string DefaultBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>The printable Latin-1 letters and signs (¡ … ÿ, no soft hyphen), for names a script writes ("Zürich", "café").</summary>
    private static readonly IEnumerable<int> Latin1 = Enumerable.Range(0xA1, 0xFF - 0xA1 + 1).Where(c => c != 0xAD);

    /// <summary>Characters rasterised besides printable ASCII and Latin-1.</summary>
    public const string ExtraCharacters = "°×·–—−±≈≤≥µ²³½…→←↑↓Δσ√∞▲▼●∇∂ηλ‖₀₁₂₃₄₅₆₇₈₉₋ᵀ␣↵⇥÷▶↺";

    private const int AtlasWidth = 1024;
    private const int Padding = 1;

    private readonly FontFace[] _faces;

    private GlyphAtlas(FontFace[] faces, byte[] pixels, int height, string note)
    {
        _faces = faces;
        Pixels = pixels;
        Height = height;
        Note = note;
    }

    /// <summary>Atlas width in pixels.</summary>
    public int Width => AtlasWidth;

    public int Height { get; }

    /// <summary>[Height, Width] coverage bytes, rows top to bottom.</summary>
    public byte[] Pixels { get; }

    /// <summary>Which fonts were used, and a hint when the default font was missing.</summary>
    public string Note { get; }

    public IReadOnlyList<FontFace> Faces => _faces;

    /// <summary>Builds the atlas for the <see cref="Theme"/> sizes from DejaVu Sans (or the fallback).</summary>
    public static GlyphAtlas CreateDefault() => CreateDefault(1f);

    /// <summary>
    /// The atlas for the <see cref="Theme"/> sizes times <paramref name="scale"/> (the presentation
    /// scale), so text drawn at that scale is copied 1:1.
    /// </summary>
    public static GlyphAtlas CreateDefault(float scale) =>
        Create(DefaultRegularFont, DefaultBoldFont, [.. new[] { Theme.SmallText, Theme.BodyText, Theme.HeadingText, Theme.LargeText }.Select(s => MathF.Round(s * scale))]);

    public static GlyphAtlas Create(string regularFontPath, string boldFontPath, IReadOnlyList<float> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        foreach (var size in sizes)
        {
            if (!(size is >= 4f and <= 96f))
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), size, "text sizes must be in 4..96 pixels");
            }
        }

        var (regular, regularNote) = LoadTypeface(regularFontPath, SKFontStyle.Normal);
        var (bold, boldNote) = LoadTypeface(boldFontPath, SKFontStyle.Bold);
        using (regular)
        using (bold)
        {
            var characters = Enumerable.Range(32, 95).Concat(Latin1).Select(c => (char)c).Concat(ExtraCharacters).Distinct().ToArray();
            var packer = new ShelfPacker(AtlasWidth);
            var plans = new List<(SKFont Font, FontFace Face, List<(char Ch, int X, int Y, SKRectI Box)> Items)>();
            foreach (var isBold in new[] { false, true })
            {
                foreach (var size in sizes)
                {
                    var font = new SKFont(isBold ? bold : regular, size)
                    {
                        Edging = SKFontEdging.Antialias,
                        Hinting = SKFontHinting.Slight,
                        Subpixel = false,
                    };
                    font.GetFontMetrics(out var metrics);
                    var face = new FontFace(size, isBold, -metrics.Ascent, metrics.Descent, metrics.CapHeight > 0 ? metrics.CapHeight : -metrics.Ascent * 0.7f);
                    var items = new List<(char, int, int, SKRectI)>();
                    foreach (var ch in characters)
                    {
                        var glyphId = font.GetGlyph(ch);
                        if (glyphId == 0 && ch != ' ')
                        {
                            continue;
                        }

                        var widths = new float[1];
                        var bounds = new SKRect[1];
                        font.GetGlyphWidths([glyphId], widths, bounds, null);
                        var box = SKRectI.Ceiling(bounds[0]);
                        var (x, y) = box.Width > 0 && box.Height > 0
                            ? packer.Place(box.Width + (2 * Padding), box.Height + (2 * Padding))
                            : (0, 0);
                        face.Add(ch, new Glyph(widths[0], box.Left - Padding, box.Top - Padding, box.Width > 0 ? box.Width + (2 * Padding) : 0, box.Height > 0 ? box.Height + (2 * Padding) : 0, x, y));
                        items.Add((ch, x, y, box));
                    }

                    plans.Add((font, face, items));
                }
            }

            var height = packer.Height;
            var pixels = new byte[AtlasWidth * height];
            using (var bitmap = new SKBitmap(new SKImageInfo(AtlasWidth, height, SKColorType.Alpha8, SKAlphaType.Premul)))
            using (var canvas = new SKCanvas(bitmap))
            using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
            {
                canvas.Clear(SKColors.Transparent);
                foreach (var (font, _, items) in plans)
                {
                    foreach (var (ch, x, y, box) in items)
                    {
                        if (box.Width > 0 && box.Height > 0)
                        {
                            canvas.DrawText(ch.ToString(), x + Padding - box.Left, y + Padding - box.Top, font, paint);
                        }
                    }

                    font.Dispose();
                }

                canvas.Flush();
                for (var row = 0; row < height; row++)
                {
                    System.Runtime.InteropServices.Marshal.Copy(bitmap.GetPixels() + (row * bitmap.RowBytes), pixels, row * AtlasWidth, AtlasWidth);
                }
            }

            var faces = plans.Select(p => p.Face).ToArray();
            foreach (var face in faces)
            {
                face.Seal(AtlasWidth, height);
            }

            return new GlyphAtlas(faces, pixels, height, $"{regularNote}; {boldNote}");
        }
    }

    /// <summary>The face whose size is closest to <paramref name="style"/>'s (text is scaled to fit).</summary>
    public FontFace FaceFor(TextStyle style)
    {
        FontFace? best = null;
        foreach (var face in _faces)
        {
            if (face.Bold == style.Bold && (best is null || MathF.Abs(face.Size - style.Size) < MathF.Abs(best.Size - style.Size)))
            {
                best = face;
            }
        }

        return best ?? _faces[0];
    }

    private static (SKTypeface Typeface, string Note) LoadTypeface(string path, SKFontStyle style)
    {
        if (File.Exists(path))
        {
            var typeface = SKTypeface.FromFile(path);
            if (typeface is not null)
            {
                return (typeface, $"font {Path.GetFileName(path)}");
            }
        }

        var fallback = SKTypeface.FromFamilyName(null, style) ?? SKTypeface.Default;
        return (fallback, $"{path} not found, using SkiaSharp's default typeface '{fallback.FamilyName}' (apt-get install fonts-dejavu-core)");
    }

    /// <summary>Places rectangles left to right in rows ("shelves") as tall as their tallest item.</summary>
    private sealed class ShelfPacker(int width)
    {
        private int _x;
        private int _y;
        private int _shelfHeight;

        public int Height => _y + _shelfHeight;

        public (int X, int Y) Place(int w, int h)
        {
            if (_x + w > width)
            {
                _y += _shelfHeight;
                _x = 0;
                _shelfHeight = 0;
            }

            var spot = (_x, _y);
            _x += w;
            _shelfHeight = Math.Max(_shelfHeight, h);
            return spot;
        }
    }
}
