using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

/// <summary>
/// The memory passes between a step's products (<see cref="ParallelRanges"/>): every index once, in
/// aligned ranges, shared only when large, and the passes built on them (column sums, the
/// optimizers' updates) give the same bits on one thread and two.
/// </summary>
public class ParallelRangesTests
{
    /// <summary>Counts each index's visits and records each range's start and end.</summary>
    private readonly struct Record(int[] visits, int[] starts, int[] ends, int[] ranges) : IRangeBody
    {
        public void Invoke(int start, int end)
        {
            int slot = Interlocked.Increment(ref ranges[0]) - 1;
            starts[slot] = start;
            ends[slot] = end;
            for (int i = start; i < end; i++) Interlocked.Increment(ref visits[i]);
        }
    }

    private static T WithThreads<T>(int count, Func<T> action)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = count;
        try
        {
            return action();
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    private static (int[] Visits, List<(int Start, int End)> Ranges) Run(int threads, int extent, int alignment, long floatsPerIndex)
    {
        var visits = new int[extent];
        var starts = new int[64];
        var ends = new int[64];
        var count = new int[1];
        WithThreads(threads, () =>
        {
            ParallelRanges.Run(extent, alignment, floatsPerIndex, new Record(visits, starts, ends, count));
            return 0;
        });
        var ranges = Enumerable.Range(0, count[0]).Select(i => (starts[i], ends[i])).OrderBy(r => r.Item1).ToList();
        return (visits, ranges);
    }

    [Test]
    public void ALargePassIsCutIntoAlignedRangesThatCoverEveryIndexOnce([Values(1000, 1024, 4099)] int extent)
    {
        (int[] visits, List<(int Start, int End)> ranges) = Run(threads: 2, extent, alignment: 16, floatsPerIndex: 4096);
        Assert.That(visits, Is.All.EqualTo(1));
        Assert.That(ranges, Has.Count.GreaterThan(1), "a pass of 16 MB is shared");
        Assert.That(ranges.Select(r => r.Start % 16), Is.All.EqualTo(0));
        Assert.That(ranges[0].Start, Is.Zero);
        Assert.That(ranges[^1].End, Is.EqualTo(extent));
        for (int i = 1; i < ranges.Count; i++) Assert.That(ranges[i].Start, Is.EqualTo(ranges[i - 1].End));
    }

    [Test]
    public void SmallPassesAndOneThreadRunAsOneRangeOnTheCaller()
    {
        Assert.That(Run(threads: 2, extent: 512, alignment: 16, floatsPerIndex: 64).Ranges, Is.EqualTo(new[] { (0, 512) }),
            "32 K floats stay on one core");
        Assert.That(Run(threads: 1, extent: 4096, alignment: 16, floatsPerIndex: 4096).Ranges, Is.EqualTo(new[] { (0, 4096) }));
        Assert.That(Run(threads: 2, extent: 0, alignment: 16, floatsPerIndex: 4096).Ranges, Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelRanges.Run(10, 0, 1, new Record(new int[10], new int[1], new int[1], new int[1])));
    }

    [Test]
    public void ColumnSumsOfATallMatrixAreTheSameBitsOnOneThreadAndTwo([Values(1000, 1030)] int columns)
    {
        const int rows = 2048;
        var random = new Random(5);
        float[] matrix = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] Sums(int threads) => WithThreads(threads, () =>
        {
            var sums = Enumerable.Range(0, columns).Select(j => j * 0.001f).ToArray();
            VectorMath.AddColumnSums(rows, columns, matrix, columns, sums);
            return sums;
        });
        float[] one = Sums(1), two = Sums(2);
        Assert.That(two, Is.EqualTo(one));
        // Row after row into the sums, per column in order: what the kernel promises.
        var expected = Enumerable.Range(0, columns).Select(j => j * 0.001f).ToArray();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++) expected[j] += matrix[r * columns + j];
        Assert.That(one, Is.EqualTo(expected));
    }
}
