using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Context;

/// <summary>
/// The GLFW 3.3 entry points the window needs, resolved from <c>libglfw.so.3</c> (Debian's
/// <c>libglfw3</c>) at run time so that a missing library becomes a clear message.
/// </summary>
internal sealed unsafe class GlfwNative
{
    public const string LibraryName = "libglfw.so.3";

    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlForwardCompat = 0x00022006;
    public const int OpenGlProfile = 0x00022008;
    public const int OpenGlCoreProfile = 0x00032001;
    public const int Visible = 0x00020004;
    public const int Resizable = 0x00020003;
    public const int Press = 1;
    public const int Repeat = 2;
    public const int ModShift = 0x1;
    public const int ModControl = 0x2;

    private static readonly Lazy<GlfwNative?> Shared = new(Load);

    private GlfwNative(nint library)
    {
        nint Get(string name) => NativeLibrary.GetExport(library, name);
        Init = (delegate* unmanaged<int>)Get("glfwInit");
        Terminate = (delegate* unmanaged<void>)Get("glfwTerminate");
        GetError = (delegate* unmanaged<byte**, int>)Get("glfwGetError");
        WindowHint = (delegate* unmanaged<int, int, void>)Get("glfwWindowHint");
        CreateWindow = (delegate* unmanaged<int, int, byte*, nint, nint, nint>)Get("glfwCreateWindow");
        DestroyWindow = (delegate* unmanaged<nint, void>)Get("glfwDestroyWindow");
        MakeContextCurrent = (delegate* unmanaged<nint, void>)Get("glfwMakeContextCurrent");
        GetProcAddressRaw = (delegate* unmanaged<byte*, nint>)Get("glfwGetProcAddress");
        SwapInterval = (delegate* unmanaged<int, void>)Get("glfwSwapInterval");
        SwapBuffers = (delegate* unmanaged<nint, void>)Get("glfwSwapBuffers");
        PollEvents = (delegate* unmanaged<void>)Get("glfwPollEvents");
        WindowShouldClose = (delegate* unmanaged<nint, int>)Get("glfwWindowShouldClose");
        SetWindowShouldClose = (delegate* unmanaged<nint, int, void>)Get("glfwSetWindowShouldClose");
        SetKeyCallback = (delegate* unmanaged<nint, nint, nint>)Get("glfwSetKeyCallback");
        SetFramebufferSizeCallback = (delegate* unmanaged<nint, nint, nint>)Get("glfwSetFramebufferSizeCallback");
        GetFramebufferSize = (delegate* unmanaged<nint, int*, int*, void>)Get("glfwGetFramebufferSize");
        GetWindowSize = (delegate* unmanaged<nint, int*, int*, void>)Get("glfwGetWindowSize");
        SetCursorPosCallback = (delegate* unmanaged<nint, nint, nint>)Get("glfwSetCursorPosCallback");
        SetMouseButtonCallback = (delegate* unmanaged<nint, nint, nint>)Get("glfwSetMouseButtonCallback");
        SetCursorEnterCallback = (delegate* unmanaged<nint, nint, nint>)Get("glfwSetCursorEnterCallback");
    }

    /// <summary>(window, key, scancode, action, mods)</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void KeyCallback(nint window, int key, int scancode, int action, int mods);

    /// <summary>(window, x, y) in screen coordinates from the content area's top-left corner.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CursorPosCallback(nint window, double x, double y);

    /// <summary>(window, button, action, mods)</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MouseButtonCallback(nint window, int button, int action, int mods);

    /// <summary>(window, entered): 1 when the pointer came into the content area, 0 when it left.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CursorEnterCallback(nint window, int entered);

    /// <summary>(window, width, height)</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void FramebufferSizeCallback(nint window, int width, int height);

    /// <summary>The loaded library, or null when <c>libglfw.so.3</c> (or one of its symbols) is missing.</summary>
    public static GlfwNative? Instance => Shared.Value;

    public delegate* unmanaged<int> Init { get; }

    public delegate* unmanaged<void> Terminate { get; }

    public delegate* unmanaged<byte**, int> GetError { get; }

    public delegate* unmanaged<int, int, void> WindowHint { get; }

    public delegate* unmanaged<int, int, byte*, nint, nint, nint> CreateWindow { get; }

    public delegate* unmanaged<nint, void> DestroyWindow { get; }

    public delegate* unmanaged<nint, void> MakeContextCurrent { get; }

    public delegate* unmanaged<byte*, nint> GetProcAddressRaw { get; }

    public delegate* unmanaged<int, void> SwapInterval { get; }

    public delegate* unmanaged<nint, void> SwapBuffers { get; }

    public delegate* unmanaged<void> PollEvents { get; }

    public delegate* unmanaged<nint, int> WindowShouldClose { get; }

    public delegate* unmanaged<nint, int, void> SetWindowShouldClose { get; }

    public delegate* unmanaged<nint, nint, nint> SetKeyCallback { get; }

    public delegate* unmanaged<nint, nint, nint> SetFramebufferSizeCallback { get; }

    public delegate* unmanaged<nint, int*, int*, void> GetFramebufferSize { get; }

    public delegate* unmanaged<nint, int*, int*, void> GetWindowSize { get; }

    public delegate* unmanaged<nint, nint, nint> SetCursorPosCallback { get; }

    public delegate* unmanaged<nint, nint, nint> SetMouseButtonCallback { get; }

    public delegate* unmanaged<nint, nint, nint> SetCursorEnterCallback { get; }

    public nint GetProcAddress(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            return GetProcAddressRaw(p);
        }
    }

    /// <summary>GLFW's description of its latest error (clearing it), or null when there was none.</summary>
    public string? LastError()
    {
        byte* description = null;
        var code = GetError(&description);
        if (code == 0)
        {
            return null;
        }

        return description == null ? $"GLFW error 0x{code:X}" : Marshal.PtrToStringUTF8((nint)description);
    }

    public static byte[] Utf8Z(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    private static GlfwNative? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var library))
        {
            return null;
        }

        try
        {
            return new GlfwNative(library);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}
