namespace RnnPlayground.Snapshots;

/// <summary>Where a variant of a comparison stands.</summary>
public enum VariantState
{
    /// <summary>Not started yet (later in the sequence).</summary>
    Waiting,

    /// <summary>Training now.</summary>
    Running,

    /// <summary>Trained to its end (or stopped).</summary>
    Finished,

    /// <summary>Stopped because its loss or gradient stopped being finite.</summary>
    Diverged,
}
