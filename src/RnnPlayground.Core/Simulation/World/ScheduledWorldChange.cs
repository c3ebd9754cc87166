namespace RnnPlayground.Core.Simulation;

/// <summary>A <see cref="WorldChange"/> the live loop makes at the start of live day <paramref name="Day"/> (0 = the first live day).</summary>
public sealed record ScheduledWorldChange(long Day, WorldChange Change);
