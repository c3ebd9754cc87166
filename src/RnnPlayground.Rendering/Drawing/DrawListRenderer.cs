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
    private readonly GlBuffer _shapeBuffer;
    private readonly GlBuffer _glyphBuffer;
    private readonly GlVertexArray _shapeArray;
    private readonly GlVertexArray _glyphArray;
    private readonly QuadIndexBuffer _quadIndices;
    private ShapeInstance[] _shapeVertices = new ShapeInstance[4096];
    private GlyphInstance[] _glyphVertices = new GlyphInstance[4096];
    private GlTexture _atlasTexture;
    private bool _disposed;

    /// <param name="shaderDirectory">Where shape.* and glyph.* are; null for <see cref="ShaderProgram.DefaultDirectory"/>.</param>
    public DrawListRenderer(GL gl, GlyphAtlas atlas, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentNullException.ThrowIfNull(atlas);
        _gl = gl;
        Atlas = atlas;
        _shaderDirectory = shaderDirectory;
        _shapeProgram = ShaderProgram.Load(gl, "shape", shaderDirectory);
        _glyphProgram = ShaderProgram.Load(gl, "glyph", shaderDirectory);

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
        (_atlasTexture, Atlas) = (texture, atlas);
    }

    /// <summary>
    /// Compiles the shaders again from their files (after an edit). Both must compile and link,
    /// or a <see cref="ShaderException"/> naming the file is thrown and the current ones stay.
    /// </summary>
    public void ReloadShaders()
    {
        ShaderProgram shape = ShaderProgram.Load(_gl, "shape", _shaderDirectory);
        ShaderProgram glyph;
        try
        {
            glyph = ShaderProgram.Load(_gl, "glyph", _shaderDirectory);
        }
        catch
        {
            shape.Dispose();
            throw;
        }
        (_shapeProgram, shape) = (shape, _shapeProgram);
        (_glyphProgram, glyph) = (glyph, _glyphProgram);
        shape.Dispose();
        glyph.Dispose();
    }

    /// <summary>Draw calls issued by the latest <see cref="Render"/> (0–2).</summary>
    public int LastDrawCalls { get; private set; }

    /// <summary>Clears the bound framebuffer to <paramref name="color"/>.</summary>
    public void Clear(Rgba color)
    {
        _gl.ClearColor(color.R / 255f, color.G / 255f, color.B / 255f, 1f);
        _gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    /// <summary>Draws <paramref name="list"/> over a framebuffer of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public void Render(DrawList list, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(list);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!ReferenceEquals(list.Atlas, Atlas))
        {
            throw new ArgumentException("the draw list was laid out with another glyph atlas than this renderer's", nameof(list));
        }

        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.Disable(EnableCap.DepthTest);
        _gl.Disable(EnableCap.CullFace);
        _gl.Enable(EnableCap.Blend);
        _gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        var viewport = new Vector2(width, height);
        LastDrawCalls = 0;
        FillBackgrounds(list, width, height);

        if (list.ShapeCount > 0)
        {
            _shapeProgram.Use();
            _shapeProgram.SetUniform("uViewport", viewport);
            _shapeBuffer.Upload(Quads(list.Shapes, ref _shapeVertices));
            _shapeArray.Bind();
            _quadIndices.Draw(list.ShapeCount);
            LastDrawCalls++;
        }

        if (list.GlyphCount > 0)
        {
            _glyphProgram.Use();
            _glyphProgram.SetUniform("uViewport", viewport);
            _glyphProgram.SetUniform("uAtlas", 0);
            _atlasTexture.Bind(0);
            _glyphBuffer.Upload(Quads(list.Glyphs, ref _glyphVertices));
            _glyphArray.Bind();
            _quadIndices.Draw(list.GlyphCount);
            LastDrawCalls++;
        }

        _gl.BindVertexArray(0);
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
            var v = buffer.AsSpan(i * 4, 4);
            v.Fill(items[i]);
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
        foreach (var (rect, color) in list.Backgrounds)
        {
            var x0 = Math.Clamp((int)MathF.Round(rect.X), 0, width);
            var x1 = Math.Clamp((int)MathF.Round(rect.Right), 0, width);
            var y0 = Math.Clamp((int)MathF.Round(rect.Y), 0, height);
            var y1 = Math.Clamp((int)MathF.Round(rect.Bottom), 0, height);
            if (x1 <= x0 || y1 <= y0)
            {
                continue;
            }

            // GL counts rows from the bottom.
            _gl.Scissor(x0, height - y1, (uint)(x1 - x0), (uint)(y1 - y0));
            _gl.ClearColor(color.R / 255f, color.G / 255f, color.B / 255f, 1f);
            _gl.Clear(ClearBufferMask.ColorBufferBit);
        }

        _gl.Disable(EnableCap.ScissorTest);
    }

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
        _glyphProgram.Dispose();
        _shapeProgram.Dispose();
    }
}
