namespace RnnPlayground.Rendering.Context;

/// <summary>
/// A graphics context (window or offscreen) cannot be had on this machine. The message is one line
/// saying why and, where known, which package to install.
/// </summary>
public sealed class GraphicsUnavailableException : Exception
{
    public GraphicsUnavailableException(string message)
        : base(message)
    {
    }

    public GraphicsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
