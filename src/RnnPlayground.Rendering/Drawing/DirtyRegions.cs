using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>A rectangle of whole device pixels, origin top-left, y down: [X0, X1) × [Y0, Y1).</summary>
internal readonly record struct PixelRect(int X0, int Y0, int X1, int Y1)
{
    public int Area => Math.Max(0, X1 - X0) * Math.Max(0, Y1 - Y0);

    public bool Intersects(in PixelRect other) => X0 < other.X1 && other.X0 < X1 && Y0 < other.Y1 && other.Y0 < Y1;
}

/// <summary>
/// Which parts of a frame must be drawn again when the framebuffer still holds the previous frame.
/// The frame is cut into tiles of <see cref="TileSize"/> pixels; each tile gets a hash of everything
/// the draw list paints over it, in drawing order (the clear colour, the background fills, the
/// shapes and the glyphs whose pixel boxes, widened past the antialiased edge, touch it). A tile
/// whose hash equals the previous frame's would be painted exactly as it already is; the others are
/// merged into rectangles to draw again, scissored, with only the items that touch each one. Items are
/// drawn in the same order with the same state, so the pixels are those of a whole redraw.
/// Nothing is allocated per frame once the buffers have grown to the frame's size and item counts.
/// </summary>
internal sealed class DirtyRegions
{
    /// <summary>Tile edge in device pixels.</summary>
    public const int TileSize = 32;

    /// <summary>Runs of dirty tiles in a row separated by at most this many clean ones are drawn as one rectangle.</summary>
    private const int MergeGap = 1;

    private ulong[] _hashes = [];
    private ulong[] _previous = [];
    private PixelRect[] _shapeBoxes = new PixelRect[1024];
    private PixelRect[] _glyphBoxes = new PixelRect[1024];
    private readonly List<PixelRect> _rects = new(256);
    private int _columns;
    private int _rows;
    private int _width;
    private int _height;
    private bool _valid;

    /// <summary>The rectangles to draw again, from the latest <see cref="Update"/>.</summary>
    public List<PixelRect> Rects => _rects;

    /// <summary>The pixel box of each shape of the latest <see cref="Update"/>'s list (what it can touch).</summary>
    public ReadOnlySpan<PixelRect> ShapeBoxes(int count) => _shapeBoxes.AsSpan(0, count);

    /// <summary>The pixel box of each glyph of the latest <see cref="Update"/>'s list.</summary>
    public ReadOnlySpan<PixelRect> GlyphBoxes(int count) => _glyphBoxes.AsSpan(0, count);

    /// <summary>Pixels in <see cref="Rects"/>.</summary>
    public long RedrawnPixels { get; private set; }

    /// <summary>Forgets the previous frame: the next <see cref="Update"/> redraws everything.</summary>
    public void Invalidate() => _valid = false;

    /// <summary>
    /// Hashes <paramref name="list"/>'s tiles and sets <see cref="Rects"/> to what differs from the
    /// previous frame (all of it after <see cref="Invalidate"/> or a size change; none when nothing changed).
    /// </summary>
    public void Update(DrawList list, Rgba background, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (width != _width || height != _height)
        {
            _width = width;
            _height = height;
            _columns = (width + TileSize - 1) / TileSize;
            _rows = (height + TileSize - 1) / TileSize;
            _hashes = new ulong[_columns * _rows];
            _previous = new ulong[_columns * _rows];
            _valid = false;
        }

        var hashes = _hashes;
        Array.Fill(hashes, Mix(0xCBF29CE484222325UL, background.Packed));
        var backgrounds = list.Backgrounds;
        for (var i = 0; i < backgrounds.Count; i++)
        {
            var (rect, color) = backgrounds[i];
            var box = BackgroundBox(rect, width, height);
            if (box.Area > 0)
            {
                Fold(box, Mix(Mix(1, (ulong)(uint)box.X0 | ((ulong)(uint)box.Y0 << 32)), Mix((ulong)(uint)box.X1 | ((ulong)(uint)box.Y1 << 32), color.Packed)));
            }
        }

        var shapes = list.Shapes;
        if (_shapeBoxes.Length < shapes.Length)
        {
            _shapeBoxes = new PixelRect[Math.Max(shapes.Length, _shapeBoxes.Length * 2)];
        }

        for (var i = 0; i < shapes.Length; i++)
        {
            var box = _shapeBoxes[i] = ShapeBox(shapes[i]);
            Fold(box, Hash(2, MemoryMarshal.Cast<ShapeInstance, uint>(shapes.Slice(i, 1))));
        }

        var glyphs = list.Glyphs;
        if (_glyphBoxes.Length < glyphs.Length)
        {
            _glyphBoxes = new PixelRect[Math.Max(glyphs.Length, _glyphBoxes.Length * 2)];
        }

        for (var i = 0; i < glyphs.Length; i++)
        {
            var g = glyphs[i];
            var box = _glyphBoxes[i] = Box(g.Position.X - 1, g.Position.Y - 1, g.Position.X + g.Size.X + 1, g.Position.Y + g.Size.Y + 1);
            Fold(box, Hash(3, MemoryMarshal.Cast<GlyphInstance, uint>(glyphs.Slice(i, 1))));
        }

        CollectRects();
        (_hashes, _previous) = (_previous, _hashes);
        _valid = true;
    }

