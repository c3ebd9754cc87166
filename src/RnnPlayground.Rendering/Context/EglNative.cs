using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Context;

/// <summary>
/// The few EGL 1.5 entry points needed for a surfaceless Mesa context, resolved from
/// <c>libEGL.so.1</c> at run time so that a missing library becomes a clear message, not a crash.
/// </summary>
internal sealed unsafe class EglNative
{
    public const string LibraryName = "libEGL.so.1";

    public const int PlatformSurfacelessMesa = 0x31DD;
    public const int OpenGlApi = 0x30A2;
    public const int SurfaceType = 0x3033;
    public const int PbufferBit = 0x0001;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;
    public const int RedSize = 0x3024;
    public const int GreenSize = 0x3023;
    public const int BlueSize = 0x3022;
    public const int AlphaSize = 0x3021;
    public const int DepthSize = 0x3025;
    public const int None = 0x3038;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x1;
    public const int Extensions = 0x3055;

    private static readonly Lazy<EglNative?> Shared = new(Load);

    private readonly delegate* unmanaged<byte*, nint> _getProcAddress;

    private EglNative(nint library)
    {
        _getProcAddress = (delegate* unmanaged<byte*, nint>)NativeLibrary.GetExport(library, "eglGetProcAddress");
        GetError = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "eglGetError");
        Initialize = (delegate* unmanaged<nint, int*, int*, uint>)NativeLibrary.GetExport(library, "eglInitialize");
        Terminate = (delegate* unmanaged<nint, uint>)NativeLibrary.GetExport(library, "eglTerminate");
        BindApi = (delegate* unmanaged<int, uint>)NativeLibrary.GetExport(library, "eglBindAPI");
        ChooseConfig = (delegate* unmanaged<nint, int*, nint*, int, int*, uint>)NativeLibrary.GetExport(library, "eglChooseConfig");
        CreateContext = (delegate* unmanaged<nint, nint, nint, int*, nint>)NativeLibrary.GetExport(library, "eglCreateContext");
        DestroyContext = (delegate* unmanaged<nint, nint, uint>)NativeLibrary.GetExport(library, "eglDestroyContext");
        MakeCurrent = (delegate* unmanaged<nint, nint, nint, nint, uint>)NativeLibrary.GetExport(library, "eglMakeCurrent");
        QueryString = (delegate* unmanaged<nint, int, byte*>)NativeLibrary.GetExport(library, "eglQueryString");
        GetPlatformDisplayExt = (delegate* unmanaged<int, nint, int*, nint>)GetProcAddress("eglGetPlatformDisplayEXT");
    }

    public delegate* unmanaged<int> GetError { get; }

    public delegate* unmanaged<nint, int*, int*, uint> Initialize { get; }

    public delegate* unmanaged<nint, uint> Terminate { get; }

    public delegate* unmanaged<int, uint> BindApi { get; }

    public delegate* unmanaged<nint, int*, nint*, int, int*, uint> ChooseConfig { get; }

    public delegate* unmanaged<nint, nint, nint, int*, nint> CreateContext { get; }

    public delegate* unmanaged<nint, nint, uint> DestroyContext { get; }

    public delegate* unmanaged<nint, nint, nint, nint, uint> MakeCurrent { get; }

    public delegate* unmanaged<nint, int, byte*> QueryString { get; }

    /// <summary>Null when the EGL implementation lacks EGL_EXT_platform_base.</summary>
    public delegate* unmanaged<int, nint, int*, nint> GetPlatformDisplayExt { get; }

    /// <summary>The loaded library, or null when <c>libEGL.so.1</c> (or one of its symbols) is missing.</summary>
    public static EglNative? Instance => Shared.Value;

    public nint GetProcAddress(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            return _getProcAddress(p);
        }
    }

    public string ClientExtensions()
    {
        var text = QueryString(0, Extensions);
        return text == null ? string.Empty : Marshal.PtrToStringAnsi((nint)text) ?? string.Empty;
    }

    public string LastError() => ErrorName(GetError());

    public static string ErrorName(int code) => code switch
    {
        0x3000 => "EGL_SUCCESS",
        0x3001 => "EGL_NOT_INITIALIZED",
        0x3002 => "EGL_BAD_ACCESS",
        0x3003 => "EGL_BAD_ALLOC",
        0x3004 => "EGL_BAD_ATTRIBUTE",
        0x3005 => "EGL_BAD_CONFIG",
        0x3006 => "EGL_BAD_CONTEXT",
        0x3008 => "EGL_BAD_DISPLAY",
        0x3009 => "EGL_BAD_MATCH",
        0x300C => "EGL_BAD_PARAMETER",
        0x300E => "EGL_CONTEXT_LOST",
        _ => $"EGL error 0x{code:X4}",
    };

    private static EglNative? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var library))
        {
            return null;
        }

        try
        {
            return new EglNative(library);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}
