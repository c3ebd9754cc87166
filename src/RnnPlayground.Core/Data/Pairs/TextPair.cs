namespace RnnPlayground.Core.Data;

/// <summary>One source text and the target text a model should turn it into.</summary>
/// <param name="Source">What the encoder reads, e.g. <c>"3/3/98"</c>.</param>
/// <param name="Target">What the decoder should write, e.g. <c>"1998-03-03"</c>.</param>
public sealed record TextPair(string Source, string Target);
