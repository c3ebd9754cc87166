using System.Diagnostics;
using System.Globalization;
using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay bench [--workload ID] [--threads N] [--json] [--seconds S]</c>: times the standard
/// workloads (listed in the README) and prints a table, or one JSON line per workload with
/// the keys of the libtorch peer (<c>workload, threads, steps_per_s, tokens_per_s, us_per_step</c>)
/// plus <c>alloc_bytes_per_step</c>, <c>steps</c>, <c>seconds</c> and <c>background_cpu</c> (cores
/// other processes kept busy meanwhile; above ~0.2 the figure is disturbed). <c>--workload gemm</c>
/// gives the SGEMM figure at 1024³ instead, like the peer's <c>run.sh gemm</c>.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The workload id that selects the SGEMM figure.</summary>
    public const string GemmWorkload = "gemm";

    private const int GemmSize = 1024;
    private const int GemmRepetitions = 10;

    public static int Execute(string? workload, int? threads, bool json, double seconds, TextWriter stdout, TextWriter stderr)
    {
        if (!(seconds >= 0) || double.IsInfinity(seconds))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "--seconds must be a finite number ≥ 0");
        if (workload is not null && workload != GemmWorkload && !BenchmarkWorkload.Ids.Contains(workload))
            throw new ArgumentException($"unknown workload '{workload}'; the workloads are {string.Join(", ", BenchmarkWorkload.Ids)} and {GemmWorkload}");
        if (threads is { } n)
        {
            if (n < 1 || n > ComputeThreads.MaxCount)
                throw new ArgumentOutOfRangeException(nameof(threads), n, $"--threads must be in 1…{ComputeThreads.MaxCount}");
            ComputeThreads.Count = n;
        }
        if (workload == GemmWorkload) return Gemm(json, stdout, stderr);

        IReadOnlyList<string> ids = workload is null ? BenchmarkWorkload.Ids : [workload];
        if (!json)
        {
            stdout.WriteLine($"{"workload",-20} {"threads",7} {"steps/s",11} {"tokens/s",11} {"µs/step",11} {"bytes/step",10}");
        }
        foreach (string id in ids)
        {
            BenchmarkWorkload w = BenchmarkWorkload.Create(id);
            double before = BackgroundCpu.Measure();
            BackgroundCpu.Sample start = BackgroundCpu.Take();
            BenchmarkResult r = BenchmarkRunner.Run(w, seconds);
            double background = Math.Max(before, BackgroundCpu.Others(start, BackgroundCpu.Take(), r.Seconds));
            if (background > 0.25)
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {id}: other processes used about {background:F2} cores; timing disturbed"));
            stdout.WriteLine(json ? Json(r, background) : Row(r));
            stdout.Flush();
            GC.Collect();
        }
        return 0;
    }

    private static string Row(BenchmarkResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Workload,-20} {r.Threads,7} {r.StepsPerSecond,11:F1} {(r.TokensPerSecond is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "-"),11} {r.MicrosecondsPerStep,11:F2} {r.AllocatedBytesPerStep,10:F0}");

    private static string Json(BenchmarkResult r, double background)
    {
        var parts = new List<string>
        {
            $"\"workload\":\"{r.Workload}\"",
            $"\"threads\":{r.Threads}",
            $"\"steps_per_s\":{Number(r.StepsPerSecond)}",
        };
        if (r.TokensPerSecond is { } tokens) parts.Add($"\"tokens_per_s\":{Number(tokens)}");
        parts.Add($"\"us_per_step\":{Number(r.MicrosecondsPerStep)}");
        parts.Add($"\"alloc_bytes_per_step\":{Number(r.AllocatedBytesPerStep)}");
        parts.Add($"\"steps\":{r.Steps}");
        parts.Add($"\"seconds\":{Number(r.Seconds)}");
        parts.Add($"\"background_cpu\":{Number(Math.Round(background, 2))}");
        parts.Add($"\"framework\":\"RnnPlayground (.NET {Environment.Version})\"");
        return "{" + string.Join(",", parts) + "}";
    }

    private static int Gemm(bool json, TextWriter stdout, TextWriter stderr)
    {
        double before = BackgroundCpu.Measure();
        BackgroundCpu.Sample start = BackgroundCpu.Take();
        var clock = Stopwatch.StartNew();
        (double gflops, double bestMs) = GemmBenchmark.Run(GemmSize, GemmRepetitions);
        double background = Math.Max(before, BackgroundCpu.Others(start, BackgroundCpu.Take(), clock.Elapsed.TotalSeconds));
        if (background > 0.25)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: gemm: other processes used about {background:F2} cores; timing disturbed"));
        int threads = ComputeThreads.Count;
        if (json)
            stdout.WriteLine($"{{\"workload\":\"gemm-{GemmSize}-f32\",\"threads\":{threads},\"gflops\":{Number(Math.Round(gflops, 2))},\"best_ms\":{Number(bestMs)},\"reps\":{GemmRepetitions},\"background_cpu\":{Number(Math.Round(background, 2))}}}");
        else
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gemm {GemmSize}³ float32, {threads} thread(s): {gflops:F1} GFLOPS (best of {GemmRepetitions}: {bestMs:F2} ms)"));
        return 0;
    }

    /// <summary>A JSON number rounded to 3 decimals, or null when not finite.</summary>
    private static string Number(double v) => double.IsFinite(v) ? Math.Round(v, 3).ToString("R", CultureInfo.InvariantCulture) : "null";
}
