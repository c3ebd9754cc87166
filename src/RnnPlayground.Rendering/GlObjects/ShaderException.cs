namespace RnnPlayground.Rendering.GlObjects;

/// <summary>A shader file is missing, does not compile or link, or lacks a uniform the code sets.</summary>
public sealed class ShaderException : Exception
{
    public ShaderException(string fileName, string message)
        : base(message)
    {
        FileName = fileName;
    }

    /// <summary>The shader file (or program name) the problem is in.</summary>
    public string FileName { get; }
}
