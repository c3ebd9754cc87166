namespace RnnPlayground.Core.Data;

/// <summary>What <see cref="CharVocabulary.Encode(string)"/> does with a character outside the vocabulary.</summary>
public enum UnknownCharPolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the character and its position.</summary>
    Throw,

    /// <summary>Leave the character out.</summary>
    Skip,

    /// <summary>Encode it as the vocabulary's replacement character.</summary>
    Replace,
}
