namespace RnnPlayground.Rendering.Context;

/// <summary>Whether a kind of graphics context can be had here, and if not, the one-line reason.</summary>
public readonly record struct GraphicsProbe(bool Available, string Reason)
{
    public static GraphicsProbe Yes(string detail) => new(true, detail);

    public static GraphicsProbe No(string reason) => new(false, reason);
}

/// <summary>Cheap checks, made before opening anything, of what this machine can render to.</summary>
public static class GraphicsAvailability
{
    /// <summary>
    /// Whether a GLFW window can be opened: a display is set and <c>libglfw.so.3</c> loads.
    /// Does not initialise GLFW (a display that is set but unreachable shows up when the window opens).
    /// </summary>
    public static GraphicsProbe CanOpenWindow()
    {
        var display = Environment.GetEnvironmentVariable("DISPLAY");
        if (string.IsNullOrEmpty(display))
        {
            return GraphicsProbe.No("no display: DISPLAY is not set");
        }

        if (GlfwNative.Instance is null)
        {
            return GraphicsProbe.No($"GLFW: {GlfwNative.LibraryName} not found (apt-get install libglfw3)");
        }

        return GraphicsProbe.Yes($"DISPLAY={display}, {GlfwNative.LibraryName} loaded");
    }

    /// <summary>
    /// Whether an offscreen EGL context can be created, by creating (and disposing) a 1×1 one;
    /// takes some 50–100 ms. The reason names the renderer when it works. Call it before making a
    /// context current on this thread: it leaves none current.
    /// </summary>
    public static GraphicsProbe CanRenderOffscreen()
    {
        try
        {
            using var context = new EglOffscreenContext(1, 1);
            return GraphicsProbe.Yes($"{context.Renderer}; {context.Version}");
        }
        catch (GraphicsUnavailableException e)
        {
            return GraphicsProbe.No(e.Message);
        }
    }
}
