namespace RnnPlayground.App.Tests;

/// <summary>
/// Everything a run writes stays in its output folder: a comparison's variant names become folders
/// inside it only when they are safe names, and two variants never share a folder.
/// </summary>
public class OutputPathTests
{
    private const string Experiment = """
        return {
          data = rnn.data.sine{ seq = 5, train = 32, validation = 8, test = 8 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} },
          steps = 2,
          compare = { NAMES },
        }
        """;

    private static string Compare(params string[] names) =>
        Experiment.Replace("NAMES", string.Join(", ", names.Select(n => $"{{ name = '{n}' }}")), StringComparison.Ordinal);

    [Test]
    public void VariantNamesThatWouldLeaveTheOutputFolderAreRefusedAndNothingIsWritten()
    {
        using var project = new ProjectFolder();
        string victim = Path.Combine(project.Root, "victim");
        foreach (string name in new[] { "../../../pwned-cmp", victim, "/tmp/victim" })
        {
            string script = project.WriteScript("escape.lua", Compare("ok", name));
            RnnplayResult r = project.Run("run", script, "--headless", "--out", "out/x/y/a");
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(r.Stderr.TrimEnd(), Does.StartWith($"error: scripts/escape.lua: experiment: 'compare' variant '{name}': the name ")
                .And.Not.Contain("\n").And.Not.Contain("Exception"), r.ToString());
        }
        Assert.That(Directory.Exists(Path.Combine(project.Root, "out", "pwned-cmp")), Is.False);
        Assert.That(Directory.Exists(victim), Is.False);
        Assert.That(Directory.GetFileSystemEntries(project.Output("x/y/a")), Is.Empty, "nothing ran, not even the safe variant");
    }

    [Test]
    public void NamesThatWouldShareOneFolderAreRefused()
    {
        using var project = new ProjectFolder();
        foreach ((string[] names, string message) in new[]
        {
            (new[] { "a", "a/" }, "'compare' variant 'a/': the name may hold only letters"),
            (new[] { "a", "./a" }, "'compare' variant './a': the name must start with a letter or a digit"),
            (new[] { "a", "A" }, "'compare' variants 'a' and 'A' would share one output folder"),
        })
        {
            string script = project.WriteScript("twins.lua", Compare(names));
            RnnplayResult r = project.Run("run", script, "--headless", "--out", "out/a");
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(r.Stderr, Does.StartWith($"error: scripts/twins.lua: experiment: {message}"), r.ToString());
        }
    }

    [Test]
    public void EachVariantWritesInItsOwnFolderInsideTheOutputAndResumesFromThere()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("pair.lua", Compare("first", "second.v2"));
        RnnplayResult r = project.Run("run", script, "--headless", "--out", "out/a");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(Directory.GetDirectories(project.Output("a")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "first", "second.v2" }));
        foreach (string variant in new[] { "first", "second.v2" })
            Assert.That(File.Exists(Path.Combine(project.Output("a"), variant, "summary.json")), Is.True, variant);

        RnnplayResult resumed = project.Run("run", script, "--headless", "--out", "out/b", "--resume", "out/a", "--steps", "4");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(resumed.Stdout, Does.Contain("== first (1 of 2)").And.Contain("== second.v2 (2 of 2)"), resumed.ToString());
        File.Delete(Path.Combine(project.Output("a"), "second.v2", "checkpoint.safetensors"));
        RnnplayResult missing = project.Run("run", script, "--headless", "--out", "out/d", "--resume", "out/a");
        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
        Assert.That(missing.Stderr, Does.Contain(Path.Combine("second.v2", "checkpoint.safetensors")), "each variant resumes from its own folder");
        RnnplayResult notAFolder = project.Run("run", script, "--headless", "--out", "out/c", "--resume", "out/a/first/checkpoint.safetensors");
        Assert.That(notAFolder.ExitCode, Is.EqualTo(1));
        Assert.That(notAFolder.Stderr, Does.StartWith("error: --resume out/a/first/checkpoint.safetensors: a comparison resumes from the output folder"), notAFolder.ToString());
    }
}
