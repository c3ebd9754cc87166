using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class TimeSeriesReplayTests
{
    [Test]
    public void ReplaysChosenColumnsRowByRow()
    {
        var series = new TimeSeries("t", ["a", "b", "c"], [[1f, 2f], [10f, 20f], [100f, 200f]]);
        var replay = new TimeSeriesReplay(series, ["c", "a"]);
        Span<float> row = stackalloc float[2];
        Assert.That(replay.TryRead(row), Is.True);
        Assert.That(row.ToArray(), Is.EqualTo(new[] { 100f, 1f }));
        Assert.That(replay.TryRead(row), Is.True);
        Assert.That(row.ToArray(), Is.EqualTo(new[] { 200f, 2f }));
        Assert.That(replay.TryRead(row), Is.False);
        replay.Rewind();
        Assert.That(replay.TryRead(row), Is.True);
        Assert.That(row[0], Is.EqualTo(100f));
        Assert.Throws<ArgumentException>(() => new TimeSeriesReplay(series, ["d"]));
    }
}
