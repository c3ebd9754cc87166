using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Context;

/// <summary>
/// A native window with an OpenGL 3.3+ core context through GLFW 3.3 (<c>libglfw.so.3</c>), drawing
/// into its back buffer. Needs an X11 display (<c>DISPLAY</c>); create, draw and dispose it on one thread.
/// </summary>
public sealed unsafe class GlfwWindowContext : IGraphicsContext
{
    private static readonly Lock InitLock = new();
    private static int _windows;

    private readonly GlfwNative _glfw;
    private readonly nint _window;
    private readonly List<InputEvent> _pending = [];

    // Kept in fields so the garbage collector never frees a delegate GLFW still calls.
    private readonly GlfwNative.KeyCallback _keyCallback;
    private readonly GlfwNative.FramebufferSizeCallback _sizeCallback;
    private readonly GlfwNative.CursorPosCallback _cursorCallback;
    private readonly GlfwNative.MouseButtonCallback _buttonCallback;
    private readonly GlfwNative.CursorEnterCallback _enterCallback;
    private float _pointerX = float.NaN, _pointerY = float.NaN;
    private bool _disposed;

    /// <param name="visible">False opens a hidden window (still renders; useful for tests).</param>
    /// <param name="swapInterval">1 waits for the display's refresh on swap; 0 does not wait.</param>
    /// <exception cref="GraphicsUnavailableException">No display, no GLFW, or no suitable GL context.</exception>
    public GlfwWindowContext(string title, int width, int height, bool visible = true, int swapInterval = 1)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (width is < 1 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "must be in 1..16384");
        }

        if (height is < 1 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "must be in 1..16384");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(swapInterval);
        var probe = GraphicsAvailability.CanOpenWindow();
        if (!probe.Available)
        {
            throw new GraphicsUnavailableException(probe.Reason);
        }

        _glfw = GlfwNative.Instance!;
        AcquireGlfw(_glfw);
        try
        {
            _glfw.WindowHint(GlfwNative.ContextVersionMajor, 3);
            _glfw.WindowHint(GlfwNative.ContextVersionMinor, 3);
            _glfw.WindowHint(GlfwNative.OpenGlProfile, GlfwNative.OpenGlCoreProfile);
            _glfw.WindowHint(GlfwNative.OpenGlForwardCompat, 1);
            _glfw.WindowHint(GlfwNative.Visible, visible ? 1 : 0);
            _glfw.WindowHint(GlfwNative.Resizable, 1);
            fixed (byte* titleBytes = GlfwNative.Utf8Z(title))
            {
                _window = _glfw.CreateWindow(width, height, titleBytes, 0, 0);
            }

            if (_window == 0)
            {
                throw new GraphicsUnavailableException($"GLFW: cannot create a {width}x{height} window with an OpenGL 3.3 core context ({_glfw.LastError() ?? "no reason given"})");
            }
        }
        catch
        {
            ReleaseGlfw(_glfw);
            throw;
        }

        _keyCallback = OnKey;
        _sizeCallback = OnFramebufferSize;
        _glfw.SetKeyCallback(_window, Marshal.GetFunctionPointerForDelegate(_keyCallback));
        _glfw.SetFramebufferSizeCallback(_window, Marshal.GetFunctionPointerForDelegate(_sizeCallback));
        _cursorCallback = OnCursor;
        _buttonCallback = OnMouseButton;
        _glfw.SetCursorPosCallback(_window, Marshal.GetFunctionPointerForDelegate(_cursorCallback));
        _glfw.SetMouseButtonCallback(_window, Marshal.GetFunctionPointerForDelegate(_buttonCallback));
        _enterCallback = OnCursorEnter;
        _glfw.SetCursorEnterCallback(_window, Marshal.GetFunctionPointerForDelegate(_enterCallback));
        _glfw.MakeContextCurrent(_window);
        _glfw.SwapInterval(swapInterval);
        var glfw = _glfw;
        Gl = GL.GetApi(name => glfw.GetProcAddress(name));
        // Mesa's software drivers (llvmpipe, softpipe) swap an X window by copying the back buffer
        // out, so it still holds the frame afterwards; elsewhere the back buffer is undefined after a swap.
        var renderer = Gl.GetStringS(StringName.Renderer) ?? string.Empty;
        RetainsFrame = renderer.Contains("llvmpipe", StringComparison.Ordinal) || renderer.Contains("softpipe", StringComparison.Ordinal);
        int w, h;
        _glfw.GetFramebufferSize(_window, &w, &h);
        Width = w;
        Height = h;
    }

    public GL Gl { get; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public bool IsWindow => true;

    public bool RetainsFrame { get; }

    public bool ShouldClose => !_disposed && _glfw.WindowShouldClose(_window) != 0;

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _glfw.MakeContextCurrent(_window);
        Gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
    }

    public void SwapBuffers()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _glfw.SwapBuffers(_window);
    }

    public IReadOnlyList<InputEvent> PollEvents()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _glfw.PollEvents();
        if (_pending.Count == 0)
        {
            return [];
        }

        var events = _pending.ToArray();
        _pending.Clear();
        return events;
    }

    /// <summary>Asks the loop to end as if the user had closed the window.</summary>
    public void RequestClose()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _glfw.SetWindowShouldClose(_window, 1);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _glfw.SetKeyCallback(_window, 0);
        _glfw.SetFramebufferSizeCallback(_window, 0);
        _glfw.SetCursorPosCallback(_window, 0);
        _glfw.SetMouseButtonCallback(_window, 0);
        _glfw.SetCursorEnterCallback(_window, 0);
        _glfw.DestroyWindow(_window);
        Gl.Dispose();
        ReleaseGlfw(_glfw);
    }

    /// <summary>Maps GLFW key codes (US layout names) to the viewer's keys.</summary>
    internal static Key MapKey(int glfwKey) => glfwKey switch
    {
        32 => Key.Space,
        78 => Key.N,
        61 or 334 => Key.Plus, // '=' (shift gives '+') and keypad +
        45 or 333 => Key.Minus, // '-' and keypad -
        258 => Key.Tab,
        82 => Key.R,
        83 => Key.S,
        256 => Key.Escape,
        47 => Key.Slash,
        91 => Key.BracketLeft,
        93 => Key.BracketRight,
        67 => Key.C,
        44 => Key.Comma,
        46 => Key.Period,
        _ => Key.Other,
    };

    private static void AcquireGlfw(GlfwNative glfw)
    {
        lock (InitLock)
        {
            if (_windows == 0 && glfw.Init() == 0)
            {
                throw new GraphicsUnavailableException($"GLFW: cannot initialise ({glfw.LastError() ?? "no reason given"})");
            }

            _windows++;
        }
    }

    private static void ReleaseGlfw(GlfwNative glfw)
    {
        lock (InitLock)
        {
            _windows--;
            if (_windows == 0)
            {
                glfw.Terminate();
            }
        }
    }

    private void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (action is GlfwNative.Press or GlfwNative.Repeat)
        {
            _pending.Add(new KeyPressed(MapKey(key), action == GlfwNative.Repeat, key, (mods & GlfwNative.ModControl) != 0, (mods & GlfwNative.ModShift) != 0));
        }
    }

    /// <summary>Screen coordinates to framebuffer pixels (they differ on a high-density display).</summary>
    private (float X, float Y) ToFramebuffer(double x, double y)
    {
        int w, h;
        _glfw.GetWindowSize(_window, &w, &h);
        return w > 0 && h > 0 ? ((float)(x * Width / w), (float)(y * Height / h)) : ((float)x, (float)y);
    }

    private void OnCursor(nint window, double x, double y)
    {
        (_pointerX, _pointerY) = ToFramebuffer(x, y);
        if (_pending.Count > 0 && _pending[^1] is PointerMoved)
        {
            _pending[^1] = new PointerMoved(_pointerX, _pointerY); // only the latest position of a burst matters
        }
        else
        {
            _pending.Add(new PointerMoved(_pointerX, _pointerY));
        }
    }

    private void OnCursorEnter(nint window, int entered)
    {
        if (entered == 0)
        {
            _pointerX = _pointerY = float.NaN;
            _pending.Add(new PointerLeft());
        }
    }

    private void OnMouseButton(nint window, int button, int action, int mods)
    {
        if (action == GlfwNative.Press && float.IsFinite(_pointerX))
        {
            _pending.Add(new PointerPressed(_pointerX, _pointerY, button switch { 0 => PointerButton.Left, 1 => PointerButton.Right, _ => PointerButton.Other }));
        }
    }

    private void OnFramebufferSize(nint window, int width, int height)
    {
        Width = width;
        Height = height;
        _pending.Add(new FramebufferResized(width, height));
    }
}
