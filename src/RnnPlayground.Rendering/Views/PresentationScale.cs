namespace RnnPlayground.Rendering.Views;

/// <summary>
/// How much bigger than the 1280×720 design size everything is drawn: follows the window (1 up to
/// 1280×720, 1.5 at 1920×1080, 2 at 2560×1440) times the presenter's own factor (<c>--scale</c>,
/// Ctrl+= / Ctrl+−), in steps of 1/8 so the glyph atlas is built for few sizes.
/// </summary>
public static class PresentationScale
{
    /// <summary>The layout size the scale follows.</summary>
    public const float DesignWidth = 1280f;

    /// <inheritdoc cref="DesignWidth"/>
    public const float DesignHeight = 720f;

    /// <summary>Smallest and largest factor the presenter can set.</summary>
    public const float MinUser = 0.5f;

    /// <inheritdoc cref="MinUser"/>
    public const float MaxUser = 3f;

    /// <summary>The scale that fits the design size into <paramref name="width"/>×<paramref name="height"/> (never below 1).</summary>
    public static float Auto(int width, int height) =>
        Step(MathF.Max(1f, MathF.Min(width / DesignWidth, height / DesignHeight)), down: true);

    /// <summary>The scale a frame of that size is drawn at with the presenter's <paramref name="user"/> factor.</summary>
    public static float For(int width, int height, float user) =>
        Math.Clamp(Step(Auto(width, height) * user, down: false), 0.5f, 4f);

    /// <summary>The presenter's factor one step up (Ctrl+=) or down (Ctrl+−).</summary>
    public static float Next(float user, bool larger) =>
        Math.Clamp(Step(larger ? user * 1.125f : user / 1.125f, down: false), MinUser, MaxUser);

    private static float Step(float value, bool down) => (down ? MathF.Floor(value * 8f + 1e-4f) : MathF.Round(value * 8f)) / 8f;
}
