using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The most recent days of a stream (normalized features, class label, normalized value
/// targets) in a ring, from which training windows are drawn at random: window inputs are L
/// consecutive days, the targets those of the day <c>horizon</c> after the last. Fills a
/// <see cref="Batch"/> shaped like the experiment's <see cref="WindowedDataset"/>; allocates nothing.
/// </summary>
public sealed class DailyReplayBuffer
{
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly float[] _values;
    private readonly int _width, _valueCount;
    private long _count;

    public DailyReplayBuffer(int capacity, int features, int valueTargets, int sequenceLength, int horizon)
    {
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "must be ≥ 1");
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "must be ≥ 1");
        if (capacity < sequenceLength + horizon) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"must hold at least one window ({sequenceLength + horizon} days)");
        Capacity = capacity;
        SequenceLength = sequenceLength;
        Horizon = horizon;
        _width = features;
        _valueCount = valueTargets;
        _features = new float[capacity * features];
        _labels = new int[capacity];
        _values = new float[capacity * valueTargets];
    }

    public int Capacity { get; }

    public int SequenceLength { get; }

    public int Horizon { get; }

    /// <summary>Days held (≤ <see cref="Capacity"/>).</summary>
    public int Days => (int)Math.Min(_count, Capacity);

    /// <summary>Days added in all.</summary>
    public long Added => _count;

    /// <summary>Windows with a known outcome that can be drawn.</summary>
    public int Windows => Math.Max(0, Days - SequenceLength - Horizon + 1);

    /// <summary>Appends a day: normalized features [F], class label (or −1), normalized value targets [V].</summary>
    public void Add(ReadOnlySpan<float> features, int label, ReadOnlySpan<float> values)
    {
        int slot = (int)(_count % Capacity);
        features.CopyTo(_features.AsSpan(slot * _width, _width));
        _labels[slot] = label;
        values.CopyTo(_values.AsSpan(slot * _valueCount, _valueCount));
        _count++;
    }

    /// <summary>The normalized features of the day <paramref name="back"/> days before the newest (0 = newest).</summary>
    public ReadOnlySpan<float> Features(int back) => _features.AsSpan(SlotBack(back) * _width, _width);

    public int Label(int back) => _labels[SlotBack(back)];

    public ReadOnlySpan<float> Values(int back) => _values.AsSpan(SlotBack(back) * _valueCount, _valueCount);

    private int SlotBack(int back)
    {
        if ((uint)back >= (uint)Days) throw new ArgumentOutOfRangeException(nameof(back), back, $"must be in [0, {Days})");
        return (int)((_count - 1 - back) % Capacity);
    }

    /// <summary>Fills <paramref name="batch"/> (all its capacity) with windows drawn uniformly from those available.</summary>
    public void FillRandom(Batch batch, RandomSource random)
    {
        int windows = Windows;
        if (windows < 1) throw new InvalidOperationException($"the replay buffer holds {Days} days, too few for a window of {SequenceLength} + {Horizon}");
        int b = batch.Capacity, l = SequenceLength, f = _width, v = _valueCount;
        batch.Size = b;
        long oldest = _count - Days;
        for (int i = 0; i < b; i++)
        {
            long start = oldest + random.NextInt(windows);
            for (int t = 0; t < l; t++)
                _features.AsSpan((int)((start + t) % Capacity) * f, f).CopyTo(batch.Inputs.AsSpan((t * b + i) * f, f));
            int target = (int)((start + l - 1 + Horizon) % Capacity);
            if (batch.Classes.Length > 0) batch.Classes[i] = _labels[target];
            if (v > 0) _values.AsSpan(target * v, v).CopyTo(batch.Values.AsSpan(i * v, v));
        }
    }
}
