namespace RnnPlayground.Core.Data;

/// <summary>
/// Regression toy: each sample is a sum of <see cref="Components"/> sines with random amplitude
/// (0.2–1, divided by the number of components), period (4–40 steps) and phase, sampled at steps
/// 0 … L; inputs are x_0 … x_{L−1} ([L, B, 1]) and the target is the next value, x_L ([B, 1]), or
/// x_{t+1} at every step ([L, B, 1]) with <c>targetEveryStep</c>. With <c>noise</c> σ &gt; 0 every
/// observed value (inputs and targets) carries independent N(0, σ²) noise, so no model can reach an
/// MSE below σ². Samples are fixed per split and seed.
/// </summary>
public sealed class SineMixtureDataset : ISequenceDataset, IHasBaselines
{
    private readonly SampleStore _store;
    private readonly float[][] _lastInput;    // per split: x_{L-1} per sample, for persistence

    public SineMixtureDataset(int sequenceLength, int components = 3, int train = 1000, int validation = 200, int test = 200,
        ulong seed = 1, bool targetEveryStep = false, double noise = 0,
        CancellationToken cancellation = default)
    {
        if (!(noise >= 0) || double.IsInfinity(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "must be finite and ≥ 0");
        Noise = noise;
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "must be ≥ 1");
        if (components is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(components), components, "must be in [1, 16]");
        Components = components;
        var shape = new TaskShape(sequenceLength, 1, 0, 0, 1, targetEveryStep, ["x"], [], ["next_x"]);
        _store = new SampleStore(shape, train, validation, test);
        _lastInput = new float[3][];
        var random = new RandomSource(seed);
        var series = new float[sequenceLength + 1];
        Span<double> amplitude = stackalloc double[components], period = stackalloc double[components], phase = stackalloc double[components];
        foreach (Split split in Enum.GetValues<Split>())
        {
            _lastInput[(int)split] = new float[_store.Count(split)];
            for (int i = 0; i < _store.Count(split); i++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (int k = 0; k < components; k++)
                {
                    amplitude[k] = (0.2 + 0.8 * random.NextDouble()) / components;
                    period[k] = 4 + 36 * random.NextDouble();
                    phase[k] = 2 * Math.PI * random.NextDouble();
                }
                for (int t = 0; t <= sequenceLength; t++)
                {
                    double x = 0;
                    for (int k = 0; k < components; k++) x += amplitude[k] * Math.Sin(2 * Math.PI * t / period[k] + phase[k]);
                    if (noise > 0) x += noise * random.NextNormal();
                    series[t] = (float)x;
                }
                series.AsSpan(0, sequenceLength).CopyTo(_store.Inputs(split, i));
                if (targetEveryStep) series.AsSpan(1, sequenceLength).CopyTo(_store.Values(split, i));
                else _store.Values(split, i)[0] = series[sequenceLength];
                _lastInput[(int)split][i] = series[sequenceLength - 1];
            }
        }
    }

    public TaskShape Shape => _store.Shape;

    public int Components { get; }

    /// <summary>Standard deviation of the observation noise (0: clean sines).</summary>
    public double Noise { get; }

    public int Count(Split split) => _store.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _store.Fill(split, indices, batch);

    /// <summary>
    /// persistence (the next value = the last input; at every step, x_{t+1} = x_t) and zero (the
    /// series' mean) as mae and rmse.
    /// </summary>
    public IReadOnlyList<BaselineResult> Baselines(Split split)
    {
        var persistence = new RegressionMetrics();
        var zero = new RegressionMetrics();
        int n = Count(split);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> values = _store.Values(split, i);
            ReadOnlySpan<float> inputs = _store.Inputs(split, i);
            for (int s = 0; s < values.Length; s++)
            {
                float previous = Shape.TargetEveryStep ? inputs[s] : _lastInput[(int)split][i];
                persistence.Add(values[s], previous);
                zero.Add(values[s], 0);
            }
        }
        return
        [
            new BaselineResult("persistence", "next_x", "mae", persistence.MeanAbsoluteError, n),
            new BaselineResult("persistence", "next_x", "rmse", persistence.RootMeanSquaredError, n),
            new BaselineResult("zero", "next_x", "mae", zero.MeanAbsoluteError, n),
            new BaselineResult("zero", "next_x", "rmse", zero.RootMeanSquaredError, n),
        ];
    }
}
