using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// One offscreen EGL context per test class (no display needed), made current before each test;
/// <see cref="Render"/> draws a list on the dark background and reads the picture back.
/// </summary>
public abstract class OffscreenTestBase
{
    private static readonly Lazy<GlyphAtlas> SharedAtlas = new(GlyphAtlas.CreateDefault);

    protected const int FrameWidth = 960;
    protected const int FrameHeight = 600;

    protected EglOffscreenContext Context { get; private set; } = null!;

    protected DrawListRenderer Renderer { get; private set; } = null!;

    protected static GlyphAtlas Atlas => SharedAtlas.Value;

    /// <summary>Where tests leave the pictures they rendered, for a person to look at.</summary>
    protected static string PictureDirectory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "pictures");

    [OneTimeSetUp]
    public void CreateContext()
    {
        var probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available)
        {
            Assert.Fail($"offscreen rendering unavailable: {probe.Reason}");
        }

        Context = new EglOffscreenContext(FrameWidth, FrameHeight);
        Renderer = new DrawListRenderer(Context.Gl, Atlas);
    }

    [OneTimeTearDown]
    public void DisposeContext()
    {
        Context.MakeCurrent();
        Renderer.Dispose();
        Context.Dispose();
    }

    [SetUp]
    public void MakeCurrent() => Context.MakeCurrent();

    protected RgbaImage Render(Action<DrawList> draw)
    {
        var list = new DrawList(Atlas);
        draw(list);
        Renderer.Clear(Theme.Background);
        Renderer.Render(list, Context.Width, Context.Height);
        Context.SwapBuffers();
        return FrameCapture.ReadRgba(Context.Gl, Context.Width, Context.Height);
    }

}

/// <summary>Comparisons of rendered pixels.</summary>
internal static class Pixels
{
    public static bool IsBackground(Rgba c) => Near(c, Theme.Background, 3);

    /// <summary>Every channel within <paramref name="tolerance"/> (alpha ignored).</summary>
    public static bool Near(Rgba a, Rgba b, int tolerance) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;

    public static Rgba At(RgbaImage image, System.Numerics.Vector2 point) => image[(int)point.X, (int)point.Y];
}
