using System.Globalization;
using System.Text.Json;

namespace RnnPlayground.App.Tests;

/// <summary>
/// Every experiment in scripts/ runs through rnnplay, headless and shortened, and learns: it exits
/// 0 and the training loss of every variant that did not diverge falls. Weather must also beat
/// persistence, and the scripts that tell a story must show it.
/// </summary>
public class ShippedScriptTests
{
    /// <summary>How to shorten a script for a test; the rest run 30 steps.</summary>
    private static readonly Dictionary<string, string[]> ShortSettings = new(StringComparer.Ordinal)
    {
        ["weather.lua"] = ["--epochs", "4"],    // the shortest run that reliably beats persistence
        ["climate_change.lua"] = ["--epochs", "4"],
        ["charrnn.lua"] = ["--epochs", "1"],
    };

    /// <summary>The experiment scripts in scripts/ (rnn.d.lua only describes the API).</summary>
    public static IEnumerable<string> Experiments() =>
        Directory.GetFiles(Rnnplay.Scripts, "*.lua").Select(Path.GetFileName).Where(n => n != "rnn.d.lua").Order(StringComparer.Ordinal)!;

    private static string[] ShortRun(string script) => ShortSettings.GetValueOrDefault(script, ["--steps", "30"]);

    /// <summary>Runs a shipped script from the repository in short mode, its outputs in a temp folder.</summary>
    private static (RnnplayResult Result, string Output) RunShort(ProjectFolder project, string script)
    {
        string output = project.Output(Path.GetFileNameWithoutExtension(script));
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/" + script, "--headless", "--out", output, .. ShortRun(script)]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stderr, Is.Empty, r.ToString());
        return (r, output);
    }

    /// <summary>The run folders of a result: the output folder, or one per variant of a comparison.</summary>
    private static string[] RunFolders(string output) =>
        File.Exists(Path.Combine(output, "summary.json")) ? [output] : Directory.GetDirectories(output).Order(StringComparer.Ordinal).ToArray();

    private static JsonElement Summary(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement;

    private static double[] Losses(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();

    [TestCaseSource(nameof(Experiments))]
    public void RunsShortAndTheLossFalls(string script)
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, string output) = RunShort(project, script);
        string[] runs = RunFolders(output);
        Assert.That(runs, Is.Not.Empty, r.ToString());
        int learned = 0;
        foreach (string run in runs)
        {
            JsonElement summary = Summary(run);
            string status = summary.GetProperty("status").GetString()!;
            if (status == "diverged")
            {
                Assert.That(summary.GetProperty("message").GetString(), Does.Match(@"became .* at step \d+"), "a diverged run says when");
                continue;
            }
            Assert.That(status, Is.EqualTo("completed"), $"{run}\n{r}");
            double[] losses = Losses(run);
            Assert.That(losses.Length, Is.EqualTo(summary.GetProperty("steps").GetInt64()));
            double last = losses.TakeLast(5).Average();
            Assert.That(last, Is.LessThan(losses[0]), $"{Path.GetFileName(run)}: first loss {losses[0]}, last five {last}\n{r}");
            learned++;
        }
        Assert.That(learned, Is.GreaterThan(0), "at least one run trains");
    }

