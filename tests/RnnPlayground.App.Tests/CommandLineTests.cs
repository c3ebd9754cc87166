using System.Text.Json;

namespace RnnPlayground.App.Tests;

/// <summary>The rnnplay command itself: the default run, help, and eval and sample on a short run's checkpoint.</summary>
public class CommandLineTests
{
    /// <summary>Trains <paramref name="script"/> headless for a few epochs and returns its output folder.</summary>
    private static string Train(ProjectFolder project, string script, int epochs)
    {
        string output = project.Output(Path.GetFileNameWithoutExtension(script));
        RnnplayResult trained = project.Run("run", script, "--headless", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.ToString());
        return output;
    }

    [Test]
    public void WithoutArgumentsItRunsTheWeatherExperimentHeadlessWhenThereIsNoDisplay()
    {
        using var project = new ProjectFolder();
        project.CopyScript("weather.lua");
        RnnplayResult r = project.Run();
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.StartWith("scripts/weather.lua: Dataset(weather: "), r.ToString());
        string run = Directory.GetDirectories(Path.Combine(project.Root, "runs")).Single();
        Assert.That(Path.GetFileName(run), Does.Match(@"^weather-\d{8}-\d{6}$"));
        JsonElement summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement;
        Assert.That(summary.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(summary.GetProperty("epochs").GetInt32(), Is.EqualTo(12), "the script's own length");
        Assert.That(File.Exists(Path.Combine(run, "checkpoint.safetensors")), Is.True);
    }

    [Test]
    public void HelpListsTheCommands()
    {
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, "--help");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("With no command, runs scripts/weather.lua"));
        foreach (string command in new[] { "run", "eval", "sample" })
            Assert.That(r.Stdout, Does.Match($@"\n  {command} "), command);
    }

    [Test]
    public void RunHelpListsItsOptions()
    {
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, "run", "--help");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        foreach (string option in new[] { "--steps", "--epochs", "--seed", "--out", "--headless", "--ticks", "--screenshot", "--resume" })
            Assert.That(r.Stdout, Does.Contain(option), option);
    }

    [Test]
    public void EvalScoresACheckpointBesideTheBaselines()
    {
        using var project = new ProjectFolder();
        string script = project.CopyScript("weather.lua");
        string output = Train(project, script, epochs: 4);
        JsonElement summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement;

        // The summary scores the selected model: the best epoch's weights when they are not the last.
        string weights = Path.Combine(output, File.Exists(Path.Combine(output, "best.safetensors")) ? "best.safetensors" : "checkpoint.safetensors");
        RnnplayResult r = project.Run("eval", script, "--checkpoint", weights);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"scripts/weather.lua with weights from {weights}"));
        string accuracy = summary.GetProperty("test").GetProperty("metrics").GetProperty("accuracy").GetDouble().ToString("P1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(r.Stdout, Does.Match($@"\n  test: +loss \S+  accuracy {System.Text.RegularExpressions.Regex.Escape(accuracy)}"), "the selected model's test score again");
        Assert.That(r.Stdout, Does.Match(@"persistence +weather +accuracy .*\(model better\)"));
    }

    [Test]
    public void SampleWritesTextFromACharacterModel()
    {
        using var project = new ProjectFolder();
        string script = project.CopyScript("charrnn.lua");
        string output = Train(project, script, epochs: 1);
        string checkpoint = Path.Combine(output, "checkpoint.safetensors");
        RnnplayResult r = project.Run("sample", script, "--checkpoint", checkpoint, "--prime", "Shall I", "--length", "80", "--temperature", "0.7");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        string text = r.Stdout[(r.Stdout.IndexOf("Shall I", StringComparison.Ordinal))..].TrimEnd('\n');
        Assert.That(text, Has.Length.EqualTo("Shall I".Length + 80), r.ToString());
        string sonnets = File.ReadAllText(Path.Combine(project.Root, "scripts", "data", "sonnets.txt"));
        Assert.That(text.Where(c => !sonnets.Contains(c)), Is.Empty, "only characters of the sonnets");
        Assert.That(project.Run("sample", script, "--checkpoint", checkpoint, "--prime", "Shall I", "--length", "80", "--temperature", "0.7").Stdout,
            Is.EqualTo(r.Stdout), "the same seed writes the same text");

        RnnplayResult wrong = project.Run("sample", project.CopyScript("weather.lua"), "--checkpoint", checkpoint);
        Assert.That(wrong.ExitCode, Is.EqualTo(1));
        Assert.That(wrong.Stderr, Is.EqualTo("error: scripts/weather.lua is not a text experiment (its data is weather); sample needs rnn.data.text\n"));
    }
}
