namespace RnnPlayground.App.Testing;

/// <summary>What <c>rnnplay test</c> was asked to do.</summary>
internal sealed record TestOptions
{
    /// <summary>Test files and folders (default scripts/tests).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Run only the cases whose <c>file::name</c> contains one of these (ignoring case).</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    public int Jobs { get; init; } = 1;

    public string? JUnit { get; init; }

    /// <summary>Draw report.png beside each run's metrics.csv (off by default: a report costs more than the rest of a short case).</summary>
    public bool Reports { get; init; }

    public string? Output { get; init; }

    /// <summary>Run only this slice of the selected cases.</summary>
    public Sharding.ShardSpec? Shard { get; init; }

    /// <summary>Instead of running: combine the results of these shard output folders.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];
}
