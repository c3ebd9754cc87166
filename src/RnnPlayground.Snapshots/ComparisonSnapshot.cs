namespace RnnPlayground.Snapshots;

/// <summary>
/// The variants of a comparison together: every one that finished, the one running and those still
/// to come, in the script's order.
/// </summary>
/// <param name="Current">Index into <paramref name="Variants"/> of the one running (or last shown).</param>
/// <param name="HeldDivergence">While the sequence waits on a variant that diverged (so the room sees it),
/// that variant's index; null when nothing is held.</param>
/// <param name="HoldSecondsLeft">Seconds until a held sequence moves on by itself (∞: only on a key).</param>
public sealed record ComparisonSnapshot(
    IReadOnlyList<VariantSnapshot> Variants,
    int Current,
    int? HeldDivergence = null,
    double HoldSecondsLeft = double.PositiveInfinity);
