using System.Text.Json.Nodes;
using RnnPlayground.Core.Checkpoints;

namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>rnnplay run SCRIPT --set name=value</c> end to end: the override builds the model, summary.json
/// and the checkpoint record the values, <c>rnnplay eval</c> rebuilds the model with them, and a
/// wrong name or value is one line naming it and the script, with a non-zero exit.
/// </summary>
public class ScriptParameterCommandTests
{
    private const string Script = """
        local p = rnn.params{ hidden = 12, lr = 1e-2, steps = 30 }
        return {
          data = rnn.data.sine{ seq = 10, train = 96, validation = 32, test = 32, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = p.hidden }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = p.lr },
          batch = 16,
          steps = p.steps,
        }
        """;

    [Test]
    public void ASetValueBuildsTheRunIsRecordedAndEvalRebuildsWithIt()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", Script);
        string output = project.Output("small");
        RnnplayResult run = project.Run("run", script, "--headless", "--set", "hidden=5", "--set", "steps=12", "--out", output);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Contain("model Model(gru(hidden 5, 1 layer) → linear)"));
        Assert.That(run.Stdout, Does.Contain("  params hidden=5, lr=0.01, steps=12\n"));
        JsonNode summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.That(summary["params"]!.ToJsonString(), Is.EqualTo("{\"hidden\":5,\"lr\":0.01,\"steps\":12}"));
        Assert.That((long)summary["steps"]!, Is.EqualTo(12));
        string checkpoint = Path.Combine(output, "checkpoint.safetensors");
        Assert.That(SafeTensorsFile.Read(checkpoint).Metadata["params"], Is.EqualTo("{\"hidden\":5,\"lr\":0.01,\"steps\":12}"));

        // Built at the default width (12) the checkpoint would not fit; eval rebuilds it 5 wide from what it recorded.
        RnnplayResult eval = project.Run("eval", script, "--checkpoint", checkpoint);
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.ToString());
        Assert.That(eval.Stdout, Does.Contain("  params hidden=5, lr=0.01, steps=12\n"));
        static string TestLine(string stdout) => stdout.Split('\n').Single(l => l.StartsWith("  test:", StringComparison.Ordinal));
        Assert.That(TestLine(eval.Stdout), Is.EqualTo(TestLine(run.Stdout)), "eval scores the model the run selected");

        RnnplayResult wider = project.Run("eval", script, "--checkpoint", checkpoint, "--set", "hidden=12");
        Assert.That(wider.ExitCode, Is.EqualTo(1), "a --set over the recorded value builds a model the weights do not fit");
    }

    private static IEnumerable<TestCaseData> BadSets()
    {
        yield return new TestCaseData(new[] { "--set", "hiden=5" }, 1,
            "error: scripts/knobs.lua: --set hiden=5: the script has no parameter 'hiden' (did you mean 'hidden'? it declares hidden, lr, steps)").SetName("unknown name");
        yield return new TestCaseData(new[] { "--set", "hidden=wide" }, 1,
            "error: scripts/knobs.lua:1: rnn.params: --set hidden=wide: 'hidden' must be an integer (its default is 12)").SetName("wrong type");
        yield return new TestCaseData(new[] { "--set", "hidden" }, 2,
            "error: --set must be NAME=VALUE with NAME a parameter the script declares (got 'hidden')").SetName("no value");
        yield return new TestCaseData(new[] { "--set", "hidden=1", "--set", "hidden=2" }, 2,
            "error: --set hidden is given twice ('hidden=1' and 'hidden=2')").SetName("twice");
    }

    [TestCaseSource(nameof(BadSets))]
    public void ABadSetIsOneLineAndWritesNothing(string[] set, int exitCode, string says)
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", Script);
        string output = project.Output("bad");
        RnnplayResult r = project.Run(["run", script, "--headless", "--out", output, .. set]);
        Assert.That(r.ExitCode, Is.EqualTo(exitCode), r.ToString());
        Assert.That(r.Stderr, Is.EqualTo(says + "\n"));
        Assert.That(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : [], Is.Empty, "nothing written");
    }
}
