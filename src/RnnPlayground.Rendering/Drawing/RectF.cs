using System.Numerics;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>An axis-aligned rectangle in pixels, origin at the frame's top-left, y growing downwards.</summary>
public readonly record struct RectF(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    public Vector2 Center => new(X + (Width / 2f), Y + (Height / 2f));

    public bool IsEmpty => Width <= 0f || Height <= 0f;

    public static RectF FromEdges(float left, float top, float right, float bottom) =>
        new(left, top, right - left, bottom - top);

    /// <summary>Shrunk by <paramref name="amount"/> on every side (never below zero size).</summary>
    public RectF Inset(float amount) => Inset(amount, amount, amount, amount);

    public RectF Inset(float left, float top, float right, float bottom) =>
        new(X + left, Y + top, MathF.Max(0f, Width - left - right), MathF.Max(0f, Height - top - bottom));

    /// <summary>The top <paramref name="height"/> pixels.</summary>
    public RectF TakeTop(float height) => this with { Height = MathF.Min(height, Height) };

    /// <summary>What is left below the top <paramref name="height"/> pixels.</summary>
    public RectF SkipTop(float height) => Inset(0f, MathF.Min(height, Height), 0f, 0f);

    public RectF TakeBottom(float height)
    {
        var h = MathF.Min(height, Height);
        return new RectF(X, Bottom - h, Width, h);
    }

    public RectF SkipBottom(float height) => Inset(0f, 0f, 0f, MathF.Min(height, Height));

    public RectF TakeLeft(float width) => this with { Width = MathF.Min(width, Width) };

    public RectF SkipLeft(float width) => Inset(MathF.Min(width, Width), 0f, 0f, 0f);

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> equal rows, <paramref name="gap"/> pixels apart.</summary>
    public RectF Row(int index, int count, float gap = 0f)
    {
        var h = (Height - (gap * (count - 1))) / count;
        return new RectF(X, Y + (index * (h + gap)), Width, h);
    }

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> equal columns, <paramref name="gap"/> pixels apart.</summary>
    public RectF Column(int index, int count, float gap = 0f)
    {
        var w = (Width - (gap * (count - 1))) / count;
        return new RectF(X + (index * (w + gap)), Y, w, Height);
    }

    /// <summary>With every edge rounded to the nearest whole pixel (so fills have crisp edges).</summary>
    public RectF Snapped() => FromEdges(MathF.Round(X), MathF.Round(Y), MathF.Round(Right), MathF.Round(Bottom));

    public bool Contains(float x, float y) => x >= X && x < Right && y >= Y && y < Bottom;

    public bool Contains(RectF other) =>
        other.X >= X - 0.01f && other.Y >= Y - 0.01f && other.Right <= Right + 0.01f && other.Bottom <= Bottom + 0.01f;

    /// <summary>True when the two rectangles share some area (touching edges do not count).</summary>
    public bool Intersects(RectF other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}
