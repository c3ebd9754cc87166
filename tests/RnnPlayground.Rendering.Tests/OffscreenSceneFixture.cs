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

    [OneTimeTearDown]
    public void DisposeContext()
    {
        Context.MakeCurrent();
        Scene.Dispose();
        Context.Dispose();
    }
}
