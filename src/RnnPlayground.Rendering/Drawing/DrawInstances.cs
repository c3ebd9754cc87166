using System.Numerics;
using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>
/// One thick segment from P0 to P1 (a rectangle is a horizontal one as tall as the rectangle),
/// drawn as an antialiased quad. 28 bytes, laid out as shaders/shape.vert reads it.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct ShapeInstance(Vector2 P0, Vector2 P1, float HalfWidth, float Extend, uint Color);

/// <summary>One glyph quad: position and size in pixels, atlas UVs, colour. 36 bytes, as shaders/glyph.vert reads it.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct GlyphInstance(Vector2 Position, Vector2 Size, Vector2 UvMin, Vector2 UvMax, uint Color);
