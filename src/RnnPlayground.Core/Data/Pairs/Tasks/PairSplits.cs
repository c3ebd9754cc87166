namespace RnnPlayground.Core.Data;

/// <summary>Generated text pairs in their three splits, ready for <see cref="PairDataset"/>.</summary>
public sealed record PairSplits(IReadOnlyList<TextPair> Train, IReadOnlyList<TextPair> Validation, IReadOnlyList<TextPair> Test)
{
    /// <summary>The pairs of <paramref name="split"/>.</summary>
    public IReadOnlyList<TextPair> Of(Split split) => split switch
    {
        Split.Train => Train,
        Split.Validation => Validation,
        Split.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };

    /// <summary>
    /// Makes <paramref name="counts"/> pairs per split with <paramref name="make"/>(random, split):
    /// each split draws from its own stream seeded by (seed, split), so a split's pairs do not
    /// depend on the other splits' sizes.
    /// </summary>
    public static PairSplits Generate((int Train, int Validation, int Test) counts, ulong seed, Func<RandomSource, Split, TextPair> make,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(make);
        int[] n = [counts.Train, counts.Validation, counts.Test];
        if (n.Any(c => c < 0)) throw new ArgumentOutOfRangeException(nameof(counts), "counts must be ≥ 0");
        var splits = new TextPair[3][];
        for (int s = 0; s < 3; s++)
        {
            var random = new RandomSource(seed * 3 + (ulong)s + 0x9E3779B97F4A7C15UL);
            splits[s] = new TextPair[n[s]];
            for (int i = 0; i < n[s]; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                splits[s][i] = make(random, (Split)s);
            }
        }
        return new PairSplits(splits[0], splits[1], splits[2]);
    }
}
