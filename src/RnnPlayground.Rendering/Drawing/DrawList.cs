using System.Numerics;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// What a frame draws, collected on the CPU: opaque backgrounds, shapes (rectangles, thick lines,
/// polylines) and text, in pixels with the origin at the top-left. <see cref="DrawListRenderer"/>
/// fills the backgrounds first (scissored clears, the cheapest fill on a software rasteriser), then
/// draws the shapes in the order added, then all text on top, in two instanced draw calls. Views
/// only ever add to a list.
/// </summary>
public sealed class DrawList
{
    private ShapeInstance[] _shapes = new ShapeInstance[1024];
    private GlyphInstance[] _glyphs = new GlyphInstance[1024];
    private readonly List<(RectF Rect, Rgba Color)> _backgrounds = [];
    private readonly List<(RectF Box, string Text, RectF Region)> _textBoxes = [];
    private RectF _region;
    private readonly List<string> _cuts = [];

    public DrawList(GlyphAtlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        Atlas = atlas;
    }

    /// <summary>The glyphs text is drawn with; <see cref="Use"/> changes it between frames.</summary>
    public GlyphAtlas Atlas { get; private set; }

    /// <summary>
    /// Device pixels per layout pixel (the presentation scale): views lay out in layout pixels and
    /// the list stores device pixels, text picked from the atlas face nearest its device size.
    /// </summary>
    public float Scale { get; private set; } = 1f;

    /// <summary>
    /// Boxes of the text drawn since <see cref="Clear"/>, in layout pixels, with the region (panel)
    /// that was current (see <see cref="Region"/>; empty: the whole frame).
    /// </summary>
    public IReadOnlyList<(RectF Box, string Text, RectF Region)> TextBoxes => _textBoxes;

    /// <summary>The area (e.g. a panel's frame) text drawn from now on belongs to, for <see cref="TextBoxes"/>.</summary>
    public RectF Region
    {
        get => _region;
        set => _region = value;
    }

    /// <summary>What the layout had to leave out or shorten since <see cref="Clear"/> (e.g. "cut 'persistence' to 'persist…'").</summary>
    public IReadOnlyList<string> Cuts => _cuts;

