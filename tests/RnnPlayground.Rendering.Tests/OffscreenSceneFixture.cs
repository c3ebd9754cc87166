using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

/// <summary>A 1280×800 offscreen context and one scene renderer shared by a fixture's tests (made current before each).</summary>
public abstract class OffscreenSceneFixture
{
    protected EglOffscreenContext Context { get; private set; } = null!;

    protected SceneRenderer Scene { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateContext()
    {
        Context = new EglOffscreenContext(1280, 800);
        Scene = new SceneRenderer(Context.Gl);
    }

    /// <summary>Renders <paramref name="snapshot"/> at <paramref name="width"/>×<paramref name="height"/>, leaves the picture in pictures/ for a person to look at, and returns it.</summary>
    protected RgbaImage RenderAt(int width, int height, Snapshots.Snapshot snapshot, string picture)
    {
        Context.Resize(width, height);
        Scene.Render(snapshot, width, height, new FrameStats(60, 4));
        Context.SwapBuffers();
        var image = FrameCapture.ReadRgba(Context.Gl, width, height);
        PngFile.Write(Path.Combine(TestContext.CurrentContext.WorkDirectory, "pictures", picture), image);
        return image;
    }

    [OneTimeTearDown]
    public void DisposeContext()
    {
        Context.MakeCurrent();
        Scene.Dispose();
        Context.Dispose();
    }
}
