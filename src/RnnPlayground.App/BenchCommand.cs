using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay bench [--workload ID] [--threads N] [--json] [--seconds S]</c>: times the standard
/// workloads (listed in the README) and prints a table, or one JSON line per workload with
/// the keys of the libtorch peer (<c>workload, threads, steps_per_s, tokens_per_s, us_per_step</c>)
/// plus <c>alloc_bytes_per_step</c>, <c>steps</c>, <c>seconds</c> and <c>background_cpu</c> (cores
/// other processes kept busy meanwhile; above ~0.2 the figure is disturbed). <c>--workload gemm</c>
/// gives the SGEMM figure at 1024³ instead, like the peer's <c>run.sh gemm</c>. With
/// <c>--threads N</c> above 1 each workload runs at 1 thread and then at N, back to back, and the
/// N-thread row gives the speed-up (<c>speedup</c> in JSON). <c>--profile</c> adds each training
/// workload's time per step by phase (<see cref="StepPhase"/>) and the cores the process kept busy.
/// <c>--rounds R</c> above 1 times every thread count R times, alternating their order, and gives
/// the median run and the median of the rounds' own speed-ups (<c>speedup_rounds</c> in JSON).
/// Beside every N-thread speed-up stands the machine's own at that moment
/// (<see cref="ParallelCapacity"/>, measured just before and just after the N-thread run; column
/// <c>machine</c>, <c>machine_speedup</c> in JSON): what N threads of pure arithmetic gain there,
/// the most any code can.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The workload id that selects the SGEMM figure.</summary>
    public const string GemmWorkload = "gemm";

    private const int GemmSize = 1024;
    private const int GemmRepetitions = 10;

    private static readonly StepPhase[] Phases = Enum.GetValues<StepPhase>();

    /// <summary>Steps run before timing when a workload returns to a thread count it has already run at.</summary>
    private const int RewarmSteps = 3;

    public static int Execute(string? workload, int? threads, bool json, double seconds, bool profile, TextWriter stdout, TextWriter stderr,
        int rounds = 1)
    {
        if (!(seconds >= 0) || double.IsInfinity(seconds))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "--seconds must be a finite number ≥ 0");
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "--rounds must be ≥ 1");
        if (workload is not null && workload != GemmWorkload && !BenchmarkWorkload.Ids.Contains(workload))
            throw new ArgumentException($"unknown workload '{workload}'; the workloads are {string.Join(", ", BenchmarkWorkload.Ids)} and {GemmWorkload}");
        if (threads is { } n)
        {
            if (n < 1 || n > ComputeThreads.MaxCount)
                throw new ArgumentOutOfRangeException(nameof(threads), n, $"--threads must be in 1…{ComputeThreads.MaxCount}");
            ComputeThreads.Count = n;
        }
        int count = ComputeThreads.Count;
        // With more than one thread, the 1-thread figure first, back to back, for the speed-up.
        int[] threadCounts = count > 1 ? [1, count] : [count];
        if (workload == GemmWorkload) return Gemm(threadCounts, json, stdout, stderr);

        IReadOnlyList<string> ids = workload is null ? BenchmarkWorkload.Ids : [workload];
        if (!json)
        {
            stdout.WriteLine($"{"workload",-20} {"threads",7} {"steps/s",11} {"tokens/s",11} {"µs/step",11} {"bytes/step",10}{(count > 1 ? $" {"speed-up",8} {"machine",8}" : "")}");
        }
        StepProfile.Enabled = profile;
        try
        {
            foreach (string id in ids)
            {
                BenchmarkWorkload w = BenchmarkWorkload.Create(id);
                List<(BenchmarkResult Result, double[] PhaseMs)> results = rounds == 1
                    ? RunOnce(w, threadCounts, seconds, json, profile, count > 1, stdout, stderr)
                    : RunRounds(w, threadCounts, seconds, rounds, json, profile, count > 1, stdout, stderr);
                if (profile && !json && w is TrainingWorkload or Seq2SeqWorkload) WriteProfile(results, stdout);
                GC.Collect();
            }
        }
        finally
        {
            StepProfile.Enabled = false;
            ComputeThreads.Count = count;
        }
        return 0;
    }

    /// <summary>
    /// One timed run of <paramref name="w"/> at <paramref name="threads"/> threads, with a warning
    /// when other processes disturbed it, and above one thread the machine's own speed-up (the mean
    /// of <see cref="ParallelCapacity"/> just before and just after the run; 1 at one thread).
    /// </summary>
    private static TimedRun Time(BenchmarkWorkload w, int threads, double seconds, int warmUp, TextWriter stderr)
    {
        ComputeThreads.Count = threads;
        BenchmarkResult r = null!;
        double background = 0;
        double? capacity = CapacityAround(threads, () =>
        {
            double before = BackgroundCpu.Measure();
            BackgroundCpu.Sample start = BackgroundCpu.Take();
            r = BenchmarkRunner.Run(w, seconds, warmUp);
            background = Math.Max(before, BackgroundCpu.Others(start, BackgroundCpu.Take(), r.Seconds));
        });
        if (background > 0.25)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {w.Id}: other processes used about {background:F2} cores; timing disturbed"));
        WarnOfSharedCores(w.Id, threads, capacity, stderr);
        return new(r, [.. Phases.Select(p => StepProfile.Total(p).TotalMilliseconds / r.Steps)], background, capacity);
    }

    /// <summary>
    /// Runs <paramref name="run"/> and, above one thread, returns the machine's own speed-up around
    /// it: the mean of <see cref="ParallelCapacity"/> just before and just after (null at one thread).
    /// </summary>
    private static double? CapacityAround(int threads, Action run)
    {
        if (threads <= 1)
        {
            run();
            return null;
        }
        double before = ParallelCapacity.Measure();
        run();
        return (before + ParallelCapacity.Measure()) / 2;
    }

    /// <summary>
    /// Warns when the machine's own speed-up around an N-thread run (<see cref="ParallelCapacity"/>)
    /// fell below <see cref="SharedCoresShare"/> of N: its cores were shared (hyper-threads, or a
    /// host running other guests on them), which caps any code's speed-up.
    /// </summary>
    private static void WarnOfSharedCores(string what, int threads, double? capacity, TextWriter stderr)
    {
        if (capacity is { } c && c < SharedCoresShare * threads)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {what}: {threads} threads of pure arithmetic gained only {c:F2}× around this run; the cores are shared and the speed-up is capped"));
    }

    /// <summary>The share of the thread count below which the machine's own speed-up is warned of.</summary>
    private const double SharedCoresShare = 0.85;

    /// <summary>A timed run: its result, ms per step of each phase, the other processes' cores, the machine's own speed-up meanwhile (null at one thread).</summary>
    private readonly record struct TimedRun(BenchmarkResult Result, double[] PhaseMs, double Background, double? Capacity);

    /// <summary>Each thread count once, in order, each row printed as it is measured.</summary>
    private static List<(BenchmarkResult Result, double[] PhaseMs)> RunOnce(BenchmarkWorkload w, int[] threadCounts, double seconds, bool json,
        bool profile, bool speedupColumn, TextWriter stdout, TextWriter stderr)
    {
        var results = new List<(BenchmarkResult Result, double[] PhaseMs)>();
        foreach (int t in threadCounts)
        {
            (BenchmarkResult r, double[] phaseMs, double background, double? machine) = Time(w, t, seconds, BenchmarkRunner.DefaultWarmUpSteps, stderr);
            double? speedup = results.Count > 0 ? r.StepsPerSecond / results[0].Result.StepsPerSecond : null;
            results.Add((r, phaseMs));
            stdout.WriteLine(json ? Json(r, background, speedup, machine, profile ? phaseMs : null) : Row(r, speedup, machine, speedupColumn));
            stdout.Flush();
        }
        return results;
    }

    /// <summary>
    /// <paramref name="rounds"/> rounds of every thread count, the order alternating (1, N, then N, 1, …)
    /// so a drift of the machine's speed during the runs weighs on both alike; each round's speed-up
    /// is its own N-thread rate over its own 1-thread rate. A row gives the run with the median rate
    /// at its thread count and the median of the rounds' speed-ups; table mode prints every round.
    /// </summary>
    private static List<(BenchmarkResult Result, double[] PhaseMs)> RunRounds(BenchmarkWorkload w, int[] threadCounts, double seconds, int rounds,
        bool json, bool profile, bool speedupColumn, TextWriter stdout, TextWriter stderr)
    {
        var runs = threadCounts.Select(_ => new List<TimedRun>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < threadCounts.Length; k++)
            {
                int i = round % 2 == 0 ? k : threadCounts.Length - 1 - k;
                int warmUp = runs[i].Count == 0 ? BenchmarkRunner.DefaultWarmUpSteps : RewarmSteps;
                runs[i].Add(Time(w, threadCounts[i], seconds, warmUp, stderr));
            }
            if (!json)
            {
                string rates = string.Join(", ", runs.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
                    $"{threadCounts[i]} thread{(threadCounts[i] == 1 ? "" : "s")} {r[round].Result.StepsPerSecond:F1} steps/s")));
                string speedup = threadCounts.Length > 1
                    ? string.Create(CultureInfo.InvariantCulture,
                        $", {runs[^1][round].Result.StepsPerSecond / runs[0][round].Result.StepsPerSecond:F2}× (machine {runs[^1][round].Capacity:F2}×)")
                    : "";
                stdout.WriteLine($"  round {round + 1}/{rounds}: {rates}{speedup}");
                stdout.Flush();
            }
        }
        double[] speedups = [.. Enumerable.Range(0, rounds).Select(r => runs[^1][r].Result.StepsPerSecond / runs[0][r].Result.StepsPerSecond)];
        var results = new List<(BenchmarkResult Result, double[] PhaseMs)>();
        for (int i = 0; i < threadCounts.Length; i++)
        {
            var median = runs[i].OrderBy(x => x.Result.StepsPerSecond).ElementAt(rounds / 2);
            double[]? perRound = i > 0 ? speedups : null;
            double[]? capacities = i > 0 ? [.. runs[i].Select(x => x.Capacity!.Value)] : null;
            double? speedup = i > 0 ? RoundStatistics.Median(speedups) : null;
            double? machine = capacities is null ? null : RoundStatistics.Median(capacities);
            results.Add((median.Result, median.PhaseMs));
            stdout.WriteLine(json
                ? Json(median.Result, median.Background, speedup, machine, profile ? median.PhaseMs : null,
                    [.. runs[i].Select(x => x.Result.StepsPerSecond)], perRound, capacities)
                : Row(median.Result, speedup, machine, speedupColumn));
            stdout.Flush();
        }
        return results;
    }

    private static string Row(BenchmarkResult r, double? speedup, double? machine, bool speedupColumn) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Workload,-20} {r.Threads,7} {r.StepsPerSecond,11:F1} {(r.TokensPerSecond is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "-"),11} {r.MicrosecondsPerStep,11:F2} {r.AllocatedBytesPerStep,10:F0}{(speedupColumn ? $" {Times(speedup),8} {Times(machine),8}" : "")}");

    /// <summary>A ratio as "1.82×", or "-" when there is none.</summary>
    private static string Times(double? ratio) => ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-";

    /// <summary>The per-phase breakdown of a workload's runs: ms per step of each phase, the rest, the cores busy.</summary>
    private static void WriteProfile(List<(BenchmarkResult Result, double[] PhaseMs)> results, TextWriter stdout)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"  {"ms per step",-36}");
        foreach ((BenchmarkResult r, _) in results) line.Append(CultureInfo.InvariantCulture, $" {r.Threads + (r.Threads == 1 ? " thread" : " threads"),18}");
        if (results.Count > 1) line.Append(CultureInfo.InvariantCulture, $" {"speed-up",9}");
        stdout.WriteLine(line);
        for (int p = 0; p <= Phases.Length + 1; p++)
        {
            string name = p < Phases.Length ? PhaseName(Phases[p]) : p == Phases.Length ? "rest (embedding, head, loss, …)" : "whole step";
            double Ms((BenchmarkResult Result, double[] PhaseMs) x) =>
                p < Phases.Length ? x.PhaseMs[p] : p == Phases.Length ? x.Result.MicrosecondsPerStep / 1000 - x.PhaseMs.Sum() : x.Result.MicrosecondsPerStep / 1000;
            // A seq2seq decoder's phases only where there is one.
            if (p < Phases.Length && Phases[p] is StepPhase.Attention or StepPhase.DecoderCell && results.All(x => Ms(x) == 0)) continue;
            line.Clear().Append(CultureInfo.InvariantCulture, $"  {name,-36}");
            foreach (var x in results)
            {
                double share = Ms(x) / (x.Result.MicrosecondsPerStep / 1000);
                line.Append(CultureInfo.InvariantCulture, $" {Ms(x),9:F3} ({share,5:P0})");
            }
            if (results.Count > 1)
            {
                double ratio = Ms(results[0]) / Ms(results[^1]);
                line.Append(CultureInfo.InvariantCulture, $" {(double.IsFinite(ratio) ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-"),9}");
            }
            stdout.WriteLine(line);
        }
        line.Clear().Append(CultureInfo.InvariantCulture, $"  {"cores busy (process CPU / wall)",-36}");
        foreach ((BenchmarkResult r, _) in results) line.Append(CultureInfo.InvariantCulture, $" {r.CoresBusy,18:F2}");
        stdout.WriteLine(line);
    }

    private static string PhaseName(StepPhase phase) => phase switch
    {
        StepPhase.InputProjection => "input projections W_ih·x",
        StepPhase.RecurrentForward => "forward time loop (W_hh·h, gates)",
        StepPhase.BackwardTimeLoop => "backward time loop",
        StepPhase.WeightGradients => "weight- and input-gradient products",
        StepPhase.Clipping => "gradient norm and clipping",
        StepPhase.Optimizer => "optimizer update",
        StepPhase.Attention => "decoder attention (fwd + bwd)",
        StepPhase.DecoderCell => "decoder cell (fwd + bwd)",
        _ => phase.ToString(),
    };

    /// <param name="roundRates">With <c>--rounds</c> above 1: every round's rate at this thread count.</param>
    /// <param name="roundSpeedups">With <c>--rounds</c> above 1, at N threads: every round's own speed-up.</param>
    /// <param name="roundCapacities">With <c>--rounds</c> above 1, at N threads: the machine's own speed-up in every round.</param>
    private static string Json(BenchmarkResult r, double background, double? speedup, double? machine, double[]? phaseMs,
        double[]? roundRates = null, double[]? roundSpeedups = null, double[]? roundCapacities = null)
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
        parts.Add($"\"cores_busy\":{Number(Math.Round(r.CoresBusy, 2))}");
        if (speedup is { } s) parts.Add($"\"speedup\":{Number(s)}");
        if (machine is { } m) parts.Add($"\"machine_speedup\":{Number(m)}");
        if (roundRates is not null)
        {
            parts.Add($"\"rounds\":{roundRates.Length}");
            parts.Add($"\"steps_per_s_rounds\":[{string.Join(",", roundRates.Select(Number))}]");
        }
        if (roundSpeedups is not null) parts.Add($"\"speedup_rounds\":[{string.Join(",", roundSpeedups.Select(Number))}]");
        if (roundCapacities is not null) parts.Add($"\"machine_speedup_rounds\":[{string.Join(",", roundCapacities.Select(Number))}]");
        if (phaseMs is not null)
            parts.Add("\"phase_ms\":{" + string.Join(",", Phases.Select((p, i) => $"\"{JsonNamingPolicy.SnakeCaseLower.ConvertName(p.ToString())}\":{Number(phaseMs[i])}")) + "}");
        parts.Add($"\"framework\":\"RnnPlayground (.NET {Environment.Version})\"");
        return "{" + string.Join(",", parts) + "}";
    }

    private static int Gemm(int[] threadCounts, bool json, TextWriter stdout, TextWriter stderr)
    {
        double first = double.NaN;
        foreach (int threads in threadCounts)
        {
            ComputeThreads.Count = threads;
            double before = BackgroundCpu.Measure();
            BackgroundCpu.Sample start = BackgroundCpu.Take();
            var clock = Stopwatch.StartNew();
            (double gflops, double bestMs) = (0, 0);
            double? machine = CapacityAround(threads, () => (gflops, bestMs) = GemmBenchmark.Run(GemmSize, GemmRepetitions));
            double background = Math.Max(before, BackgroundCpu.Others(start, BackgroundCpu.Take(), clock.Elapsed.TotalSeconds));
            if (background > 0.25)
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: gemm: other processes used about {background:F2} cores; timing disturbed"));
            WarnOfSharedCores("gemm", threads, machine, stderr);
            double? speedup = double.IsNaN(first) ? null : gflops / first;
            if (double.IsNaN(first)) first = gflops;
            if (json)
                stdout.WriteLine($"{{\"workload\":\"gemm-{GemmSize}-f32\",\"threads\":{threads},\"gflops\":{Number(Math.Round(gflops, 2))},\"best_ms\":{Number(bestMs)},\"reps\":{GemmRepetitions},\"background_cpu\":{Number(Math.Round(background, 2))}{(speedup is { } s ? $",\"speedup\":{Number(s)}" : "")}{(machine is { } m ? $",\"machine_speedup\":{Number(m)}" : "")}}}");
            else
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gemm {GemmSize}³ float32, {threads} thread(s): {gflops:F1} GFLOPS (best of {GemmRepetitions}: {bestMs:F2} ms){(speedup is { } s ? $", {s:F2}× 1 thread" : "")}{(machine is { } m ? $" (machine {m:F2}×)" : "")}"));
        }
        return 0;
    }

    /// <summary>A JSON number rounded to 3 decimals, or null when not finite.</summary>
    private static string Number(double v) => double.IsFinite(v) ? Math.Round(v, 3).ToString("R", CultureInfo.InvariantCulture) : "null";
}
