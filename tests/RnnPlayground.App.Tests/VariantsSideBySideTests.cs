using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A comparison shown live: every variant's curves stay in the snapshot once it finished, a variant
/// that diverged holds the sequence until its time is up or the presenter moves on, and the weight
/// reset starts the variant shown from its seeded initial weights; offscreen, a screenshot of the
/// shipped comparisons shows all their variants side by side.
/// </summary>
public class VariantsSideBySideTests
{
    private const string Diverging = """
        return {
          data = rnn.data.adding{ seq = 10, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 16, nonlinearity = 'relu' }, rnn.nn.linear{} },
          steps = 12,
          compare = {
            { name = 'wild', optimizer = rnn.optim.sgd{ lr = 1e6 }, clip = 0 },
            { name = 'tame', optimizer = rnn.optim.adam{ lr = 1e-3 } },
          },
        }
        """;

    [Test]
    public void ADivergedVariantHoldsTheSequenceUntilItsTimeIsUpOrThePresenterMovesOn()
    {
        using var project = new ProjectFolder();
        string output = project.Output("div");
        using ScriptedExperiment script = Load(project, "div.lua", Diverging, output);
        double now = 0;
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Null, TextWriter.Null, () => now, divergenceHoldSeconds: 5);
        for (int i = 0; i < 50 && !live.IsHolding; i++) live.Advance();
        Assert.That(live.IsHolding, Is.True, "the wild variant diverged and holds");
        ComparisonSnapshot held = live.BuildSnapshot(default).Comparison!;
        Assert.That(held.HeldDivergence, Is.EqualTo(0));
        Assert.That(held.Variants[0].State, Is.EqualTo(VariantState.Diverged));
        Assert.That(held.Variants[0].DivergedAtStep, Is.EqualTo(held.Variants[0].Step));
        Assert.That(held.Variants[1].State, Is.EqualTo(VariantState.Waiting));

        now = 4.9;
        for (int i = 0; i < 10; i++) live.Advance();
        Assert.That(live.Index, Is.EqualTo(0), "still on the diverged variant before its time is up");
        now = 5.1;
        live.Advance();
        Assert.That(live.Index, Is.EqualTo(1), "the next variant starts when the time is up");

        while (!live.Finished) live.Advance();
        ComparisonSnapshot end = live.BuildSnapshot(default).Comparison!;
        Assert.That(end.Variants.Select(v => (v.Name, v.State)), Is.EqualTo(new[] { ("wild", VariantState.Diverged), ("tame", VariantState.Finished) }));
        Assert.That(end.Variants[1].Loss, Has.Length.EqualTo(12), "the finished variant's whole curve, one point a step");
        Assert.That(end.Variants[0].Loss, Has.Length.EqualTo(end.Variants[0].Step - 1), "the diverged one up to the step before it diverged");
        Assert.That(end.HeldDivergence, Is.Null);
        live.End();
    }

    [Test]
    public void MoveOnEndsTheHoldAtOnceAndWithoutAClockThereIsNone()
    {
        using var project = new ProjectFolder();
        string output = project.Output("div");
        using ScriptedExperiment script = Load(project, "div.lua", Diverging, output);
        var held = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Null, TextWriter.Null, () => 0, double.PositiveInfinity);
        for (int i = 0; i < 50 && !held.IsHolding; i++) held.Advance();
        Assert.That(held.IsHolding, Is.True);
        held.MoveOn();
        held.Advance();
        Assert.That((held.Index, held.IsHolding), Is.EqualTo((1, false)));
        held.End();

        var headless = new LiveSequence(new VariantSequence(script, new RunOptions(), project.Output("plain")), TextWriter.Null, TextWriter.Null);
        for (int i = 0; i < 50 && headless.Index == 0; i++) headless.Advance();
        Assert.That(headless.Index, Is.EqualTo(1), "without a clock a diverged variant hands on at once");
        headless.End();
    }

    [Test]
    public void TheWeightResetGoesBackToTheSeededInitialWeightsAndStepZero()
    {
        using var project = new ProjectFolder();
        string output = project.Output("reset");
        using ScriptedExperiment script = Load(project, "reset.lua", """
            return {
              data = rnn.data.sine{ seq = 6, train = 64, validation = 16, test = 16 },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
              steps = 100,
              seed = 5,
            }
            """, output);
        ulong seeded = script.CreateRun(new RunSettings()).Model.Parameters.Checksum();
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Null, TextWriter.Null);
        for (int i = 0; i < 20; i++) live.Advance();
        Assert.That(live.TrainingSteps, Is.EqualTo(20));
        string line = live.ResetWeights();
        Assert.That(live.TrainingSteps, Is.Zero);
        Assert.That(line, Does.Contain($"at step 0, weights checksum {seeded:X16}").And.Contain("after 20 steps"));
        Assert.That(line, Does.Not.Contain($"were {seeded:X16}"), "training had changed the weights");
        for (int i = 0; i < 20; i++) live.Advance();
        Assert.That(live.TrainingSteps, Is.EqualTo(20), "training goes on from the fresh start");
        Assert.That(live.ResetWeights(), Does.Contain($"weights checksum {seeded:X16}"), "a second reset gives the same weights");
        live.End();
    }

    [Test]
    public void AScreenshotOfVanishingShowsAllThreeVariantsSideBySide()
    {
        using var project = new ProjectFolder();
        string output = project.Output("shot");
        string picture = Path.Combine(output, "vanishing.png");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/vanishing.lua", "--screenshot", picture, "--steps", "6", "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("screenshot after 18 training steps"), "taken after every variant ran");
        string line = r.Stdout.Split('\n').Single(l => l.Contains("variants side by side:", StringComparison.Ordinal));
        Assert.That(line, Does.Match(@"variants side by side: rnn \(done, loss [0-9.]+\); lstm \(done, loss [0-9.]+\); gru \(done, loss [0-9.]+\)"));
        Assert.That(r.Stdout, Does.Not.Contain("banner:"), "nothing diverged");
    }

    [Test]
    public void AScreenshotOfClippingShowsTheDivergedBannerOfPlainSgd()
    {
        using var project = new ProjectFolder();
        string output = project.Output("shot");
        string picture = Path.Combine(output, "clipping.png");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/clipping.lua", "--screenshot", picture, "--steps", "12", "--size", "1920x1080", "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("loss became NaN at step 5"));
        Assert.That(r.Stdout, Does.Contain("  banner: sgd DIVERGED at step 5"));
        Assert.That(r.Stdout, Does.Contain("variants side by side: sgd (DIVERGED at step 5); sgd_clip (done"));
        Assert.That(r.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("layout:", StringComparison.Ordinal)), Is.Empty, r.ToString());
    }

    private static ScriptedExperiment Load(ProjectFolder project, string name, string source, string output)
    {
        string path = Path.Combine(project.Root, project.WriteScript(name, source));
        Directory.CreateDirectory(output);
        return ScriptedExperiment.Load(path, new ScriptedExperimentOptions { WorkingDirectory = project.Root, OutputDirectory = output, Output = TextWriter.Null });
    }
}
