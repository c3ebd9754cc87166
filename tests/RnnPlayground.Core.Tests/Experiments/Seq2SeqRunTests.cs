using System.Text.Json;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;

namespace RnnPlayground.Core.Tests.Experiments;

/// <summary>How an encoder–decoder run is labelled when it ends: stopped short of its steps, or completed.</summary>
public class Seq2SeqRunTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-seq2seq-run-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static Seq2SeqDefinition Definition()
    {
        PairSplits splits = StringPairTask.Reverse((32, 4, 4), seed: 3, minLength: 3, maxLength: 4, alphabet: "abc");
        var data = new PairDataset(splits.Train, splits.Validation, splits.Test);
        return new Seq2SeqDefinition
        {
            Name = "reverse-small",
            Data = data,
            Model = Seq2SeqPairs.Sized(new Seq2SeqSpec(1, 1, 4, 4, new RecurrentSpec(CellKind.Gru, 6), CellKind.Gru, 6), data),
            BatchSize = 8,
            Steps = 6,
        };
    }

    private Seq2SeqRun NewRun() => new(Definition(), new RunSettings { OutputDirectory = _dir });

    private JsonElement SummaryJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ExperimentRun.SummaryFile))).RootElement;

    [Test]
    public void AStopNotYetActedOnWhenTheRunIsFinishedLabelsItStoppedAtItsStep()
    {
        // The encoder–decoder window closing between steps: the stop is requested, then the run is finished at once.
        Seq2SeqRun run = NewRun();
        for (int i = 0; i < 2; i++) Assert.That(run.StepOnce(), Is.True);
        run.RequestStop("the live session ended");
        RunSummary s = run.Finish();
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Stopped, 2L, "the live session ended at step 2 of 6")));
        JsonElement json = SummaryJson();
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("the live session ended at step 2 of 6"));
        Assert.That(json.GetProperty("steps").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public void AStopActedOnByTheTrainingLoopEndsTheRunAfterItsStep()
    {
        Seq2SeqRun run = NewRun();
        run.StepTrained = r =>
        {
            if (r.Step == 3) r.RequestStop("stopped by the script");
        };
        RunSummary s = run.Run();
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Stopped, 3L, "stopped by the script at step 3 of 6")));
        Assert.That(SummaryJson().GetProperty("status").GetString(), Is.EqualTo("stopped"));
    }

    [Test]
    public void AStopAtOrAfterTheLastStepLeavesTheRunCompleted()
    {
        Seq2SeqRun atLast = NewRun();
        atLast.StepTrained = r =>
        {
            if (r.Step == r.TotalSteps) r.RequestStop("stopped by the script");
        };
        RunSummary s = atLast.Run();
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Completed, 6L, "trained 6 steps")), "stopped during the last step");
        Seq2SeqRun after = NewRun();
        while (after.StepOnce())
        {
        }
        after.RequestStop("the live session ended");
        s = after.Finish();
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Completed, 6L, "trained 6 steps")), "the window closed after the last step");
        Assert.That(SummaryJson().GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(SummaryJson().GetProperty("message").GetString(), Is.EqualTo("trained 6 steps"));
    }
}
