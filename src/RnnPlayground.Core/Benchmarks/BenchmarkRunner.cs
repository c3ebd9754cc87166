using System.Diagnostics;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>Times a <see cref="BenchmarkWorkload"/>: warm-up steps, then steps until a minimum time has passed.</summary>
public static class BenchmarkRunner
{
    /// <summary>Steps run before timing starts.</summary>
    public const int DefaultWarmUpSteps = 20;

    /// <summary>
    /// Runs <paramref name="warmUpSteps"/> steps, then steps until at least
    /// <paramref name="minSeconds"/> have passed (at least one), at the current
    /// <see cref="ComputeThreads.Count"/>; measures the managed bytes allocated on this thread and
    /// the process's CPU time. The <see cref="StepProfile"/> totals are cleared after the warm-up,
    /// so when it is enabled they cover the timed steps.
    /// </summary>
    public static BenchmarkResult Run(BenchmarkWorkload workload, double minSeconds = 2.0, int warmUpSteps = DefaultWarmUpSteps)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!(minSeconds >= 0) || double.IsInfinity(minSeconds)) throw new ArgumentOutOfRangeException(nameof(minSeconds), minSeconds, "must be finite and ≥ 0");
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpSteps);
        for (int i = 0; i < warmUpSteps; i++) workload.Step();
        long minTicks = (long)(minSeconds * Stopwatch.Frequency);
        long steps = 0;
        StepProfile.Reset();
        TimeSpan cpuBefore = ProcessCpu();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp(), elapsed;
        do
        {
            workload.Step();
            steps++;
            elapsed = Stopwatch.GetTimestamp() - start;
        } while (elapsed < minTicks);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double cpuSeconds = (ProcessCpu() - cpuBefore).TotalSeconds;
        double seconds = (double)elapsed / Stopwatch.Frequency;
        double? tokens = workload.TokensPerStep > 0 ? steps * workload.TokensPerStep / seconds : null;
        return new BenchmarkResult(workload.Id, ComputeThreads.Count, steps, seconds, tokens, (double)allocated / steps, cpuSeconds);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
