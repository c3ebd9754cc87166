using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Context;

/// <summary>
/// An OpenGL 3.3+ core context with a framebuffer to draw into: a window's back buffer or an
/// offscreen framebuffer object. Calls must come from the thread that made it current.
/// </summary>
public interface IGraphicsContext : IDisposable
{
    /// <summary>The GL entry points of this context.</summary>
    GL Gl { get; }

    /// <summary>Framebuffer width in pixels (may differ from the window's size in screen units).</summary>
    int Width { get; }

    /// <summary>Framebuffer height in pixels.</summary>
    int Height { get; }

    /// <summary>True for an on-screen window, false for an offscreen framebuffer.</summary>
    bool IsWindow { get; }

    /// <summary>
    /// True when the framebuffer still holds the previous frame after <see cref="SwapBuffers"/>, so a
    /// frame may draw only what changed (false unless the context knows it).
    /// </summary>
    bool RetainsFrame => false;

    /// <summary>True once the user asked to close the window (never for offscreen contexts).</summary>
    bool ShouldClose { get; }

    /// <summary>Makes the context current on the calling thread and binds its framebuffer.</summary>
    void MakeCurrent();

    /// <summary>Shows the frame just drawn (a window swaps buffers; offscreen waits for the GL to finish).</summary>
    void SwapBuffers();

    /// <summary>Processes pending window-system events and returns the input events since the last call.</summary>
    IReadOnlyList<InputEvent> PollEvents();
}
