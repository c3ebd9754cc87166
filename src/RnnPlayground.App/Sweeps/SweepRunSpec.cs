namespace RnnPlayground.App.Sweeps;

/// <summary>One training run of a sweep: a combination of values and a seed, with its own output folder.</summary>
/// <param name="Index">Its place among all the sweep's runs (from 0): what shards slice.</param>
/// <param name="Config">The combination it trains.</param>
/// <param name="Seed">The run's seed (<c>--seed</c>): weights, dropout and shuffling.</param>
/// <param name="Folder">Its output folder's name under the sweep's <c>runs/</c>.</param>
internal sealed record SweepRunSpec(int Index, SweepConfig Config, ulong Seed, string Folder);
