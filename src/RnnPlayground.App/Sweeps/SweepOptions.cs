using RnnPlayground.App.Sharding;

namespace RnnPlayground.App.Sweeps;

/// <summary>What <c>rnnplay sweep</c> was asked to do.</summary>
internal sealed record SweepOptions
{
    public string? Script { get; init; }

    /// <summary><c>--grid 'lr=1e-3,3e-3 hidden=16,32'</c>.</summary>
    public string? Grid { get; init; }

    /// <summary><c>--random N</c>: draws from <see cref="Ranges"/>.</summary>
    public int? Random { get; init; }

    /// <summary><c>--ranges 'lr=log:1e-4..1e-2 hidden=16..128'</c>.</summary>
    public string? Ranges { get; init; }

    /// <summary>Seed of the random sweep's draws.</summary>
    public ulong SampleSeed { get; init; } = 1;

    /// <summary>Runs per combination, with seeds 1 … K.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Runs at a time.</summary>
    public int Jobs { get; init; } = 1;

    public string? Output { get; init; }

    /// <summary>The validation metric the table is sorted by (default: the script's <c>select.metric</c>).</summary>
    public string? Metric { get; init; }

    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    public long? Steps { get; init; }

    public int? Epochs { get; init; }

    /// <summary>Values every run takes (<c>--set</c>).</summary>
    public IReadOnlyDictionary<string, string> Fixed { get; init; } = new Dictionary<string, string>();

    /// <summary>Cores for the numeric core (default: the machine's divided among the jobs).</summary>
    public int? Threads { get; init; }

    /// <summary><c>--merge DIR…</c>: combine shard folders instead of running.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];
}
