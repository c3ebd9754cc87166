using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// <see cref="OffscreenTestBase"/> with a fresh <see cref="SceneRenderer"/> per test, for the tests
/// that drive a <c>WindowLoop</c> on the offscreen context.
/// </summary>
public abstract class OffscreenLoopTestBase : OffscreenTestBase
{
    /// <summary>The scene the test's loop draws with, made before and disposed after each test.</summary>
    protected SceneRenderer Scene { get; private set; } = null!;

    [SetUp]
    public void CreateScene() => Scene = new SceneRenderer(Context.Gl, Atlas);

    [TearDown]
    public void DisposeScene() => Scene.Dispose();
}
