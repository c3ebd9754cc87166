using System.Globalization;
using System.Text.Json;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.App.Tests;

/// <summary><c>rnnplay bench</c> through the command line, in process (very short runs, no timing assertions).</summary>
public class BenchCommandTests
{
    private static (int Exit, string Out, string Error) Bench(params string[] args)
    {
        int threads = ComputeThreads.Count;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            int exit = Cli.Run(["bench", .. args], stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            ComputeThreads.Count = threads;
        }
    }

    [Test]
    public void JsonLinesCarryThePeerKeysAndTheAllocationFigure()
    {
        (int exit, string output, string error) = Bench("--workload", "stream-infer", "--seconds", "0", "--threads", "1", "--json");
        Assert.That(exit, Is.Zero, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        JsonElement line = JsonDocument.Parse(lines[0]).RootElement;
        Assert.That(line.GetProperty("workload").GetString(), Is.EqualTo("stream-infer"));
        Assert.That(line.GetProperty("threads").GetInt32(), Is.EqualTo(1));
        Assert.That(line.GetProperty("steps_per_s").GetDouble(), Is.GreaterThan(0));
        Assert.That(line.GetProperty("us_per_step").GetDouble(), Is.GreaterThan(0));
        Assert.That(line.GetProperty("alloc_bytes_per_step").GetDouble(), Is.Zero);
        Assert.That(line.TryGetProperty("tokens_per_s", out _), Is.False, "tokens only for the character model");
    }

    [Test]
    public void TheTableHasAHeaderAndARowPerWorkload()
    {
        (int exit, string output, _) = Bench("--workload", "stream-infer", "--seconds", "0");
        Assert.That(exit, Is.Zero);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("steps/s").And.Contain("tokens/s").And.Contain("µs/step").And.Contain("bytes/step"));
        Assert.That(lines[1], Does.StartWith("stream-infer"));
    }

