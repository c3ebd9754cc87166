using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// The variants of a comparison as the window shows them side by side: each finished one as it
/// ended (kept while the later ones run), the running one as it is now, the rest waiting.
/// </summary>
internal sealed class VariantBoard
{
    private readonly VariantSnapshot[] _variants;

    /// <param name="names">The variants in the script's order.</param>
    /// <param name="totalSteps">The steps each will run (shown for those not started yet).</param>
    public VariantBoard(IReadOnlyList<string> names, Func<int, long> totalSteps)
    {
        _variants = new VariantSnapshot[names.Count];
        for (int i = 0; i < names.Count; i++)
            _variants[i] = new VariantSnapshot(names[i], VariantState.Waiting, 0, totalSteps(i), [], 1, [], null, double.NaN);
    }

    /// <summary>Keeps how variant <paramref name="index"/> ended (null: it has no curves, e.g. a weather world).</summary>
    public void Keep(int index, VariantSnapshot? ended)
    {
        if (ended is not null) _variants[index] = ended;
    }

    /// <summary>Forgets variant <paramref name="index"/>'s curves (its weights were reset: it starts again).</summary>
    public void Restart(int index, long totalSteps) =>
        _variants[index] = _variants[index] with { State = VariantState.Waiting, Step = 0, TotalSteps = totalSteps, Loss = [], GradientProfile = [], DivergedAtStep = null, FinalLoss = double.NaN };

    /// <summary>All the variants with <paramref name="live"/> as variant <paramref name="current"/> now.</summary>
    public ComparisonSnapshot Snapshot(int current, ILiveExperiment live, int? held, double holdSecondsLeft)
    {
        var all = new VariantSnapshot[_variants.Length];
        _variants.CopyTo(all, 0);
        if (live.DescribeVariant(_variants[current].Name) is { } now) all[current] = now;
        return new ComparisonSnapshot(all, current, held, holdSecondsLeft);
    }
}
