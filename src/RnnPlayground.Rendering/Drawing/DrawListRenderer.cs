using System.Numerics;
using RnnPlayground.Rendering.GlObjects;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// Draws a <see cref="DrawList"/> into the bound framebuffer with two draw calls: all shapes
/// (shaders/shape.*), then all glyphs (shaders/glyph.*) from the atlas texture. Each shape or glyph
/// is a quad of four vertices carrying its instance data (the shaders take the corner from
/// gl_VertexID), drawn indexed rather than instanced: llvmpipe runs its vertex pipeline once per
/// instance, which made an instanced frame of 5,000 shapes cost more than filling its pixels.
/// </summary>
public sealed unsafe class DrawListRenderer : IDisposable
{
    private readonly GL _gl;
    private readonly string? _shaderDirectory;
    private ShaderProgram _shapeProgram;
    private ShaderProgram _glyphProgram;
    private ShaderProgram _fillProgram;
    private readonly GlBuffer _shapeBuffer;
    private readonly GlBuffer _glyphBuffer;
    private readonly GlVertexArray _shapeArray;
    private readonly GlVertexArray _glyphArray;
    private readonly QuadIndexBuffer _quadIndices;
    private ShapeInstance[] _shapeVertices = new ShapeInstance[4096];
    private GlyphInstance[] _glyphVertices = new GlyphInstance[4096];
    private GlTexture _atlasTexture;
    private readonly DirtyRegions _dirty = new();
    private (int ShapeFirst, int Shapes, int GlyphFirst, int Glyphs)[] _rectRanges = new (int, int, int, int)[64];
    private bool _disposed;

    /// <param name="shaderDirectory">Where shape.*, glyph.* and fill.* are; null for <see cref="ShaderProgram.DefaultDirectory"/>.</param>
    public DrawListRenderer(GL gl, GlyphAtlas atlas, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentNullException.ThrowIfNull(atlas);
        _gl = gl;
        Atlas = atlas;
        _shaderDirectory = shaderDirectory;
        _shapeProgram = ShaderProgram.Load(gl, "shape", shaderDirectory);
        _glyphProgram = ShaderProgram.Load(gl, "glyph", shaderDirectory);
        _fillProgram = ShaderProgram.Load(gl, "fill", shaderDirectory);

        _quadIndices = new QuadIndexBuffer(gl);
        _shapeBuffer = new GlBuffer(gl, BufferTargetARB.ArrayBuffer);
        _shapeArray = new GlVertexArray(gl);
        _shapeBuffer.Bind();
        var shapeStride = sizeof(ShapeInstance);
        _shapeArray.Attribute(0, 2, VertexAttribPointerType.Float, false, shapeStride, 0, perInstance: false);
        _shapeArray.Attribute(1, 2, VertexAttribPointerType.Float, false, shapeStride, 8, perInstance: false);
        _shapeArray.Attribute(2, 2, VertexAttribPointerType.Float, false, shapeStride, 16, perInstance: false);
        _shapeArray.Attribute(3, 4, VertexAttribPointerType.UnsignedByte, true, shapeStride, 24, perInstance: false);

        _glyphBuffer = new GlBuffer(gl, BufferTargetARB.ArrayBuffer);
        _glyphArray = new GlVertexArray(gl);
        _glyphBuffer.Bind();
        var glyphStride = sizeof(GlyphInstance);
        _glyphArray.Attribute(0, 2, VertexAttribPointerType.Float, false, glyphStride, 0, perInstance: false);
        _glyphArray.Attribute(1, 2, VertexAttribPointerType.Float, false, glyphStride, 8, perInstance: false);
        _glyphArray.Attribute(2, 4, VertexAttribPointerType.Float, false, glyphStride, 16, perInstance: false);
        _glyphArray.Attribute(3, 4, VertexAttribPointerType.UnsignedByte, true, glyphStride, 32, perInstance: false);
        gl.BindVertexArray(0);

        _atlasTexture = new GlTexture(gl, atlas.Width, atlas.Height, 1, atlas.Pixels);
    }

    public GlyphAtlas Atlas { get; private set; }

    /// <summary>Draws text from <paramref name="atlas"/> from now on (uploads it when it is another one).</summary>
    public void UseAtlas(GlyphAtlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        if (ReferenceEquals(atlas, Atlas))
        {
            return;
        }

        var texture = new GlTexture(_gl, atlas.Width, atlas.Height, 1, atlas.Pixels);
        _atlasTexture.Dispose();
        _dirty.Invalidate();
        (_atlasTexture, Atlas) = (texture, atlas);
    }