    [Test]
    public void AboveOneThreadEachWorkloadRunsAtOneThreadFirstAndReportsTheSpeedUp()
    {
        (int exit, string output, string error) = Bench("--workload", "elman-long", "--seconds", "0", "--threads", "2", "--json");
        Assert.That(exit, Is.Zero, error);
        JsonElement[] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.That(lines.Select(l => l.GetProperty("threads").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(lines[0].TryGetProperty("speedup", out _), Is.False);
        double expected = lines[1].GetProperty("steps_per_s").GetDouble() / lines[0].GetProperty("steps_per_s").GetDouble();
        Assert.That(lines[1].GetProperty("speedup").GetDouble(), Is.EqualTo(expected).Within(1e-3 * expected + 1e-3));
        Assert.That(lines[1].GetProperty("cores_busy").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void RoundsAlternateTheThreadCountsAndReportTheMedianOfTheirOwnSpeedUps()
    {
        (int exit, string output, string error) = Bench("--workload", "elman-long", "--seconds", "0", "--threads", "2", "--rounds", "3", "--json");
        Assert.That(exit, Is.Zero, error);
        JsonElement[] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.That(lines.Select(l => l.GetProperty("threads").GetInt32()), Is.EqualTo(new[] { 1, 2 }), "one line per thread count");
        double[][] rates = [.. lines.Select(l => l.GetProperty("steps_per_s_rounds").EnumerateArray().Select(e => e.GetDouble()).ToArray())];
        Assert.That(rates.Select(r => r.Length), Is.EqualTo(new[] { 3, 3 }));
        for (int i = 0; i < 2; i++)
            Assert.That(lines[i].GetProperty("steps_per_s").GetDouble(), Is.EqualTo(rates[i].Order().ElementAt(1)).Within(1e-3), "the median run");
        double[] speedups = [.. lines[1].GetProperty("speedup_rounds").EnumerateArray().Select(e => e.GetDouble())];
        for (int r = 0; r < 3; r++) Assert.That(speedups[r], Is.EqualTo(rates[1][r] / rates[0][r]).Within(2e-3 * speedups[r]), "each round's own ratio");
        Assert.That(lines[1].GetProperty("speedup").GetDouble(), Is.EqualTo(speedups.Order().ElementAt(1)).Within(1e-3));
        Assert.That(lines[0].TryGetProperty("speedup_rounds", out _), Is.False);
        double[] machine = [.. lines[1].GetProperty("machine_speedup_rounds").EnumerateArray().Select(e => e.GetDouble())];
        Assert.That(machine, Has.Length.EqualTo(3).And.All.GreaterThan(0), "the machine's own speed-up beside every round's");
        Assert.That(lines[1].GetProperty("machine_speedup").GetDouble(), Is.EqualTo(machine.Order().ElementAt(1)).Within(1e-3));
        Assert.That(lines[0].TryGetProperty("machine_speedup", out _), Is.False, "nothing beside the 1-thread figure");

        (exit, output, error) = Bench("--workload", "elman-long", "--seconds", "0", "--threads", "2", "--rounds", "2");
        Assert.That(exit, Is.Zero, error);
        string[] table = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(table.Count(l => l.TrimStart().StartsWith("round ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(table.Where(l => l.TrimStart().StartsWith("round ", StringComparison.Ordinal)), Has.All.Match(@"\d\.\d\d× \(machine \d+\.\d\d×\)$"));
        Assert.That(table[0], Does.EndWith("speed-up  machine"));
        Assert.That(table[^1], Does.StartWith("elman-long").And.Match(@"\d\.\d\d× +\d+\.\d\d×$"), "the speed-up and the machine's beside it");
        (exit, _, error) = Bench("--workload", "elman-long", "--seconds", "0", "--rounds", "0");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--rounds"));
    }

    [Test]
    public void TheProfileBreaksAStepIntoItsPhases()
    {
        (int exit, string output, string error) = Bench("--workload", "elman-long", "--seconds", "0", "--threads", "2", "--profile");
        Assert.That(exit, Is.Zero, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("speed-up"));
        Assert.That(lines[1], Does.StartWith("elman-long").And.EndWith("-"), "the 1-thread row has no speed-up");
        Assert.That(lines[2], Does.StartWith("elman-long").And.Match(@"\d\.\d\d×$"));
        string[] phases = ["input projections", "forward time loop", "backward time loop", "weight- and input-gradient products",
            "clipping", "optimizer update", "rest (", "whole step", "cores busy"];
        foreach (string phase in phases) Assert.That(lines.Count(l => l.Contains(phase, StringComparison.Ordinal)), Is.EqualTo(1), phase);
        (exit, output, error) = Bench("--workload", "elman-long", "--seconds", "0", "--threads", "1", "--profile", "--json");
        Assert.That(exit, Is.Zero, error);
        JsonElement phaseMs = JsonDocument.Parse(output.Trim()).RootElement.GetProperty("phase_ms");
        Assert.That(phaseMs.GetProperty("backward_time_loop").GetDouble(), Is.GreaterThan(0));
        Assert.That(phaseMs.EnumerateObject().Count(), Is.EqualTo(8));
        Assert.That(phaseMs.GetProperty("attention").GetDouble(), Is.Zero, "no decoder in elman-long");
        Assert.That(lines.Any(l => l.Contains("decoder", StringComparison.Ordinal)), Is.False, "nor a row for it");

        (exit, output, error) = Bench("--workload", "seq2seq-attn", "--seconds", "0", "--threads", "1", "--profile");
        Assert.That(exit, Is.Zero, error);
        string[] seq2seq = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string phase in (string[])["decoder attention", "decoder cell", "optimizer update", "backward time loop"])
        {
            string row = seq2seq.Single(l => l.Contains(phase, StringComparison.Ordinal));
            string ms = System.Text.RegularExpressions.Regex.Match(row, @" (\d+\.\d{3}) \(").Groups[1].Value;
            Assert.That(double.Parse(ms, CultureInfo.InvariantCulture), Is.GreaterThan(0), $"{phase} is timed in seq2seq-attn: {row}");
        }
    }

    [Test]
    public void TheGemmFigureIsInGflops()
    {
        (int exit, string output, string error) = Bench("--workload", "gemm", "--threads", "1", "--json");
        Assert.That(exit, Is.Zero, error);
        JsonElement line = JsonDocument.Parse(output.Trim()).RootElement;
        Assert.That(line.GetProperty("workload").GetString(), Is.EqualTo("gemm-1024-f32"));
        Assert.That(line.GetProperty("gflops").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void AnUnknownWorkloadOrBadThreadsIsAnErrorNamingTheChoices()
    {
        (int exit, _, string error) = Bench("--workload", "lstm-huge");
        Assert.That(exit, Is.EqualTo(2), "a command-line error");
        Assert.That(error, Does.Contain("lstm-huge").And.Contain("weather-lstm-small").And.Contain("gemm"));
        (exit, _, error) = Bench("--threads", "0", "--workload", "stream-infer");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--threads"));
    }
}
