namespace RnnPlayground.Core.Data;

/// <summary>
/// A dataset whose samples were given one by one (from a script's tables or generator) through a
/// <see cref="SequenceDatasetBuilder"/>: fixed per split, any <see cref="TaskShape"/> of one
/// sequence length. Optionally z-scores each input feature with the training split's statistics
/// (<see cref="Normalizer"/>); targets stay in their own units. Baselines: majority (class
/// targets), mean (each value target's training mean) and persistence (when there are as many
/// value targets as input features: value j = feature j at the last step seen, in raw units).
/// </summary>
public sealed class SequenceDataset : ISequenceDataset, IHasBaselines
{
    private readonly SampleStore _store;
    private readonly float[][] _lastRaw;   // per split: [n, S, F] the raw inputs persistence predicts from

    internal SequenceDataset(SampleStore store, bool normalize)
    {
        _store = store;
        TaskShape s = store.Shape;
        int f = s.InputFeatures, t = s.SequenceLength, steps = s.TargetEveryStep ? t : 1;
        _lastRaw = new float[3][];
        foreach (Split split in Enum.GetValues<Split>())
        {
            int n = Count(split);
            float[] raw = _lastRaw[(int)split] = new float[HasPersistence ? n * steps * f : 0];
            for (int i = 0; i < n && HasPersistence; i++)
            {
                ReadOnlySpan<float> inputs = _store.Inputs(split, i);
                if (s.TargetEveryStep) inputs.CopyTo(raw.AsSpan(i * t * f, t * f));
                else inputs.Slice((t - 1) * f, f).CopyTo(raw.AsSpan(i * f, f));
            }
        }
        if (!normalize || s.TokenInput) return;
        // Statistics of the steps the samples have (a variable-length sample's padding is not data).
        var rows = new List<float>(Count(Split.Train) * t * f);
        for (int i = 0; i < Count(Split.Train); i++) rows.AddRange(_store.Inputs(Split.Train, i)[..(_store.Length(Split.Train, i) * f)]);
        Normalizer = ZScoreNormalizer.Fit(s.FeatureNames, [.. rows]);
        foreach (Split split in Enum.GetValues<Split>())
            for (int i = 0; i < Count(split); i++)
            {
                Span<float> inputs = _store.Inputs(split, i);
                for (int step = 0; step < _store.Length(split, i); step++) Normalizer.Normalize(inputs.Slice(step * f, f), inputs.Slice(step * f, f));
            }
    }

    public TaskShape Shape => _store.Shape;

    /// <summary>The input normalization fitted on the training split, or null when inputs are as given.</summary>
    public ZScoreNormalizer? Normalizer { get; }

    private bool HasPersistence => !Shape.TokenInput && !Shape.VariableLength && Shape.NumValues > 0 && Shape.NumValues == Shape.InputFeatures;

    public int Count(Split split) => _store.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _store.Fill(split, indices, batch);

    public int LengthOf(Split split, int index) => _store.Length(split, index);

    /// <summary>majority as accuracy; mean and persistence as mae and rmse per value target (see the class).</summary>
    public IReadOnlyList<BaselineResult> Baselines(Split split)
    {
        TaskShape s = Shape;
        int n = Count(split);
        var results = new List<BaselineResult>();
        if (s.NumClasses > 0)
        {
            var train = Enumerable.Range(0, Count(Split.Train)).SelectMany(i => _store.Classes(Split.Train, i).ToArray());
            int majority = BaselineMath.MostFrequent(train, s.NumClasses);
            var metrics = new ClassificationMetrics(s.NumClasses);
            for (int i = 0; i < n; i++)
                foreach (int target in _store.Classes(split, i))
                    if (target >= 0) metrics.Add(target, majority);
            results.Add(new BaselineResult("majority", "class", "accuracy", metrics.Accuracy, n));
        }
        int v = s.NumValues, steps = s.TargetEveryStep ? s.SequenceLength : 1;
        for (int j = 0; j < v; j++)
        {
            double mean = 0;
            long count = 0;
            for (int i = 0; i < Count(Split.Train); i++)
            {
                ReadOnlySpan<float> values = _store.Values(Split.Train, i);
                for (int step = 0; step < steps; step++, count++) mean += values[step * v + j];
            }
            mean /= Math.Max(count, 1);
            var meanMetrics = new RegressionMetrics();
            var persistence = new RegressionMetrics();
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> values = _store.Values(split, i);
                for (int step = 0; step < steps; step++)
                {
                    meanMetrics.Add(values[step * v + j], mean);
                    if (HasPersistence) persistence.Add(values[step * v + j], _lastRaw[(int)split][(i * steps + step) * v + j]);
                }
            }
            string name = s.ValueNames[j];
            results.Add(new BaselineResult("mean", name, "mae", meanMetrics.MeanAbsoluteError, n));
            results.Add(new BaselineResult("mean", name, "rmse", meanMetrics.RootMeanSquaredError, n));
            if (!HasPersistence) continue;
            results.Add(new BaselineResult("persistence", name, "mae", persistence.MeanAbsoluteError, n));
            results.Add(new BaselineResult("persistence", name, "rmse", persistence.RootMeanSquaredError, n));
        }
        return results;
    }
}