    /// <summary>
    /// Compiles the shaders again from their files (after an edit). Both must compile and link,
    /// or a <see cref="ShaderException"/> naming the file is thrown and the current ones stay.
    /// </summary>
    public void ReloadShaders()
    {
        var loaded = new List<ShaderProgram>(3);
        try
        {
            foreach (var name in (ReadOnlySpan<string>)["shape", "glyph", "fill"])
            {
                loaded.Add(ShaderProgram.Load(_gl, name, _shaderDirectory));
            }
        }
        catch
        {
            loaded.ForEach(p => p.Dispose());
            throw;
        }

        _shapeProgram.Dispose();
        _glyphProgram.Dispose();
        _fillProgram.Dispose();
        (_shapeProgram, _glyphProgram, _fillProgram) = (loaded[0], loaded[1], loaded[2]);
        _dirty.Invalidate();
    }

    /// <summary>Draw calls issued by the latest <see cref="Render"/> or <see cref="RenderFrame"/> (up to two per redrawn rectangle).</summary>
    public int LastDrawCalls { get; private set; }

    /// <summary>When the latest <see cref="RenderFrame"/> had found the tiles to draw again (Stopwatch ticks, the thread's CPU clock when <see cref="TimesPhases"/>).</summary>
    public (long Timestamp, long Cpu) TilesHashed { get; private set; }

    /// <summary>Whether the frame's phase marks read the thread's CPU clock too (set while a frame profile is taken).</summary>
    public bool TimesPhases { get; set; }

    /// <summary>Shape and glyph quads the latest <see cref="Render"/> or <see cref="RenderFrame"/> submitted (an item is submitted once for each redrawn rectangle it touches; fills included).</summary>
    public int LastSubmittedQuads { get; private set; }

    /// <summary>Pixels the latest <see cref="RenderFrame"/> drew again (the whole frame unless it kept a retained one's unchanged parts).</summary>
    public long LastRedrawnPixels { get; private set; }

    /// <summary>Clears the bound framebuffer to <paramref name="color"/>.</summary>
    public void Clear(Rgba color)
    {
        _dirty.Invalidate();
        _gl.ClearColor(color.R / 255f, color.G / 255f, color.B / 255f, 1f);
        _gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    /// <summary>
    /// Clears the bound framebuffer to <paramref name="background"/> and draws <paramref name="list"/>
    /// over it, as <see cref="Clear"/> then <see cref="Render"/> do. When <paramref name="retained"/>
    /// (the framebuffer still holds the frame this renderer drew last, as a window's back buffer does
    /// on Mesa's software drivers), only the tiles whose content changed are drawn again
    /// (<see cref="DirtyRegions"/>); the pixels are the same as a whole redraw's.
    /// </summary>
    public void RenderFrame(DrawList list, Rgba background, int width, int height, bool retained)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!retained)
        {
            TilesHashed = Loop.ThreadCpuClock.Mark(TimesPhases);
            Clear(background);
            Render(list, width, height);
            LastRedrawnPixels = (long)width * height;
            return;
        }

        ValidateTarget(list, width, height);
        _dirty.Update(list, background, width, height);
        TilesHashed = Loop.ThreadCpuClock.Mark(TimesPhases);
        var rects = _dirty.Rects;
        LastRedrawnPixels = _dirty.RedrawnPixels;
        LastDrawCalls = 0;
        if (rects.Count == 1 && rects[0] == new PixelRect(0, 0, width, height))
        {
            _gl.ClearColor(background.R / 255f, background.G / 255f, background.B / 255f, 1f);
            _gl.Clear(ClearBufferMask.ColorBufferBit);
            Draw(list, width, height);
            return;
        }

        // Every rectangle's clear and background fills, cut to it, are opaque quads at the head of the
        // buffer, drawn in one call with shaders/fill.* (no edge ramp, no blending, no discard) and no
        // scissor: the rectangles do not overlap, a scissored glClear is a quad draw with its own state
        // changes in Mesa, and a blended quad reads every pixel it writes. On whole pixels they write
        // exactly the clear's bytes.
        // Then each rectangle's shapes and glyphs, scissored to it: one shape and one glyph call each.
        if (_rectRanges.Length < rects.Count)
        {
            _rectRanges = new (int, int, int, int)[Math.Max(rects.Count, _rectRanges.Length * 2)];
        }

        var fillQuads = 0;
        for (var i = 0; i < rects.Count; i++)
        {
            fillQuads += AppendFills(list, background, rects[i], width, height, fillQuads);
        }

        int shapeQuads = fillQuads, glyphQuads = 0;
        for (var i = 0; i < rects.Count; i++)
        {
            var s = Append(list.Shapes, rects[i], _dirty.ShapeBoxes(list.ShapeCount), ref _shapeVertices, shapeQuads);
            var g = Append(list.Glyphs, rects[i], _dirty.GlyphBoxes(list.GlyphCount), ref _glyphVertices, glyphQuads);
            _rectRanges[i] = (shapeQuads, s, glyphQuads, g);
            shapeQuads += s;
            glyphQuads += g;
        }

