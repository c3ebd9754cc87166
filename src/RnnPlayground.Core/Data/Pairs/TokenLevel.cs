namespace RnnPlayground.Core.Data;

/// <summary>How a line of a pairs file is cut into tokens.</summary>
public enum TokenLevel
{
    /// <summary>Each UTF-16 character is a token; tokens join with nothing between them.</summary>
    Char,

    /// <summary>Runs of non-whitespace are tokens; tokens join with one space.</summary>
    Word,
}
