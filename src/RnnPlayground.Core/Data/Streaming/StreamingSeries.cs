namespace RnnPlayground.Core.Data;

/// <summary>
/// Online view of an <see cref="IObservationSource"/>: reads one observation per <see cref="Advance"/>,
/// normalizes it with a fixed <see cref="ZScoreNormalizer"/>, and keeps the last L + horizon rows so
/// that a model can predict from the latest window and train on the newest (window, outcome) pair.
/// Nothing is allocated after construction. Batches follow <see cref="Shape"/>: inputs [L, B, F]
/// (all source values as features), values [B, V] (the chosen targets, normalized).
/// </summary>
public sealed class StreamingSeries
{
    private readonly IObservationSource _source;
    private readonly float[] _raw;          // ring [capacity, F]
    private readonly float[] _normalized;   // ring [capacity, F]
    private readonly int[] _targetColumns;
    private readonly int _width;
    private readonly int _capacity;

    /// <param name="source">Where observations come from.</param>
    /// <param name="normalizer">Statistics for every value of the source (same names, same order).</param>
    /// <param name="sequenceLength">Input steps per window (L).</param>
    /// <param name="horizon">Steps from the last input to the predicted observation.</param>
    /// <param name="valueTargets">Source values to predict; null = all.</param>
    public StreamingSeries(IObservationSource source, ZScoreNormalizer normalizer, int sequenceLength, int horizon = 1, IReadOnlyList<string>? valueTargets = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(normalizer);
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "must be ≥ 1");
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "must be ≥ 1");
        if (!normalizer.Names.SequenceEqual(source.Names, StringComparer.Ordinal))
            throw new ArgumentException($"the normalizer has {string.Join(", ", normalizer.Names)}, the source gives {string.Join(", ", source.Names)}", nameof(normalizer));
        valueTargets ??= source.Names;
        if (valueTargets.Count == 0) throw new ArgumentException("at least one target is needed", nameof(valueTargets));
        _source = source;
        Normalizer = normalizer;
        _width = source.Names.Count;
        _targetColumns = valueTargets.Select(normalizer.IndexOf).ToArray();
        _capacity = sequenceLength + horizon;
        _raw = new float[_capacity * _width];
        _normalized = new float[_capacity * _width];
        Horizon = horizon;
        Shape = new TaskShape(sequenceLength, _width, 0, 0, _targetColumns.Length, false, source.Names.ToArray(), [], valueTargets.ToArray());
    }

    public TaskShape Shape { get; }

    public ZScoreNormalizer Normalizer { get; }

    public int Horizon { get; }

    /// <summary>Observations read so far.</summary>
    public long Count { get; private set; }

    /// <summary>The newest observation in raw units [F] (empty before the first).</summary>
    public ReadOnlySpan<float> Latest => Count == 0 ? default : _raw.AsSpan(Slot(0) * _width, _width);

    /// <summary>The newest observation normalized [F] (empty before the first).</summary>
    public ReadOnlySpan<float> LatestNormalized => Count == 0 ? default : _normalized.AsSpan(Slot(0) * _width, _width);

    /// <summary>Reads the next observation; false when the source has ended.</summary>
    public bool Advance()
    {
        int slot = (int)(Count % _capacity);
        Span<float> raw = _raw.AsSpan(slot * _width, _width);
        if (!_source.TryRead(raw)) return false;
        Normalizer.Normalize(raw, _normalized.AsSpan(slot * _width, _width));
        Count++;
        return true;
    }

    /// <summary>True once L observations have been read.</summary>
    public bool CanPredict => Count >= Shape.SequenceLength;

    /// <summary>True once L + horizon observations have been read.</summary>
    public bool CanTrain => Count >= _capacity;

    /// <summary>
    /// Writes the latest L normalized observations as the inputs of sample <paramref name="slot"/> of
    /// <paramref name="batch"/> (B = batch.Size), the input for predicting the observation Horizon steps ahead.
    /// </summary>
    public void FillPredictionInputs(Batch batch, int slot)
    {
        if (!CanPredict) throw new InvalidOperationException($"{Count} observations read, {Shape.SequenceLength} needed to predict");
        CheckBatch(batch, slot);
        CopyWindow(batch, slot, newestAge: 0);
    }

    /// <summary>
    /// Writes the newest complete training pair into sample <paramref name="slot"/>: inputs the L observations
    /// that ended Horizon steps ago, values the normalized targets of the newest observation.
    /// </summary>
    public void FillTrainingSample(Batch batch, int slot)
    {
        if (!CanTrain) throw new InvalidOperationException($"{Count} observations read, {_capacity} needed to train");
        CheckBatch(batch, slot);
        CopyWindow(batch, slot, newestAge: Horizon);
        ReadOnlySpan<float> newest = LatestNormalized;
        int v = _targetColumns.Length;
        for (int k = 0; k < v; k++) batch.Values[slot * v + k] = newest[_targetColumns[k]];
    }

    /// <summary>A normalized value output of target <paramref name="target"/> in raw units.</summary>
    public float DenormalizeTarget(int target, float value) => Normalizer.Denormalize(_targetColumns[target], value);

    // Ring slot of the observation read `age` steps before the newest.
    private int Slot(int age) => (int)((Count - 1 - age) % _capacity);

    private void CopyWindow(Batch batch, int slot, int newestAge)
    {
        int l = Shape.SequenceLength, b = batch.Size;
        for (int t = 0; t < l; t++)
        {
            int age = newestAge + (l - 1 - t);
            _normalized.AsSpan(Slot(age) * _width, _width).CopyTo(batch.Inputs.AsSpan((t * b + slot) * _width, _width));
        }
    }

    private void CheckBatch(Batch batch, int slot)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Shape.SequenceLength != Shape.SequenceLength || batch.Shape.InputFeatures != _width || batch.Shape.NumValues != Shape.NumValues || batch.Shape.TargetEveryStep)
            throw new ArgumentException("the batch was made for another task shape", nameof(batch));
        if ((uint)slot >= (uint)batch.Size) throw new ArgumentOutOfRangeException(nameof(slot), slot, $"must be < the batch size {batch.Size}");
    }
}
