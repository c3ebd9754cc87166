namespace RnnPlayground.Snapshots;

/// <summary>One observed variable of a stream over the recent window.</summary>
public sealed record SeriesSnapshot(string Name, string Unit, float[] Values);
