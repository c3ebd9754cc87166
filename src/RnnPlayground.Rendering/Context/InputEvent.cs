namespace RnnPlayground.Rendering.Context;

/// <summary>The keys the viewer reacts to; every other key arrives as <see cref="Other"/>.</summary>
public enum Key
{
    Other,
    Space,
    N,
    Plus,
    Minus,
    Tab,
    R,
    S,
    Escape,
    /// <summary>The '/' key ('?' with Shift).</summary>
    Slash,
    BracketLeft,
    BracketRight,
    C,
    Comma,
    Period,
}

/// <summary>Something the user did to the window.</summary>
public abstract record InputEvent;

/// <summary>A key went down (<paramref name="IsRepeat"/>: held down and auto-repeated).</summary>
/// <param name="NativeKey">The window system's key code (GLFW's), for keys outside <see cref="Key"/>.</param>
/// <param name="Control">Whether Ctrl was held.</param>
/// <param name="Shift">Whether Shift was held.</param>
public sealed record KeyPressed(Key Key, bool IsRepeat, int NativeKey, bool Control = false, bool Shift = false) : InputEvent;

/// <summary>The framebuffer changed size; the next frame should be laid out for it.</summary>
public sealed record FramebufferResized(int Width, int Height) : InputEvent;

/// <summary>Which mouse button was pressed.</summary>
public enum PointerButton
{
    Left,
    Right,
    Other,
}

/// <summary>The pointer moved to (<paramref name="X"/>, <paramref name="Y"/>), framebuffer pixels from the top-left corner.</summary>
public sealed record PointerMoved(float X, float Y) : InputEvent;

/// <summary>A mouse button went down with the pointer at (<paramref name="X"/>, <paramref name="Y"/>), framebuffer pixels.</summary>
public sealed record PointerPressed(float X, float Y, PointerButton Button) : InputEvent;

/// <summary>The pointer left the window (a tooltip should go).</summary>
public sealed record PointerLeft : InputEvent;