    /// <summary>Draws the next frames with <paramref name="atlas"/> at <paramref name="scale"/> device pixels per layout pixel.</summary>
    public void Use(GlyphAtlas atlas, float scale)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 0.25f);
        Atlas = atlas;
        Scale = scale;
    }

    /// <summary>Records that the layout left something out, for <see cref="Cuts"/>.</summary>
    public void RecordCut(string what) => _cuts.Add(what);

    public int ShapeCount { get; private set; }

    public int GlyphCount { get; private set; }

    internal ReadOnlySpan<ShapeInstance> Shapes => _shapes.AsSpan(0, ShapeCount);

    internal ReadOnlySpan<GlyphInstance> Glyphs => _glyphs.AsSpan(0, GlyphCount);

    /// <summary>Opaque fills drawn beneath every shape and glyph, in the order added.</summary>
    public IReadOnlyList<(RectF Rect, Rgba Color)> Backgrounds => _backgrounds;

    /// <summary>
    /// Pixels the shape and glyph quads of this frame cover, counted once per quad (the fragments
    /// the rasterizer shades; divided by the frame's pixels, the overdraw).
    /// </summary>
    public (double Shapes, double Glyphs) CoveredPixels()
    {
        var shapes = 0.0;
        foreach (ref readonly var s in Shapes)
        {
            // As shaders/shape.vert grows the quad: half a pixel on every side.
            var length = Vector2.Distance(s.P0, s.P1) + (2f * s.Extend) + 1f;
            shapes += length * ((2f * s.HalfWidth) + 1f);
        }

        var glyphs = 0.0;
        foreach (ref readonly var g in Glyphs)
        {
            glyphs += g.Size.X * g.Size.Y;
        }

        return (shapes, glyphs);
    }

    public void Clear()
    {
        ShapeCount = 0;
        GlyphCount = 0;
        _backgrounds.Clear();
        _textBoxes.Clear();
        _cuts.Clear();
        _region = default;
    }

    /// <summary>
    /// An opaque fill beneath everything else of the frame (alpha ignored; edges snapped to whole
    /// pixels). For large areas such as panels and plot backgrounds, which it fills far more cheaply
    /// than a shape.
    /// </summary>
    public void FillBackground(RectF rect, Rgba color)
    {
        if (!rect.IsEmpty)
        {
            _backgrounds.Add((Scaled(rect), color));
        }
    }

    public void FillRect(RectF rect, Rgba color)
    {
        if (rect.IsEmpty || color.A == 0)
        {
            return;
        }

        var y = rect.Y + (rect.Height / 2f);
        AddShape(new ShapeInstance(new Vector2(rect.X, y), new Vector2(rect.Right, y), rect.Height / 2f, 0f, color.Packed));
    }

    /// <summary>An outline drawn inside <paramref name="rect"/>, <paramref name="thickness"/> pixels wide.</summary>
    public void StrokeRect(RectF rect, Rgba color, float thickness = 1f)
    {
        var t = MathF.Min(thickness, MathF.Min(rect.Width, rect.Height) / 2f);
        FillRect(rect.TakeTop(t), color);
        FillRect(rect.TakeBottom(t), color);
        FillRect(new RectF(rect.X, rect.Y + t, t, rect.Height - (2 * t)), color);
        FillRect(new RectF(rect.Right - t, rect.Y + t, t, rect.Height - (2 * t)), color);
    }

    public void Line(Vector2 from, Vector2 to, Rgba color, float thickness = 1f)
    {
        if (!IsFinite(from) || !IsFinite(to) || color.A == 0)
        {
            return;
        }

        AddShape(new ShapeInstance(from, to, thickness / 2f, 0f, color.Packed));
    }

    /// <summary>
    /// Joined segments through <paramref name="points"/>; a point with a NaN coordinate breaks the
    /// line. Points that lie within half a device pixel of the straight line past them are
    /// merged into one segment (a smooth series at one sample per pixel or two becomes a few long
    /// segments): the line moves by at most half a pixel, and a software rasteriser pays per segment.
    /// </summary>
    public void Polyline(ReadOnlySpan<Vector2> points, Rgba color, float thickness = 1.5f)
    {
        var half = thickness / 2f;
        var tolerance = MergeTolerance / Scale;
        var start = 0;
        while (start < points.Length)
        {
            if (!IsFinite(points[start]))
            {
                start++;
                continue;
            }

            var end = start + 1;
            while (end < points.Length && IsFinite(points[end]))
            {
                end++;
            }

            // A run of finite points [start, end): greedily extend each segment while the points it skips stay close.
            var anchor = start;
            for (var i = start + 1; i < end; i++)
            {
                if (i + 1 < end && i - anchor < MaxMergedPoints && WithinTolerance(points, anchor, i + 1, tolerance))
                {
                    continue;
                }

                AddShape(new ShapeInstance(points[anchor], points[i], half, half * 0.8f, color.Packed));
                anchor = i;
            }

            start = end;
        }
    }

    /// <summary>How far (device pixels) a point may be from a merged segment of a polyline.</summary>
    private const float MergeTolerance = 0.5f;

    /// <summary>Most points one merged polyline segment stands for (bounds the work per point).</summary>
    private const int MaxMergedPoints = 64;

    /// <summary>Whether every point strictly between <paramref name="from"/> and <paramref name="to"/> lies within <paramref name="tolerance"/> of the segment joining them.</summary>
    private static bool WithinTolerance(ReadOnlySpan<Vector2> points, int from, int to, float tolerance)
    {
        var a = points[from];
        var d = points[to] - a;
        var lengthSquared = d.LengthSquared();
        for (var k = from + 1; k < to; k++)
        {
            var p = points[k] - a;
            var t = lengthSquared > 0f ? Math.Clamp(Vector2.Dot(p, d) / lengthSquared, 0f, 1f) : 0f;
            if ((p - (d * t)).LengthSquared() > tolerance * tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A polyline drawn as dashes of <paramref name="dash"/> pixels with <paramref name="gap"/>-pixel gaps.</summary>
    public void DashedPolyline(ReadOnlySpan<Vector2> points, Rgba color, float thickness = 1.5f, float dash = 6f, float gap = 4f)
    {
        var half = thickness / 2f;
        var period = dash + gap;
        var travelled = 0f;
        for (var i = 1; i < points.Length; i++)
        {
            var a = points[i - 1];
            var b = points[i];
            if (!IsFinite(a) || !IsFinite(b))
            {
                continue;
            }

            var length = Vector2.Distance(a, b);
            if (length <= 1e-6f)
            {
                continue;
            }

            var direction = (b - a) / length;
            var s = 0f;
            while (s < length)
            {
                var phase = travelled % period;
                var run = phase < dash ? MathF.Min(dash - phase, length - s) : MathF.Min(period - phase, length - s);
                if (phase < dash)
                {
                    AddShape(new ShapeInstance(a + (direction * s), a + (direction * (s + run)), half, 0f, color.Packed));
                }

                s += run;
                travelled += run;
            }
        }
    }

    /// <summary>Width and line height of <paramref name="text"/> in layout pixels.</summary>
    public Vector2 MeasureText(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (face, k) = FaceOf(style);
        var width = 0f;
        foreach (var ch in text)
        {
            width += face.Get(ch).Advance;
        }

        return new Vector2(width * k / Scale, face.LineHeight * k / Scale);
    }

    /// <summary>
    /// <paramref name="text"/> broken into lines no wider than <paramref name="maxWidth"/>, at spaces
    /// (and, for a word too long for a line, such as a path, anywhere); explicit newlines are kept.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, TextStyle style, float maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (MeasureText(candidate, style).X <= maxWidth)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && MeasureText(line, style).X > maxWidth)
                {
                    var n = line.Length - 1;
                    while (n > 1 && MeasureText(line[..n], style).X > maxWidth)
                    {
                        n--;
                    }

                    lines.Add(line[..n]);
                    line = line[n..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// The first of <paramref name="candidates"/> (longest, most telling first) that fits in
    /// <paramref name="maxWidth"/>: a label that degrades by saying less, not by being cut. Only when
    /// none fits is the last one cut (and the cut recorded).
    /// </summary>
    public string Fit(TextStyle style, float maxWidth, params ReadOnlySpan<string> candidates)
    {
        if (candidates.IsEmpty)
        {
            throw new ArgumentException("at least one candidate is needed", nameof(candidates));
        }

        foreach (var text in candidates)
        {
            if (MeasureText(text, style).X <= maxWidth)
            {
                return text;
            }
        }

        return Ellipsize(candidates[^1], style, maxWidth);
    }

    /// <summary><paramref name="text"/>, cut and ended with "…" when wider than <paramref name="maxWidth"/>.</summary>
    public string Ellipsize(string text, TextStyle style, float maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (MeasureText(text, style).X <= maxWidth)
        {
            return text;
        }

        _cuts.Add($"cut '{text}' to fit {maxWidth:0} px");
        // Width is a sum of advances: the longest prefix that fits with "…" is found in one pass.
        var (face, k) = FaceOf(style);
        var ellipsis = face.Get('…').Advance;
        var width = 0f;
        var n = 0;
        for (; n < text.Length - 1; n++)
        {
            var next = width + face.Get(text[n]).Advance;
            if ((next + ellipsis) * k / Scale > maxWidth)
            {
                break;
            }

            width = next;
        }

        return n > 0 ? string.Concat(text.AsSpan(0, n), "…") : string.Empty;
    }

    /// <summary>
    /// Draws one line of text anchored at (<paramref name="x"/>, <paramref name="y"/>) and returns its box.
    /// Glyphs land on whole pixels, so text at an atlas size is copied 1:1 and stays crisp.
    /// </summary>
    public RectF Text(string text, float x, float y, TextStyle style, Rgba color, HAlign hAlign = HAlign.Left, VAlign vAlign = VAlign.Top)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (face, scale) = FaceOf(style);
        var size = MeasureText(text, style);
        var left = hAlign switch
        {
            HAlign.Center => x - (size.X / 2f),
            HAlign.Right => x - size.X,
            _ => x,
        };
        var baseline = vAlign switch
        {
            VAlign.Middle => y + (face.CapHeight * scale / Scale / 2f),
            VAlign.Baseline => y,
            VAlign.Bottom => y - (face.Descent * scale / Scale),
            _ => y + (face.Ascent * scale / Scale),
        };

        // Glyphs are placed in device pixels.
        baseline = MathF.Round(baseline * Scale);
        var pen = MathF.Round(left * Scale);
        var atlasWidth = (float)face.AtlasWidth;
        var atlasHeight = (float)face.AtlasHeight;
        var missing = false;
        foreach (var ch in text)
        {
            if (!face.TryGet(ch, out var glyph) && ch > 127 && !missing)
            {
                RecordCut($"no glyph for '{ch}' (U+{(int)ch:X4}) in '{text}': drawn as '?'");
                missing = true;
            }

            if (glyph.Width > 0 && color.A > 0)
            {
                var position = new Vector2(MathF.Round(pen + (glyph.Left * scale)), baseline + (glyph.Top * scale));
                AddGlyph(new GlyphInstance(
                    position,
                    new Vector2(glyph.Width * scale, glyph.Height * scale),
                    new Vector2(glyph.AtlasX / atlasWidth, glyph.AtlasY / atlasHeight),
                    new Vector2((glyph.AtlasX + glyph.Width) / atlasWidth, (glyph.AtlasY + glyph.Height) / atlasHeight),
                    color.Packed));
            }

            pen += glyph.Advance * scale;
        }

        var box = new RectF(left, (baseline - (face.Ascent * scale)) / Scale, size.X, size.Y);
        if (text.Length > 0)
        {
            _textBoxes.Add((box, text, _region));
        }

        return box;
    }

    /// <summary>The atlas face for <paramref name="style"/> at this list's scale, and device pixels per face pixel.</summary>
    private (FontFace Face, float Scale) FaceOf(TextStyle style)
    {
        var device = style with { Size = style.Size * Scale };
        var face = Atlas.FaceFor(device);
        return (face, device.Size / face.Size);
    }

    private RectF Scaled(RectF r) => Scale == 1f ? r : new RectF(r.X * Scale, r.Y * Scale, r.Width * Scale, r.Height * Scale);

    private static bool IsFinite(Vector2 v) => float.IsFinite(v.X) && float.IsFinite(v.Y);

    private void AddShape(in ShapeInstance shape)
    {
        if (Scale != 1f)
        {
            AddScaledShape(new ShapeInstance(shape.P0 * Scale, shape.P1 * Scale, shape.HalfWidth * Scale, shape.Extend * Scale, shape.Color));
            return;
        }

        AddScaledShape(shape);
    }

    private void AddScaledShape(in ShapeInstance shape)
    {
        if (ShapeCount == _shapes.Length)
        {
            Array.Resize(ref _shapes, _shapes.Length * 2);
        }

        _shapes[ShapeCount++] = shape;
    }

    private void AddGlyph(in GlyphInstance glyph)
    {
        if (GlyphCount == _glyphs.Length)
        {
            Array.Resize(ref _glyphs, _glyphs.Length * 2);
        }

        _glyphs[GlyphCount++] = glyph;
    }
}
