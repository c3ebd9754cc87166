namespace RnnPlayground.Core.Data;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber 1997): at each of L steps two inputs, a value
/// uniform in [0, 1) and a marker (0 or 1); exactly two steps are marked, one in the first half and
/// one in the second. The target after the last step is the sum of the two marked values
/// (inputs [L, B, 2], values [B, 1]). Predicting the constant 1 gives an MSE of about 0.167, the
/// level a model must beat to show it remembers. Samples are fixed per split and seed.
/// </summary>
public sealed class AddingProblemDataset : ISequenceDataset, IHasBaselines
{
    private readonly SampleStore _store;

    public AddingProblemDataset(int sequenceLength = 50, int train = 2000, int validation = 400, int test = 400, ulong seed = 1,
        CancellationToken cancellation = default)
    {
        if (sequenceLength < 2) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "must be ≥ 2");
        var shape = new TaskShape(sequenceLength, 2, 0, 0, 1, false, ["value", "marker"], [], ["sum"]);
        _store = new SampleStore(shape, train, validation, test);
        var random = new RandomSource(seed);
        int half = sequenceLength / 2;
        foreach (Split split in Enum.GetValues<Split>())
        {
            for (int i = 0; i < _store.Count(split); i++)
            {
                cancellation.ThrowIfCancellationRequested();
                Span<float> inputs = _store.Inputs(split, i);
                for (int t = 0; t < sequenceLength; t++) inputs[2 * t] = random.NextFloat();
                int first = random.NextInt(half), second = half + random.NextInt(sequenceLength - half);
                inputs[2 * first + 1] = 1;
                inputs[2 * second + 1] = 1;
                _store.Values(split, i)[0] = inputs[2 * first] + inputs[2 * second];
            }
        }
    }

    public TaskShape Shape => _store.Shape;

    public int Count(Split split) => _store.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _store.Fill(split, indices, batch);

    /// <summary>constant (always 1, the expected sum) as mae and rmse.</summary>
    public IReadOnlyList<BaselineResult> Baselines(Split split)
    {
        var constant = new RegressionMetrics();
        int n = Count(split);
        for (int i = 0; i < n; i++) constant.Add(_store.Values(split, i)[0], 1.0);
        return
        [
            new BaselineResult("constant", "sum", "mae", constant.MeanAbsoluteError, n),
            new BaselineResult("constant", "sum", "rmse", constant.RootMeanSquaredError, n),
        ];
    }
}
