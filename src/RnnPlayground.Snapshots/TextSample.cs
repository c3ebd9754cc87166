namespace RnnPlayground.Snapshots;

/// <summary>Text a character model wrote from its current weights, for the window to show.</summary>
/// <param name="Text">The sampled characters (after the prime).</param>
/// <param name="Prime">What the model was fed first.</param>
/// <param name="Step">The training step whose weights wrote it.</param>
/// <param name="Temperature">The sampling temperature.</param>
public sealed record TextSample(string Text, string Prime, long Step, double Temperature);
