using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Experiments;

public class ExperimentRunTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-run-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static ExperimentDefinition Definition(long? steps = 40, ModelSelection? selection = null) => new()
    {
        Name = "adding-small",
        Data = new AddingProblemDataset(sequenceLength: 10, train: 200, validation: 50, test: 50, seed: 4),
        Model = new ModelSpec(2, 0, [new RecurrentSpec(CellKind.Gru, 8), new LinearSpec(1)], HeadMode.LastStep),
        Optimizer = new OptimizerSpec("adam", 0.01f),
        Schedule = new ScheduleSpec("cosine", WarmupSteps: 5),
        Training = new TrainerOptions { BatchSize = 16 },
        Steps = steps,
        EvaluateEvery = 10,
        Selection = selection ?? ModelSelection.LowestLoss,
        Metadata = new Dictionary<string, string> { ["script"] = "adding.lua" },
    };

    [Test]
    public void ARunWritesMetricsACheckpointAndASummaryWithBaselines()
    {
        RunSummary s = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = _dir }).Run();
        Assert.That(s.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(s.Steps, Is.EqualTo(40));
        string[] lines = File.ReadAllLines(Path.Combine(_dir, ExperimentRun.MetricsFile));
        Assert.That(lines[0], Is.EqualTo(MetricsLog.Header));
        Assert.That(lines, Has.Length.EqualTo(41));
        Assert.That(lines[10].Split(',')[6], Is.Not.Empty, "step 10 has a validation loss");
        Assert.That(lines[9].Split(',')[6], Is.Empty);
        Assert.That(s.Baselines.Select(b => b.Name), Does.Contain("constant"));
        Assert.That(s.Test!.Samples, Is.EqualTo(50));
        string summary = File.ReadAllText(Path.Combine(_dir, ExperimentRun.SummaryFile));
        Assert.That(summary, Does.Contain("\"baselines\"").And.Contain("\"status\": \"completed\""));
        var model = new SequenceModel(Definition().Model);
        IReadOnlyDictionary<string, string> meta = TrainingCheckpoint.LoadWeights(s.CheckpointPath!, model).Metadata;
        Assert.That(meta["script"], Is.EqualTo("adding.lua"));
    }

    [Test]
    public void EarlyStoppingEndsTheRunAndRestoresTheBestParameters()
    {
        // A huge learning rate makes validation worse after the first evaluation.
        ExperimentDefinition d = Definition(steps: 200, new ModelSelection("loss", Maximize: false, Patience: 2)) with
        {
            Optimizer = new OptimizerSpec("sgd", 5f),
            Schedule = null,
        };
        var run = new ExperimentRun(d, new RunSettings { OutputDirectory = _dir });
        RunSummary s = run.Run();
        Assert.That(s.Status, Is.EqualTo(RunStatus.StoppedEarly).Or.EqualTo(RunStatus.Diverged));
        Assert.That(s.Steps, Is.LessThan(200));
        if (s.Status == RunStatus.StoppedEarly)
        {
            Assert.That(s.Message, Does.Contain("no improvement of validation loss in 2 evaluations"));
            Assert.That(s.Validation!.Loss, Is.EqualTo(run.Evaluate(Split.Validation).Loss), "the selected parameters are the ones scored");
            Assert.That(File.Exists(Path.Combine(_dir, ExperimentRun.BestWeightsFile)), Is.EqualTo(s.BestStep != s.Steps));
        }
        else
        {
            Assert.That(s.Message, Does.Contain("at step"));
        }
    }

    private sealed class Callbacks : IRunObserver
    {
        public List<long> Steps { get; } = [];
        public List<float> Rates { get; } = [];
        public int Evaluations { get; private set; }
        public RunSummary? Finished { get; private set; }

        public void OnStep(RunContext c)
        {
            Steps.Add(c.Step);
            Rates.Add(c.LearningRate);
            if (c.Step == 12) c.SetLearningRate(0.5e-3f);
            if (c.Step == 25) c.Stop("enough");
        }

        public void OnEpoch(RunContext c)
        {
        }

        public void OnEvaluation(RunContext c, EvaluationResult validation) => Evaluations++;

        public void OnFinish(RunContext c, RunSummary summary) => Finished = summary;
    }

    [Test]
    public void ObserversSeeEveryStepAndMayChangeTheLearningRateOrStop()
    {
        var cb = new Callbacks();
        RunSummary s = new ExperimentRun(Definition(), new RunSettings { Observer = cb }).Run();
        Assert.That(cb.Steps, Is.EqualTo(Enumerable.Range(1, 25).Select(i => (long)i)));
        Assert.That(cb.Rates[12], Is.EqualTo(0.5e-3f), "the step after the change uses the new rate");
        Assert.That(cb.Rates[3], Is.Not.EqualTo(cb.Rates[8]), "before it the cosine schedule with warm-up moved the rate");
        Assert.That(s.Status, Is.EqualTo(RunStatus.Stopped));
        Assert.That(s.Message, Is.EqualTo("enough at step 25 of 40"));
        Assert.That(cb.Evaluations, Is.EqualTo(2));
        Assert.That(cb.Finished, Is.SameAs(s));
    }

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

    [Test]
    public void ARunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds()
    {
        RunSummary straight = new ExperimentRun(Definition(steps: 30)).Run();
        new ExperimentRun(Definition(steps: 30), new RunSettings { OutputDirectory = _dir, Observer = new StopAt(20) }).Run();
        var resumed = new ExperimentRun(Definition(steps: 30), new RunSettings { ResumeFrom = Path.Combine(_dir, ExperimentRun.CheckpointFile) });
        Assert.That(resumed.Trainer.Step, Is.EqualTo(20));
        RunSummary s = resumed.Run();
        Assert.That(s.Steps, Is.EqualTo(30));
        Assert.That(s.FinalLoss, Is.EqualTo(straight.FinalLoss));
    }

    private static System.Text.Json.JsonElement SummaryJson(string folder) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ExperimentRun.SummaryFile))).RootElement;

    [Test]
    public void AStopNotYetActedOnWhenTheRunIsFinishedLabelsItStoppedAtItsStep()
    {
        // A live window closing between steps: the stop is requested, then the run is finished at once.
        var run = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = _dir });
        for (int i = 0; i < 7; i++) Assert.That(run.StepOnce(), Is.True);
        run.RequestStop("the live session ended");
        RunSummary s = run.Finish();
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Stopped, 7L, "the live session ended at step 7 of 40")));
        Assert.That(s.Succeeded, Is.True, "a stopped run is still scored and kept");
        System.Text.Json.JsonElement json = SummaryJson(_dir);
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("the live session ended at step 7 of 40"));
        Assert.That(json.GetProperty("steps").GetInt64(), Is.EqualTo(7));
    }

    [Test]
    public void FinishingARunShortOfItsStepsWithoutAStopStillSaysItStopped()
    {
        var run = new ExperimentRun(Definition());
        for (int i = 0; i < 3; i++) run.StepOnce();
        RunSummary s = run.Finish();
        Assert.That((s.Status, s.Message), Is.EqualTo((RunStatus.Stopped, "finished before its planned steps at step 3 of 40")));
    }

    [Test]
    public void AStopAtOrAfterTheLastStepLeavesTheRunCompleted()
    {
        RunSummary atLast = new ExperimentRun(Definition(), new RunSettings { Observer = new StopAt(40) }).Run();
        Assert.That((atLast.Status, atLast.Steps, atLast.Message), Is.EqualTo((RunStatus.Completed, 40L, "trained 40 steps")), "stopped during the last step");
        var run = new ExperimentRun(Definition(), new RunSettings { OutputDirectory = _dir });
        while (run.StepOnce())
        {
        }
        run.RequestStop("the live session ended");
        RunSummary after = run.Finish();
        Assert.That((after.Status, after.Steps, after.Message), Is.EqualTo((RunStatus.Completed, 40L, "trained 40 steps")), "the window closed after the last step");
        Assert.That(SummaryJson(_dir).GetProperty("status").GetString(), Is.EqualTo("completed"));
    }

    [Test]
    public void ACancelledRunSaysAtWhichStep()
    {
        using var cancel = new CancellationTokenSource();
        var run = new ExperimentRun(Definition());
        run.StepTrained = () =>
        {
            if (run.Trainer.Step == 9) cancel.Cancel();
        };
        RunSummary s = run.Run(cancel.Token);
        Assert.That((s.Status, s.Steps, s.Message), Is.EqualTo((RunStatus.Cancelled, 9L, "cancelled at step 9 of 40")));
    }
}
