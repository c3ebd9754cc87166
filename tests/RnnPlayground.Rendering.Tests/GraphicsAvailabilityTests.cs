using RnnPlayground.Rendering.Context;

namespace RnnPlayground.Rendering.Tests;

[NonParallelizable]
public class GraphicsAvailabilityTests
{
    [Test]
    public void OffscreenRenderingWorksHereAndNamesTheRenderer()
    {
        var probe = GraphicsAvailability.CanRenderOffscreen();
        Assert.That(probe.Available, Is.True, probe.Reason);
        Assert.That(probe.Reason, Does.Contain("Core Profile"));
    }

    [Test]
    public void WithoutADisplayNoWindowCanOpenAndTheReasonSaysSo()
    {
        var saved = Environment.GetEnvironmentVariable("DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            var probe = GraphicsAvailability.CanOpenWindow();
            Assert.That(probe, Is.EqualTo(GraphicsProbe.No("no display: DISPLAY is not set")));
            var e = Assert.Throws<GraphicsUnavailableException>(() => new GlfwWindowContext("test", 320, 200))!;
            Assert.That(e.Message, Is.EqualTo("no display: DISPLAY is not set"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", saved);
        }
    }

    [Test]
    public void SizesAreCheckedAtTheBoundary()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EglOffscreenContext(0, 10))!;
        Assert.That(e.ParamName, Is.EqualTo("width"));
        Assert.That(e.ActualValue, Is.EqualTo(0));
        Assert.That(() => new GlfwWindowContext("t", 10, -1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("height"));
    }

    [Test]
    public void GlfwKeysMapToTheViewersKeys()
    {
        Assert.That(GlfwWindowContext.MapKey(32), Is.EqualTo(Key.Space));
        Assert.That(GlfwWindowContext.MapKey(258), Is.EqualTo(Key.Tab));
        Assert.That(GlfwWindowContext.MapKey(334), Is.EqualTo(Key.Plus));
        Assert.That(GlfwWindowContext.MapKey(61), Is.EqualTo(Key.Plus));
        Assert.That(GlfwWindowContext.MapKey(333), Is.EqualTo(Key.Minus));
        Assert.That(GlfwWindowContext.MapKey(256), Is.EqualTo(Key.Escape));
        Assert.That(GlfwWindowContext.MapKey(65), Is.EqualTo(Key.Other));
    }
}