        LastSubmittedQuads = shapeQuads + glyphQuads;
        _shapeBuffer.Upload(_shapeVertices.AsSpan(0, shapeQuads * 4));
        _glyphBuffer.Upload(_glyphVertices.AsSpan(0, glyphQuads * 4));
        SetState(width, height);
        _gl.Disable(EnableCap.Blend);
        _fillProgram.Use();
        _fillProgram.SetUniform("uViewport", new Vector2(width, height));
        _shapeArray.Bind();
        _quadIndices.Draw(0, fillQuads);
        LastDrawCalls++;
        _gl.Enable(EnableCap.Blend);
        _gl.Enable(EnableCap.ScissorTest);

        // All rectangles' shapes with one program, then all their glyphs with the other: the rectangles
        // do not overlap, so this paints what shapes-then-glyphs per rectangle would, with two program
        // changes a frame rather than two per rectangle (each is a state validation in Mesa). The
        // shapes share the fills' vertex array, bound above.
        UseShapeProgram(width, height);
        DrawScissored(rects, height, glyphs: false);

        UseGlyphProgram(width, height);
        _glyphArray.Bind();
        DrawScissored(rects, height, glyphs: true);

        _gl.BindVertexArray(0);
        _gl.Disable(EnableCap.ScissorTest);
    }

    /// <summary>Draws each rectangle's uploaded shape (or glyph) quads, scissored to it, with the bound program and vertex array.</summary>
    private void DrawScissored(List<PixelRect> rects, int height, bool glyphs)
    {
        for (var i = 0; i < rects.Count; i++)
        {
            var (shapeFirst, shapes, glyphFirst, glyphCount) = _rectRanges[i];
            var (first, count) = glyphs ? (glyphFirst, glyphCount) : (shapeFirst, shapes);
            if (count > 0)
            {
                Scissor(rects[i], height);
                _quadIndices.Draw(first, count);
                LastDrawCalls++;
            }
        }
    }

    /// <summary>Appends the clear of <paramref name="clip"/> and the list's background fills cut to it, as opaque quads; returns how many.</summary>
    private int AppendFills(DrawList list, Rgba background, in PixelRect clip, int width, int height, int quads)
    {
        var added = AppendOpaqueRect(clip, background, quads);
        var backgrounds = list.Backgrounds;
        for (var i = 0; i < backgrounds.Count; i++)
        {
            var (rect, color) = backgrounds[i];
            var box = DirtyRegions.BackgroundBox(rect, width, height);
            box = new PixelRect(Math.Max(box.X0, clip.X0), Math.Max(box.Y0, clip.Y0), Math.Min(box.X1, clip.X1), Math.Min(box.Y1, clip.Y1));
            if (box.X1 > box.X0 && box.Y1 > box.Y0)
            {
                added += AppendOpaqueRect(box, color, quads + added);
            }
        }

        return added;
    }

    /// <summary>A whole-pixel rectangle as a shape quad for shaders/fill.* (it covers exactly its pixels, alpha 1), like a scissored clear.</summary>
    private int AppendOpaqueRect(in PixelRect rect, Rgba color, int quads)
    {
        var at = quads * 4;
        if (_shapeVertices.Length < at + 4)
        {
            Array.Resize(ref _shapeVertices, Math.Max(at + 4, _shapeVertices.Length * 2));
        }

        var y = 0.5f * (rect.Y0 + rect.Y1);
        var shape = new ShapeInstance(new Vector2(rect.X0, y), new Vector2(rect.X1, y), 0.5f * (rect.Y1 - rect.Y0), 0f, (color with { A = 255 }).Packed);
        _shapeVertices.AsSpan(at, 4).Fill(shape);
        return 1;
    }

    /// <summary>Appends four vertices for each item whose box touches <paramref name="clip"/> to <paramref name="buffer"/> after <paramref name="quads"/> quads; returns how many.</summary>
    private static int Append<T>(ReadOnlySpan<T> items, in PixelRect clip, ReadOnlySpan<PixelRect> boxes, ref T[] buffer, int quads)
        where T : unmanaged
    {
        var added = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (!boxes[i].Intersects(clip))
            {
                continue;
            }

            var at = (quads + added) * 4;
            if (buffer.Length < at + 4)
            {
                Array.Resize(ref buffer, Math.Max(at + 4, buffer.Length * 2));
            }

            buffer.AsSpan(at, 4).Fill(items[i]);
            added++;
        }

        return added;
    }

    /// <summary>Draws <paramref name="list"/> over a framebuffer of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public void Render(DrawList list, int width, int height)
    {
        ValidateTarget(list, width, height);
        _dirty.Invalidate();
        LastDrawCalls = 0;
        Draw(list, width, height);
    }

    private void ValidateTarget(DrawList list, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(list);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!ReferenceEquals(list.Atlas, Atlas))
        {
            throw new ArgumentException("the draw list was laid out with another glyph atlas than this renderer's", nameof(list));
        }
    }

    /// <summary>Draws all of the list's backgrounds, shapes and glyphs.</summary>
    private void Draw(DrawList list, int width, int height)
    {
        LastSubmittedQuads = list.ShapeCount + list.GlyphCount;
        SetState(width, height);
        FillBackgrounds(list, width, height);
        _shapeBuffer.Upload(Quads(list.Shapes, ref _shapeVertices));
        DrawShapes(width, height, 0, list.ShapeCount);
        _glyphBuffer.Upload(Quads(list.Glyphs, ref _glyphVertices));
        DrawGlyphs(width, height, 0, list.GlyphCount);
        _gl.BindVertexArray(0);
    }

    private void SetState(int width, int height)
    {
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.Disable(EnableCap.DepthTest);
        _gl.Disable(EnableCap.CullFace);
        _gl.Enable(EnableCap.Blend);
        _gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
    }

    /// <summary>Draws <paramref name="count"/> uploaded shape quads from quad <paramref name="first"/>.</summary>
    private void DrawShapes(int width, int height, int first, int count)
    {
        if (count == 0)
        {
            return;
        }

        UseShapeProgram(width, height);
        _shapeArray.Bind();
        _quadIndices.Draw(first, count);
        LastDrawCalls++;
    }

    private void UseShapeProgram(int width, int height)
    {
        _shapeProgram.Use();
        _shapeProgram.SetUniform("uViewport", new Vector2(width, height));
    }

    /// <summary>The glyph program with the viewport and the atlas on texture unit 0.</summary>
    private void UseGlyphProgram(int width, int height)
    {
        _glyphProgram.Use();
        _glyphProgram.SetUniform("uViewport", new Vector2(width, height));
        _glyphProgram.SetUniform("uAtlas", 0);
        _atlasTexture.Bind(0);
    }

    /// <summary>Draws <paramref name="count"/> uploaded glyph quads from quad <paramref name="first"/>.</summary>
    private void DrawGlyphs(int width, int height, int first, int count)
    {
        if (count == 0)
        {
            return;
        }

        UseGlyphProgram(width, height);
        _glyphArray.Bind();
        _quadIndices.Draw(first, count);
        LastDrawCalls++;
    }

    /// <summary>Each item four times (a quad's vertices), in <paramref name="buffer"/> (grown when short; kept between frames).</summary>
    private static ReadOnlySpan<T> Quads<T>(ReadOnlySpan<T> items, ref T[] buffer)
        where T : unmanaged
    {
        var n = items.Length * 4;
        if (buffer.Length < n)
        {
            buffer = new T[Math.Max(n, buffer.Length * 2)];
        }

        for (var i = 0; i < items.Length; i++)
        {
            buffer.AsSpan(i * 4, 4).Fill(items[i]);
        }

        return buffer.AsSpan(0, n);
    }

    private void FillBackgrounds(DrawList list, int width, int height)
    {
        if (list.Backgrounds.Count == 0)
        {
            return;
        }

        _gl.Enable(EnableCap.ScissorTest);
        for (var i = 0; i < list.Backgrounds.Count; i++)
        {
            var (rect, color) = list.Backgrounds[i];
            var box = DirtyRegions.BackgroundBox(rect, width, height);
            if (box.Area == 0)
            {
                continue;
            }

            Scissor(box, height);
            _gl.ClearColor(color.R / 255f, color.G / 255f, color.B / 255f, 1f);
            _gl.Clear(ClearBufferMask.ColorBufferBit);
        }

        _gl.Disable(EnableCap.ScissorTest);
    }

    /// <summary>Scissors to <paramref name="rect"/> (GL counts rows from the bottom).</summary>
    private void Scissor(in PixelRect rect, int height) =>
        _gl.Scissor(rect.X0, height - rect.Y1, (uint)(rect.X1 - rect.X0), (uint)(rect.Y1 - rect.Y0));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _atlasTexture.Dispose();
        _glyphArray.Dispose();
        _quadIndices.Dispose();
        _glyphBuffer.Dispose();
        _shapeArray.Dispose();
        _shapeBuffer.Dispose();
        _fillProgram.Dispose();
        _glyphProgram.Dispose();
        _shapeProgram.Dispose();
    }
}
