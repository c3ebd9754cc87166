using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>A real GLFW window; runs only where DISPLAY is set (e.g. under xvfb-run).</summary>
[NonParallelizable]
public class GlfwWindowTests
{
    [SetUp]
    public void RequireDisplay()
    {
        var probe = GraphicsAvailability.CanOpenWindow();
        if (!probe.Available)
        {
            Assert.Ignore($"no window here: {probe.Reason}");
        }
    }

    [Test]
    public void AWindowRendersFramesAndCloses()
    {
        using var window = new GlfwWindowContext("RnnPlayground test", 800, 500, visible: true, swapInterval: 0);
        Assert.That(window.IsWindow, Is.True);
        Assert.That((window.Width, window.Height), Is.EqualTo((800, 500)));
        using var scene = new SceneRenderer(window.Gl);
        var loop = new WindowLoop(window, scene, () => SyntheticSnapshots.Full());
        var events = new List<InputEvent>();
        loop.Input += events.Add;
        for (var i = 0; i < 10; i++)
        {
            Assert.That(loop.RunFrame(), Is.True);
        }

        scene.Render(SyntheticSnapshots.Full(), window.Width, window.Height, loop.FrameRate.Stats);
        var image = FrameCapture.ReadRgba(window.Gl, window.Width, window.Height);
        PngFile.Write(Path.Combine(TestContext.CurrentContext.WorkDirectory, "pictures", "window.png"), image);
        Assert.That(image.Count(scene.LastLayout!.Hud, c => c.R > 150), Is.GreaterThan(200), "HUD text in the back buffer");
        Assert.That(loop.FrameRate.FramesPerSecond, Is.GreaterThan(1));
        TestContext.Out.WriteLine($"window 800x500: {loop.FrameRate.FramesPerSecond:0} FPS over 10 frames");

        window.RequestClose();
        Assert.That(window.ShouldClose, Is.True);
        Assert.That(loop.RunFrame(), Is.False);
    }

    [Test]
    public void KeysTypedIntoTheWindowArriveAsEvents()
    {
        var xdotool = new[] { "/usr/bin/xdotool", "/usr/local/bin/xdotool" }.FirstOrDefault(File.Exists);
        if (xdotool is null)
        {
            Assert.Ignore("xdotool not installed (apt-get install xdotool)");
        }

        using var window = new GlfwWindowContext("RnnPlayground keys", 400, 300, visible: true, swapInterval: 0);
        using var scene = new SceneRenderer(window.Gl);
        var loop = new WindowLoop(window, scene, () => null);
        var events = new List<InputEvent>();
        loop.Input += events.Add;
        loop.RunFrame();
        using (var process = System.Diagnostics.Process.Start(xdotool, ["search", "--sync", "--name", "RnnPlayground keys", "windowfocus", "--sync", "key", "Tab", "space", "KP_Add", "Escape"]))
        {
            process.WaitForExit(5000);
        }

        for (var i = 0; i < 50 && events.OfType<KeyPressed>().Count() < 4; i++)
        {
            loop.RunFrame();
            Thread.Sleep(10);
        }

        var keys = events.OfType<KeyPressed>().Select(k => k.Key).ToArray();
        Assert.That(keys, Is.EqualTo(new[] { Key.Tab, Key.Space, Key.Plus, Key.Escape }));
        Assert.That(scene.Panel, Is.EqualTo(ViewPanel.Network), "Tab cycled the panel");
    }
}
