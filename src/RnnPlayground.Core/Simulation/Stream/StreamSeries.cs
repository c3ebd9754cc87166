namespace RnnPlayground.Core.Simulation;

/// <summary>One series a <see cref="IStreamWorld"/> observes every tick, e.g. ("prey", "thousands").</summary>
public sealed record StreamSeries(string Name, string Unit);
