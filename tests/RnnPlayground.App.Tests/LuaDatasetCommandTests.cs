using System.Text.RegularExpressions;

namespace RnnPlayground.App.Tests;

/// <summary>A dataset a script generates, through rnnplay as a user runs it: eval rebuilds it from the script and scores the checkpoint the same.</summary>
public partial class LuaDatasetCommandTests
{
    private const string Script = """
        return {
          data = rnn.data.generate{ train = 300, validation = 60, test = 80, seed = 5, classes = 3,
            sample = function(rng, i, split)
              local x, s = {}, 0
              for t = 1, 6 do x[t] = { rng:normal(), rng:uniform() } s = s + x[t][1] end
              return x, s < -1 and 1 or s < 1 and 2 or 3
            end },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = 1e-2 },
          schedule = rnn.schedule.linear{ warmup = 10 },
          steps = 60,
        }
        """;

    [GeneratedRegex(@"test:\s+loss \S+\s+accuracy \S+ %")]
    private static partial Regex TestLine();

    [Test]
    public void EvalRebuildsAGeneratedDatasetAndScoresTheCheckpointAsTheRunDid()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("generated.lua", Script);
        string output = project.Output("generated");
        RnnplayResult run = project.Run("run", script, "--headless", "--out", output);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Contain("majority"), "the generated dataset has a majority baseline");
        RnnplayResult eval = project.Run("eval", script, "--checkpoint", Path.Combine(output, "checkpoint.safetensors"));
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.ToString());
        string ran = TestLine().Match(run.Stdout).Value, evaluated = TestLine().Match(eval.Stdout).Value;
        Assert.That(ran, Is.Not.Empty, run.ToString());
        Assert.That(evaluated, Is.EqualTo(ran), eval.ToString());
    }
}
