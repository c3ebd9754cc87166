namespace RnnPlayground.Snapshots;

/// <summary>A change made to the world, for the charts: the stream's hour it took effect and a short label.</summary>
public sealed record WorldMarker(double Hour, string Label);