    [Test]
    public void DatesWritesTheSequenceScoresAndItsCheckpointEvaluates()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, string output) = RunShort(project, "dates.lua");
        JsonElement summary = Summary(output);
        foreach (string split in new[] { "validation", "test" })
        {
            JsonElement metrics = summary.GetProperty(split).GetProperty("metrics");
            foreach (string metric in new[] { "loss", "exact", "token_accuracy", "cer" })
                Assert.That(metrics.GetProperty(metric).GetDouble(), Is.GreaterThanOrEqualTo(0), $"{split} {metric}\n{r}");
            Assert.That(metrics.TryGetProperty("bleu", out _), Is.False, "BLEU and chrF are for word-level pairs");
        }
        Assert.That(r.Stdout, Does.Contain("exact match").And.Contain("CER"));
        RnnplayResult eval = Rnnplay.Run(Rnnplay.RepositoryRoot, ["eval", "scripts/dates.lua", "--checkpoint", Path.Combine(output, "checkpoint.safetensors")]);
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.ToString());
        double exact = summary.GetProperty("test").GetProperty("metrics").GetProperty("exact").GetDouble();
        Assert.That(eval.Stdout, Does.Contain($"exact match {exact.ToString("P1", CultureInfo.InvariantCulture)}"), "the checkpoint scores what the run did");
    }

    [Test]
    public void WeatherBeatsPersistence()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, string output) = RunShort(project, "weather.lua");
        JsonElement summary = Summary(output);
        double accuracy = summary.GetProperty("test").GetProperty("metrics").GetProperty("accuracy").GetDouble();
        double persistence = summary.GetProperty("baselines").EnumerateArray()
            .Single(b => b.GetProperty("name").GetString() == "persistence" && b.GetProperty("metric").GetString() == "accuracy").GetProperty("value").GetDouble();
        Assert.That(accuracy, Is.GreaterThan(persistence + 0.03), r.ToString());
        Assert.That(r.Stdout, Does.Contain("test: rain-tomorrow accuracy"), "the script's on_finish reports");
    }

    [Test]
    public void ClippingShowsADivergedRunAndARescuedOne()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, string output) = RunShort(project, "clipping.lua");
        Assert.That(Summary(Path.Combine(output, "sgd")).GetProperty("status").GetString(), Is.EqualTo("diverged"));
        Assert.That(Summary(Path.Combine(output, "sgd_clip")).GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(r.Stdout, Does.Match(@"sgd: DIVERGED: (loss|gradient norm) became NaN at step \d+"));
        Assert.That(r.Stdout, Does.Match(@"\n  sgd +diverged "), "the comparison lists the diverged variant");
        double[] clipped = Losses(Path.Combine(output, "adam_clip"));
        Assert.That(File.ReadAllLines(Path.Combine(output, "adam_clip", "metrics.csv")).Skip(1).Count(l => l.Split(',')[5] == "1"), Is.GreaterThan(0),
            "the clipped run clips");
        Assert.That(clipped.Max(), Is.GreaterThan(10 * clipped[0]), "the spike happens with clipping too; clipping bounds the step it causes");
    }

    [Test]
    public void VanishingPrintsGradientNormsPerStep()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, string output) = RunShort(project, "vanishing.lua");
        Assert.That(r.Stdout, Does.Contain("gradient norm |dL/dh_t| by time step"));
        foreach (string variant in new[] { "rnn", "lstm", "gru" })
        {
            Assert.That(r.Stdout, Does.Match($@"\n  {variant} +t=0: \S+ .* first/last \S+"));
            JsonElement norms = Summary(Path.Combine(output, variant)).GetProperty("gradient_norm_per_step");
            Assert.That(norms.GetArrayLength(), Is.EqualTo(4 + 35 + 1 + 4), "one norm per time step of the copy task");
        }
    }

    [Test]
    public void CharrnnPrintsSamples()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, _) = RunShort(project, "charrnn.lua");
        Assert.That(r.Stdout, Does.Contain("-- temperature 0.5 --\nShall I compare thee"));
        Assert.That(r.Stdout, Does.Contain("-- temperature 1.0 --\nShall I compare thee"));
        Assert.That(r.Stdout, Does.Contain("test: next-character accuracy"));
    }

    [Test]
    public void SineReportsItsErrorAgainstPersistence()
    {
        using var project = new ProjectFolder();
        (RnnplayResult r, _) = RunShort(project, "sine.lua");
        Assert.That(r.Stdout, Does.Match(@"test RMSE \d\.\d+; persistence 0\.\d+; predicting zero 0\.\d+"));
        Assert.That(r.Stdout, Does.Match(@"our own wave: last value -?\d\.\d+, true next -?\d\.\d+, the GRU says -?\d\.\d+"));
    }
}
