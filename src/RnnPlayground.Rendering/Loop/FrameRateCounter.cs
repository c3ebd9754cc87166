using System.Diagnostics;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Loop;

/// <summary>
/// Frames per second over the last second of wall time, and the average time spent building and
/// submitting a frame (exponentially smoothed).
/// </summary>
public sealed class FrameRateCounter
{
    private readonly Queue<long> _frameEnds = new();
    private readonly long _window;
    private double _frameMilliseconds = double.NaN;

    /// <param name="window">How far back frames are counted (default one second).</param>
    public FrameRateCounter(TimeSpan? window = null)
    {
        var span = window ?? TimeSpan.FromSeconds(1);
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), span, "must be > 0");
        }

        _window = (long)(span.TotalSeconds * Stopwatch.Frequency);
    }

    public long FramesCounted { get; private set; }

    /// <summary>NaN until two frames have ended.</summary>
    public double FramesPerSecond { get; private set; } = double.NaN;

    public FrameStats Stats => new(FramesPerSecond, _frameMilliseconds);

    /// <summary>Records a frame that ended at <paramref name="timestamp"/> (Stopwatch ticks) after <paramref name="workMilliseconds"/> of work.</summary>
    public void FrameEnded(long timestamp, double workMilliseconds)
    {
        FramesCounted++;
        _frameMilliseconds = double.IsNaN(_frameMilliseconds) ? workMilliseconds : (0.9 * _frameMilliseconds) + (0.1 * workMilliseconds);
        _frameEnds.Enqueue(timestamp);
        while (_frameEnds.Count > 2 && timestamp - _frameEnds.Peek() > _window)
        {
            _frameEnds.Dequeue();
        }

        if (_frameEnds.Count >= 2)
        {
            var seconds = (double)(timestamp - _frameEnds.Peek()) / Stopwatch.Frequency;
            FramesPerSecond = seconds > 0 ? (_frameEnds.Count - 1) / seconds : double.NaN;
        }
    }
}
