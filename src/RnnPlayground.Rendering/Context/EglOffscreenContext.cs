using RnnPlayground.Rendering.GlObjects;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Context;

/// <summary>
/// An OpenGL 3.3+ core context with no display at all: EGL on Mesa's surfaceless platform
/// (llvmpipe on a machine without a GPU), drawing into an RGBA8 framebuffer object of
/// <see cref="Width"/>×<see cref="Height"/> pixels. Needs <c>libegl1</c>, <c>libegl-mesa0</c> and
/// <c>libgl1-mesa-dri</c>.
/// </summary>
public sealed unsafe class EglOffscreenContext : IGraphicsContext
{
    /// <summary>The largest framebuffer side accepted.</summary>
    public const int MaxSide = 8192;

    private const string InstallHint = "is libegl-mesa0/libgl1-mesa-dri installed?";
    private static readonly Lock DisplayLock = new();
    private static nint _display;
    private static int _displayUsers;

    private readonly EglNative _egl;
    private readonly nint _context;
    private GlFramebuffer _framebuffer;
    private bool _disposed;

    /// <exception cref="GraphicsUnavailableException">EGL or the Mesa driver cannot give a context.</exception>
    public EglOffscreenContext(int width, int height)
    {
        CheckSize(width, height);
        _egl = EglNative.Instance
            ?? throw new GraphicsUnavailableException($"EGL: {EglNative.LibraryName} not found (apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri)");
        var display = AcquireDisplay(_egl);
        try
        {
            _context = CreateContext(_egl, display);
            if (_egl.MakeCurrent(display, 0, 0, _context) == 0)
            {
                var error = _egl.LastError();
                _egl.DestroyContext(display, _context);
                throw new GraphicsUnavailableException($"EGL: cannot make the context current ({error})");
            }
        }
        catch
        {
            ReleaseDisplay(_egl);
            throw;
        }

        var egl = _egl;
        Gl = GL.GetApi(name => egl.GetProcAddress(name));
        _framebuffer = new GlFramebuffer(Gl, width, height);
        Renderer = Gl.GetStringS(StringName.Renderer) ?? "unknown";
        Version = Gl.GetStringS(StringName.Version) ?? "unknown";
    }

    public GL Gl { get; }

    public int Width => _framebuffer.Width;

    public int Height => _framebuffer.Height;

    public bool IsWindow => false;

    public bool ShouldClose => false;

    /// <summary>GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; }

    /// <summary>GL_VERSION, e.g. "4.5 (Core Profile) Mesa 22.3.6".</summary>
    public string Version { get; }

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_egl.MakeCurrent(_display, 0, 0, _context) == 0)
        {
            throw new InvalidOperationException($"EGL: cannot make the context current on this thread ({_egl.LastError()}); is it current on another thread?");
        }

        _framebuffer.Bind();
    }

    /// <summary>Waits until every GL command issued so far has finished (the frame is then in the framebuffer).</summary>
    public void SwapBuffers()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Gl.Finish();
    }

    public IReadOnlyList<InputEvent> PollEvents() => [];

    /// <summary>Replaces the framebuffer with one of the new size (contents are lost) and binds it.</summary>
    public void Resize(int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckSize(width, height);
        if (width == Width && height == Height)
        {
            return;
        }

        var next = new GlFramebuffer(Gl, width, height);
        _framebuffer.Dispose();
        _framebuffer = next;
        _framebuffer.Bind();
    }

    /// <summary>Releases the context from the calling thread so that another thread may make it current.</summary>
    public void ReleaseCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _egl.MakeCurrent(_display, 0, 0, 0);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_egl.MakeCurrent(_display, 0, 0, _context) != 0)
        {
            _framebuffer.Dispose();
        }

        _egl.MakeCurrent(_display, 0, 0, 0);
        _egl.DestroyContext(_display, _context);
        Gl.Dispose();
        ReleaseDisplay(_egl);
    }

    private static void CheckSize(int width, int height)
    {
        if (width is < 1 or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"must be in 1..{MaxSide}");
        }

        if (height is < 1 or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, $"must be in 1..{MaxSide}");
        }
    }

    /// <summary>
    /// One surfaceless display is shared by every offscreen context of the process and terminated
    /// with the last of them (EGL terminates a display outright, not per caller).
    /// </summary>
    private static nint AcquireDisplay(EglNative egl)
    {
        lock (DisplayLock)
        {
            if (_displayUsers == 0)
            {
                if (egl.GetPlatformDisplayExt == null || !egl.ClientExtensions().Contains("EGL_MESA_platform_surfaceless", StringComparison.Ordinal))
                {
                    throw new GraphicsUnavailableException($"EGL: no surfaceless platform (EGL_MESA_platform_surfaceless); {InstallHint}");
                }

                var display = egl.GetPlatformDisplayExt(EglNative.PlatformSurfacelessMesa, 0, null);
                int major, minor;
                if (display == 0 || egl.Initialize(display, &major, &minor) == 0)
                {
                    throw new GraphicsUnavailableException($"EGL: cannot initialise ({InstallHint})");
                }

                _display = display;
            }

            _displayUsers++;
            return _display;
        }
    }

    private static void ReleaseDisplay(EglNative egl)
    {
        lock (DisplayLock)
        {
            _displayUsers--;
            if (_displayUsers == 0)
            {
                egl.Terminate(_display);
                _display = 0;
            }
        }
    }

    private static nint CreateContext(EglNative egl, nint display)
    {
        if (egl.BindApi(EglNative.OpenGlApi) == 0)
        {
            throw new GraphicsUnavailableException($"EGL: desktop OpenGL API not available ({egl.LastError()}); {InstallHint}");
        }

        int* configAttributes = stackalloc int[]
        {
            EglNative.SurfaceType, EglNative.PbufferBit,
            EglNative.RenderableType, EglNative.OpenGlBit,
            EglNative.RedSize, 8, EglNative.GreenSize, 8, EglNative.BlueSize, 8, EglNative.AlphaSize, 8,
            EglNative.None,
        };
        nint config;
        int count;
        if (egl.ChooseConfig(display, configAttributes, &config, 1, &count) == 0 || count < 1)
        {
            throw new GraphicsUnavailableException($"EGL: no RGBA8 OpenGL config ({egl.LastError()}); {InstallHint}");
        }

        int* contextAttributes = stackalloc int[]
        {
            EglNative.ContextMajorVersion, 3,
            EglNative.ContextMinorVersion, 3,
            EglNative.ContextOpenGlProfileMask, EglNative.ContextOpenGlCoreProfileBit,
            EglNative.None,
        };
        var context = egl.CreateContext(display, config, 0, contextAttributes);
        if (context == 0)
        {
            throw new GraphicsUnavailableException($"EGL: cannot create an OpenGL 3.3 core context ({egl.LastError()}); {InstallHint}");
        }

        return context;
    }
}
