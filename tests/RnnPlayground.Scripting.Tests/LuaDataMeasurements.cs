using System.Diagnostics;
using RnnPlayground.Core.Benchmarks;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// The README's figures for datasets and schedules from Lua, measured back to back in one process
/// (run by hand: <c>dotnet test … --filter LuaDataMeasurements --logger "console;verbosity=detailed"</c>).
/// They print; they assert nothing about time.
/// </summary>
[Explicit("measurement for the README, not a test")]
public class LuaDataMeasurements : RnnApiFixture
{
    private const int Repeats = 5;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [TestCase("parity (16 bits, a label per step)",
        "local x, y, odd = {}, {}, false for t = 1, 16 do local b = rng:integer(0, 1) if b == 1 then odd = not odd end x[t] = b y[t] = odd and 2 or 1 end return x, y",
        "classes = 2, every_step = true")]
    [TestCase("damped oscillation (30 steps, exp and cos)",
        "local w, g, p = rng:uniform(0.2, 0.8), rng:uniform(0.01, 0.05), rng:uniform(0, 6.28) local x = {} for t = 0, 29 do x[t + 1] = math.exp(-g * t) * math.cos(w * t + p) end return x, math.exp(-g * 30) * math.cos(w * 30 + p)",
        "")]
    public void GenerationRate(string name, string body, string options)
    {
        const int samples = 20_000;
        var rates = new List<double>();
        for (int r = 0; r < Repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            Make<ScriptDataset>($"rnn.data.generate{{ train = {samples - 2}, validation = 1, test = 1, {options}{(options.Length > 0 ? ", " : "")}sample = function(rng, i, split) {body} end }}");
            rates.Add(samples / clock.Elapsed.TotalSeconds);
            Host.CollectGarbage();
        }
        TestContext.Out.WriteLine($"{name}: median {Median(rates):F0} samples/s (runs: {string.Join(", ", rates.Select(v => v.ToString("F0")))})");
    }

    [TestCase("weather-lstm-small")]
    [TestCase("elman-long")]
    public void CustomScheduleOverheadPerStep(string workloadId)
    {
        ScriptedExperiment experiment = Load(
            "return { data = rnn.data.sine{ seq = 4, train = 32 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} },\n" +
            "  schedule = rnn.schedule.custom{ lr = function(step, total, base_lr) return base_lr * (1 - step / (total + 1)) end } }\n");
        Func<long, long, float, double> rate = experiment.Definition.Schedule!.Rate!;
        BenchmarkWorkload workload = BenchmarkWorkload.Create(workloadId);
        for (int i = 0; i < 20; i++) workload.Step();
        var calls = new List<double>();
        var steps = new List<double>();
        for (int r = 0; r < Repeats; r++)
        {
            const int n = 100_000;
            var clock = Stopwatch.StartNew();
            double sum = 0;
            for (int i = 1; i <= n; i++) sum += rate(i, n, 0.01f);
            calls.Add(clock.Elapsed.TotalMicroseconds / n);
            Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.Message);
            const int m = 50;
            clock.Restart();
            for (int i = 0; i < m; i++) workload.Step();
            steps.Add(clock.Elapsed.TotalMicroseconds / m);
        }
        double call = Median(calls), step = Median(steps);
        TestContext.Out.WriteLine($"{workloadId}: a Lua rate call {call:F2} µs, a step {step:F0} µs: {100 * call / step:F3} % of a step " +
            $"(calls {string.Join(", ", calls.Select(v => v.ToString("F2")))}; steps {string.Join(", ", steps.Select(v => v.ToString("F0")))})");
    }
}
