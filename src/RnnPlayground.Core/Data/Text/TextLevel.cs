namespace RnnPlayground.Core.Data;

/// <summary>What a token of a text is.</summary>
public enum TextLevel
{
    /// <summary>Each character (UTF-16 code unit).</summary>
    Char,

    /// <summary>Each run of non-space characters.</summary>
    Word,
}
