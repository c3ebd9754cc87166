namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// The figures of one timed benchmark run: <see cref="Steps"/> steps in <see cref="Seconds"/> at
/// <see cref="Threads"/> compute threads; tokens per second only for token workloads (else null);
/// managed bytes the timing thread allocated per step; the CPU time the process used meanwhile
/// (all its threads).
/// </summary>
public sealed record BenchmarkResult(string Workload, int Threads, long Steps, double Seconds, double? TokensPerSecond,
    double AllocatedBytesPerStep, double CpuSeconds)
{
    /// <summary>Cores the process kept busy on average while timed (CPU time over wall time).</summary>
    public double CoresBusy => CpuSeconds / Seconds;

    public double StepsPerSecond => Steps / Seconds;

    public double MicrosecondsPerStep => Seconds * 1e6 / Steps;
}
