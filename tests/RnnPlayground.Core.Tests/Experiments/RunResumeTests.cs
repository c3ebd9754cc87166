using System.Text.Json.Nodes;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Experiments;

/// <summary>
/// A run interrupted (stopped, or dead without finishing) and resumed from its checkpoint ends
/// with the outputs of an uninterrupted run: metrics.csv, summary.json (apart from times and
/// paths) and best.safetensors.
/// </summary>
public class RunResumeTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-resume-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Evaluations every 10 steps, checkpoints every 10, early stopping on a validation loss that
    /// must improve by 0.002: the best step, the patience count and the best weights matter.
    /// </summary>
    private static ExperimentDefinition Definition() => new()
    {
        Name = "adding-resume",
        Data = new AddingProblemDataset(sequenceLength: 10, train: 160, validation: 40, test: 40, seed: 4),
        Model = new ModelSpec(2, 0, [new RecurrentSpec(CellKind.Gru, 8), new LinearSpec(1)], HeadMode.LastStep),
        Optimizer = new OptimizerSpec("adam", 0.02f),
        Schedule = new ScheduleSpec("cosine", WarmupSteps: 5),
        Training = new TrainerOptions { BatchSize = 16, TrackGradientNorms = true },
        Steps = 200,
        EvaluateEvery = 10,
        CheckpointEvery = 10,
        Selection = new ModelSelection("loss", Maximize: false, Patience: 4, MinDelta: 0.002),
        Metadata = new Dictionary<string, string> { ["script"] = "adding.lua" },
    };

    private string Folder(string name) => Path.Combine(_dir, name);

    private sealed class StopAt(long step) : IRunObserver
    {
        public void OnStep(RunContext c)
        {
            if (c.Step == step) c.Stop("interrupted");
        }

        public void OnEpoch(RunContext c)
        {
        }

        public void OnEvaluation(RunContext c, EvaluationResult validation)
        {
        }

        public void OnFinish(RunContext c, RunSummary summary)
        {
        }
    }

    /// <summary>summary.json without what differs between any two runs: times and the checkpoint's path.</summary>
    private static string Comparable(string folder)
    {
        JsonObject s = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ExperimentRun.SummaryFile)))!.AsObject();
        s.Remove("seconds");
        s.Remove("steps_per_second");
        s.Remove("checkpoint");
        return s.ToJsonString();
    }

    private RunSummary Uninterrupted()
    {
        RunSummary s = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = Folder("straight") }).Run();
        Assert.That(s.Status, Is.EqualTo(RunStatus.StoppedEarly), "the recipe stops early, so patience is exercised");
        Assert.That(s.BestStep, Is.LessThan(s.Steps - 10), "and an earlier step is selected");
        return s;
    }

    private void AssertSameOutputs(string folder)
    {
        string straight = Folder("straight");
        Assert.That(File.ReadAllText(Path.Combine(folder, ExperimentRun.MetricsFile)),
            Is.EqualTo(File.ReadAllText(Path.Combine(straight, ExperimentRun.MetricsFile))), "metrics.csv");
        Assert.That(Comparable(folder), Is.EqualTo(Comparable(straight)), "summary.json");
        Assert.That(File.ReadAllBytes(Path.Combine(folder, ExperimentRun.BestWeightsFile)),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(straight, ExperimentRun.BestWeightsFile))), "best.safetensors");
    }

    [Test]
    public void AStoppedAndResumedRunEndsWithTheOutputsOfAnUninterruptedOne()
    {
        RunSummary straight = Uninterrupted();
        long stopAt = straight.BestStep + 15; // after the best, with patience already counting
        string folder = Folder("resumed");
        RunSummary stopped = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = folder, Observer = new StopAt(stopAt) }).Run();
        Assert.That(stopped.Status, Is.EqualTo(RunStatus.Stopped));
        var resumed = new ExperimentRun(Definition(), new RunSettings
        {
            OutputDirectory = folder, ResumeFrom = Path.Combine(folder, ExperimentRun.CheckpointFile),
        });
        Assert.That(resumed.Trainer.Step, Is.EqualTo(stopAt));
        RunSummary s = resumed.Run();
        Assert.That((s.Status, s.Steps, s.BestStep), Is.EqualTo((straight.Status, straight.Steps, straight.BestStep)));
        Assert.That(s.Test!.Loss, Is.EqualTo(straight.Test!.Loss), "the same selected model is tested");
        AssertSameOutputs(folder);
    }

    [Test]
    public void ARunThatDiedBetweenCheckpointsLeavesMetricsCoveringItsCheckpointAndResumeAppends()
    {
        RunSummary straight = Uninterrupted();
        string folder = Folder("died");
        var dying = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = folder });
        long diesAt = straight.BestStep + 7; // 7 steps past a checkpoint; never finished, never disposed
        for (long i = 0; i < diesAt; i++) dying.StepOnce();
        string metrics = Path.Combine(folder, ExperimentRun.MetricsFile);
        string[] rows = File.ReadAllText(metrics).Split('\n');
        Assert.That(rows[^1], Is.Empty, "the file ends with a whole row");
        long checkpointStep = diesAt - diesAt % 10;
        Assert.That(rows.Skip(1).SkipLast(1).Select(r => long.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)),
            Is.SupersetOf(Enumerable.Range(1, (int)checkpointStep).Select(i => (long)i)), "every row the checkpoint covers is on disk");
        File.AppendAllText(metrics, "999,9,0.1"); // and a torn row, as an older version could leave

        var resumed = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = folder, ResumeFrom = Path.Combine(folder, ExperimentRun.CheckpointFile) });
        Assert.That(resumed.Trainer.Step, Is.EqualTo(checkpointStep), "the last checkpoint");
        RunSummary s = resumed.Run();
        Assert.That((s.Status, s.Steps, s.BestStep), Is.EqualTo((straight.Status, straight.Steps, straight.BestStep)));
        AssertSameOutputs(folder);
    }

    [Test]
    public void ResumingIntoAnotherFolderCarriesTheEarlierRowsOver()
    {
        RunSummary straight = Uninterrupted();
        string first = Folder("first");
        new ExperimentRun(Definition(), new RunSettings { OutputDirectory = first, Observer = new StopAt(straight.BestStep + 5) }).Run();
        string second = Folder("second");
        new ExperimentRun(Definition(), new RunSettings { OutputDirectory = second, ResumeFrom = Path.Combine(first, ExperimentRun.CheckpointFile) }).Run();
        AssertSameOutputs(second);
    }

    [Test]
    public void AFullDiskIsAClearErrorNamingMetricsCsv()
    {
        Assume.That(File.Exists("/dev/full"), "a Linux /dev/full");
        string folder = Folder("full");
        Directory.CreateDirectory(folder);
        string metrics = Path.Combine(folder, ExperimentRun.MetricsFile);
        File.CreateSymbolicLink(metrics, "/dev/full");
        var run = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = folder });
        var e = Assert.Throws<IOException>(() => run.Run());
        Assert.That(e!.Message, Is.EqualTo($"{metrics}: cannot write the metrics: No space left on device"));
    }
}
