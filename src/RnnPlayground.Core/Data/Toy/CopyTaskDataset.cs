namespace RnnPlayground.Core.Data;

/// <summary>
/// The copy (memory) task: K random symbols, then <see cref="Delay"/> blanks, then a go marker, then
/// K blanks during which the model must repeat the symbols in order. Tokens: symbols 0 … S−1, blank
/// = S, go = S + 1 (vocabulary S + 2); L = 2K + Delay + 1. Class targets at every step ([L, B]): the
/// symbol to recall at the K recall steps, -1 elsewhere. Samples are fixed per split and seed.
/// </summary>
public sealed class CopyTaskDataset : ISequenceDataset, IHasBaselines
{
    private readonly SampleStore _store;

    /// <param name="symbols">Alphabet size S (≥ 2).</param>
    /// <param name="length">Symbols to remember, K (≥ 1).</param>
    /// <param name="delay">Blanks between the symbols and the go marker (≥ 0).</param>
    public CopyTaskDataset(int symbols = 8, int length = 5, int delay = 10, int train = 2000, int validation = 400, int test = 400, ulong seed = 1,
        CancellationToken cancellation = default)
    {
        if (symbols is < 2 or > 1000) throw new ArgumentOutOfRangeException(nameof(symbols), symbols, "must be in [2, 1000]");
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "must be ≥ 1");
        if (delay < 0) throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be ≥ 0");
        Symbols = symbols;
        Length = length;
        Delay = delay;
        int steps = 2 * length + delay + 1;
        var classNames = Enumerable.Range(0, symbols).Select(s => $"s{s}").ToArray();
        var shape = new TaskShape(steps, 0, symbols + 2, symbols, 0, true, [], classNames, []);
        _store = new SampleStore(shape, train, validation, test);
        var random = new RandomSource(seed);
        foreach (Split split in Enum.GetValues<Split>())
        {
            for (int i = 0; i < _store.Count(split); i++)
            {
                cancellation.ThrowIfCancellationRequested();
                Span<int> tokens = _store.Tokens(split, i);
                Span<int> classes = _store.Classes(split, i);
                tokens.Fill(Blank);
                classes.Fill(-1);
                for (int k = 0; k < length; k++)
                {
                    int symbol = random.NextInt(symbols);
                    tokens[k] = symbol;
                    classes[FirstRecallStep + k] = symbol;
                }
                tokens[GoStep] = Go;
            }
        }
    }

    public TaskShape Shape => _store.Shape;

    /// <summary>Alphabet size S.</summary>
    public int Symbols { get; }

    /// <summary>Symbols per sample, K.</summary>
    public int Length { get; }

    public int Delay { get; }

    /// <summary>Token of an empty step (S).</summary>
    public int Blank => Symbols;

    /// <summary>Token that asks for the recall (S + 1).</summary>
    public int Go => Symbols + 1;

    /// <summary>Step that holds the go marker (K + Delay).</summary>
    public int GoStep => Length + Delay;

    /// <summary>Step of the first recalled symbol (K + Delay + 1).</summary>
    public int FirstRecallStep => Length + Delay + 1;

    public int Count(Split split) => _store.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _store.Fill(split, indices, batch);

    /// <summary>majority (always the most frequent training symbol; about 1/S) as accuracy over the recall steps.</summary>
    public IReadOnlyList<BaselineResult> Baselines(Split split)
    {
        var trainTargets = Enumerable.Range(0, Count(Split.Train)).SelectMany(i => _store.Classes(Split.Train, i).ToArray());
        int majority = BaselineMath.MostFrequent(trainTargets, Symbols);
        var metrics = new ClassificationMetrics(Symbols);
        for (int i = 0; i < Count(split); i++)
            foreach (int target in _store.Classes(split, i)) metrics.Add(target, majority);
        return [new BaselineResult("majority", "symbol", "accuracy", metrics.Accuracy, Count(split))];
    }
}