    /// <summary>Where <see cref="DrawListRenderer"/> clears a background fill (rounded to whole pixels, clamped to the frame).</summary>
    public static PixelRect BackgroundBox(RectF rect, int width, int height) => new(
        Math.Clamp((int)MathF.Round(rect.X), 0, width),
        Math.Clamp((int)MathF.Round(rect.Y), 0, height),
        Math.Clamp((int)MathF.Round(rect.Right), 0, width),
        Math.Clamp((int)MathF.Round(rect.Bottom), 0, height));

    /// <summary>The pixels shaders/shape.vert's quad can cover (its corners, plus a pixel for safety).</summary>
    private static PixelRect ShapeBox(in ShapeInstance s)
    {
        var d = s.P1 - s.P0;
        var length = d.Length();
        var (ax, ay) = length > 1e-5f ? (MathF.Abs(d.X / length), MathF.Abs(d.Y / length)) : (1f, 0f);
        var halfAlong = (0.5f * length) + s.Extend + 0.5f;
        var halfAcross = s.HalfWidth + 0.5f;
        var hx = (ax * halfAlong) + (ay * halfAcross) + 1f;
        var hy = (ay * halfAlong) + (ax * halfAcross) + 1f;
        var cx = 0.5f * (s.P0.X + s.P1.X);
        var cy = 0.5f * (s.P0.Y + s.P1.Y);
        return Box(cx - hx, cy - hy, cx + hx, cy + hy);
    }

    private static PixelRect Box(float x0, float y0, float x1, float y1)
    {
        if (!(float.IsFinite(x0) && float.IsFinite(y0) && float.IsFinite(x1) && float.IsFinite(y1)))
        {
            return new PixelRect(int.MinValue / 2, int.MinValue / 2, int.MaxValue / 2, int.MaxValue / 2);
        }

        return new PixelRect(
            (int)MathF.Floor(Math.Clamp(x0, -1e6f, 1e6f)),
            (int)MathF.Floor(Math.Clamp(y0, -1e6f, 1e6f)),
            (int)MathF.Ceiling(Math.Clamp(x1, -1e6f, 1e6f)),
            (int)MathF.Ceiling(Math.Clamp(y1, -1e6f, 1e6f)));
    }

    /// <summary>Folds <paramref name="item"/> into the hash of every tile <paramref name="box"/> touches.</summary>
    private void Fold(in PixelRect box, ulong item)
    {
        var c0 = Math.Max(0, box.X0 / TileSize);
        var c1 = Math.Min(_columns - 1, (box.X1 - 1) / TileSize);
        var r0 = Math.Max(0, box.Y0 / TileSize);
        var r1 = Math.Min(_rows - 1, (box.Y1 - 1) / TileSize);
        if (box.X1 <= 0 || box.Y1 <= 0)
        {
            return;
        }

        for (var r = r0; r <= r1; r++)
        {
            var row = _hashes.AsSpan(r * _columns, _columns);
            for (var c = c0; c <= c1; c++)
            {
                row[c] = Mix(row[c], item);
            }
        }
    }

    private static ulong Hash(ulong kind, ReadOnlySpan<uint> words)
    {
        var h = kind;
        foreach (var w in words)
        {
            h = Mix(h, w);
        }

        return h;
    }

    private static ulong Mix(ulong h, ulong v)
    {
        h = (h ^ v) * 0x9E3779B97F4A7C15UL;
        return h ^ (h >> 31);
    }

    /// <summary>Merges the dirty tiles into rectangles: runs along each row, stacked where rows repeat the same run.</summary>
    private void CollectRects()
    {
        _rects.Clear();
        RedrawnPixels = 0;
        if (!_valid)
        {
            _rects.Add(new PixelRect(0, 0, _width, _height));
            RedrawnPixels = (long)_width * _height;
            return;
        }

        var open = 0; // _rects[open..] end on the row above
        for (var r = 0; r < _rows; r++)
        {
            var rowStart = _rects.Count;
            var c = 0;
            while (c < _columns)
            {
                if (_hashes[(r * _columns) + c] == _previous[(r * _columns) + c])
                {
                    c++;
                    continue;
                }

                var end = c + 1; // one past the last dirty tile of the run
                for (var k = end; k < _columns && k <= end + MergeGap; k++)
                {
                    if (_hashes[(r * _columns) + k] != _previous[(r * _columns) + k])
                    {
                        end = k + 1;
                    }
                }

                var run = new PixelRect(c * TileSize, r * TileSize, Math.Min(_width, end * TileSize), Math.Min(_height, (r + 1) * TileSize));
                var extended = false;
                for (var i = open; i < rowStart; i++)
                {
                    var above = _rects[i];
                    if (above.X0 == run.X0 && above.X1 == run.X1 && above.Y1 == run.Y0)
                    {
                        // Stack onto the rectangle above; keep it where this row's rectangles are.
                        _rects.RemoveAt(i);
                        rowStart--;
                        _rects.Add(above with { Y1 = run.Y1 });
                        extended = true;
                        break;
                    }
                }

                if (!extended)
                {
                    _rects.Add(run);
                }

                c = end;
            }

            open = rowStart;
        }

        foreach (var rect in _rects)
        {
            RedrawnPixels += rect.Area;
        }
    }
}
