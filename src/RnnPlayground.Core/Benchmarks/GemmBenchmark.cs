using System.Diagnostics;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// The SGEMM speed figure: C = A·B for random n×n float matrices (no transposes), best of
/// <c>reps</c> timed products after three warm-up products, as GFLOPS (2n³ / time).
/// </summary>
public static class GemmBenchmark
{
    /// <summary>GFLOPS and the best time (ms) of an n×n×n product at the current <see cref="ComputeThreads.Count"/>.</summary>
    public static (double Gflops, double BestMilliseconds) Run(int n = 1024, int reps = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 1);
        var random = new RandomSource(1);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        random.FillNormal(a);
        random.FillNormal(b);
        for (int i = 0; i < 3; i++) Sgemm.Multiply(false, false, n, n, n, a, n, b, n, c, n);
        long best = long.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Sgemm.Multiply(false, false, n, n, n, a, n, b, n, c, n);
            best = Math.Min(best, Stopwatch.GetTimestamp() - start);
        }
        double seconds = (double)best / Stopwatch.Frequency;
        return (2.0 * n * n * n / seconds / 1e9, seconds * 1e3);
    }
}
