namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A whole run's values in at most <see cref="Capacity"/> points: each point is the mean of
/// <see cref="StepsPerPoint"/> consecutive values, and when the points fill up neighbours are merged
/// in pairs and the stride doubles — so a curve over 100,000 steps costs as much as one over 500.
/// </summary>
public sealed class RunCurve
{
    private readonly float[] _points;
    private int _count;
    private double _sum;
    private int _inBucket;

    /// <param name="capacity">Points kept at most (even, ≥ 2).</param>
    public RunCurve(int capacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        if (capacity % 2 != 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be even");
        _points = new float[capacity];
    }

    public int Capacity => _points.Length;

    /// <summary>Values averaged into one point.</summary>
    public int StepsPerPoint { get; private set; } = 1;

    /// <summary>Values added in all.</summary>
    public long Added { get; private set; }

    public void Add(float value)
    {
        Added++;
        _sum += value;
        if (++_inBucket < StepsPerPoint) return;
        if (_count == _points.Length)
        {
            for (int i = 0; i < _count / 2; i++) _points[i] = 0.5f * (_points[2 * i] + _points[(2 * i) + 1]);
            _count /= 2;
            StepsPerPoint *= 2;
            if (_inBucket < StepsPerPoint) return; // the bucket now needs as many values again
        }
        _points[_count++] = (float)(_sum / _inBucket);
        _sum = 0;
        _inBucket = 0;
    }

    /// <summary>A new array of the points, oldest first, with the partly filled last bucket as its mean.</summary>
    public float[] ToArray()
    {
        bool partial = _inBucket > 0;
        var a = new float[_count + (partial ? 1 : 0)];
        _points.AsSpan(0, _count).CopyTo(a);
        if (partial) a[^1] = (float)(_sum / _inBucket);
        return a;
    }
}
