namespace RnnPlayground.Core.Experiments;

/// <summary>What the caller (the command line, a test) sets for a run, overriding the experiment.</summary>
public sealed record RunSettings
{
    /// <summary>Folder for metrics.csv, checkpoints and summary.json; null writes nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Train this many steps (overrides the experiment's steps and epochs).</summary>
    public long? Steps { get; init; }

    /// <summary>Train this many epochs (overrides the experiment's steps and epochs, unless <see cref="Steps"/> is set).</summary>
    public int? Epochs { get; init; }

    /// <summary>Use this seed instead of the experiment's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Continue from this training checkpoint.</summary>
    public string? ResumeFrom { get; init; }

    public IRunObserver? Observer { get; init; }
}
