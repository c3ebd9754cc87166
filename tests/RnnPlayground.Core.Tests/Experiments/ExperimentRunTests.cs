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
        Assert.That(s.Message, Is.EqualTo("enough"));
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
}
