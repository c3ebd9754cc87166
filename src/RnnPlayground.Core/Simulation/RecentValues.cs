namespace RnnPlayground.Core.Simulation;

/// <summary>A fixed-size ring of the most recent float values, copied out oldest first for snapshots.</summary>
public sealed class RecentValues
{
    private readonly float[] _values;
    private long _count;

    public RecentValues(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new float[capacity];
    }

    public int Capacity => _values.Length;

    public int Count => (int)Math.Min(_count, _values.Length);

    /// <summary>Values added in all.</summary>
    public long Added => _count;

    public void Add(float value) => _values[_count++ % _values.Length] = value;

    /// <summary>The value <paramref name="back"/> places before the newest (0 = newest).</summary>
    public float Back(int back)
    {
        if ((uint)back >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(back), back, $"must be in [0, {Count})");
        return _values[(_count - 1 - back) % _values.Length];
    }

    /// <summary>A new array of the held values, oldest first.</summary>
    public float[] ToArray()
    {
        int n = Count;
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = _values[(_count - n + i) % _values.Length];
        return a;
    }

    public void Clear() => _count = 0;
}
