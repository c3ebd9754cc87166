using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Tests.Data;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Experiments;

/// <summary>
/// The weather-eval protocol on the real Seattle data (wet or dry tomorrow from the last 14 days of
/// precipitation, temp_max, temp_min and wind; chronological 1012/217/218 split; the epoch with the
/// best validation accuracy is scored on test): a small LSTM trained here beats persistence.
/// </summary>
public class SeattleRecipeTests
{
    /// <summary>The copy of scripts/data/seattle-weather.csv in the test output.</summary>
    private static string Csv => Path.Combine(AppContext.BaseDirectory, "Data", "seattle-weather.csv");

    private static ExperimentDefinition SmallLstm(int epochs, ulong seed) => new()
    {
        Name = "seattle-small-lstm",
        Data = new WindowedDataset(CsvTimeSeries.Load(Csv, DataTestFiles.SeattleOptions), new WindowOptions
        {
            Features = DataTestFiles.SeattleFeatures,
            SequenceLength = 14,
            ClassTarget = true,
            TrainFraction = 0.70,
            ValidationFraction = 0.15,
        }),
        Model = new ModelSpec(4, 0, [new RecurrentSpec(CellKind.Lstm, 16), new LinearSpec(2)], HeadMode.LastStep),
        Optimizer = new OptimizerSpec("adam", 3e-3f),
        Training = new TrainerOptions { BatchSize = 32 },
        Epochs = epochs,
        Selection = new ModelSelection("accuracy", Maximize: true),
        Seed = seed,
    };

    [Test]
    public void ASmallLstmBeatsPersistenceOnTheTestSplit()
    {
        ExperimentDefinition definition = SmallLstm(epochs: 10, seed: 1);
        var epochs = new ValidationLog();
        RunSummary s = new ExperimentRun(definition, new RunSettings { Observer = epochs }).Run();
        double Baseline(string name) => s.Baselines.Single(b => b.Name == name && b.Metric == "accuracy").Value;
        double model = s.Test!.Accuracy, persistence = Baseline("persistence"), majority = Baseline("majority");
        TestContext.Out.WriteLine($"test accuracy on {s.Test.Samples} days: LSTM(16) {model:P1} (validation {s.Validation!.Accuracy:P1}, best step {s.BestStep} of {s.Steps}), " +
            $"persistence {persistence:P1}, majority {majority:P1}; {s.Seconds:F1} s");

        Assert.That(s.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(new[] { definition.Data.Count(Split.Train), definition.Data.Count(Split.Validation), s.Test.Samples }, Is.EqualTo(new[] { 1012, 217, 218 }));
        Assert.That(persistence, Is.EqualTo(154.0 / 218), "70.6 %, as the libtorch peer prints");
        Assert.That(majority, Is.EqualTo(87.0 / 218), "39.9 %");
        Assert.That(model, Is.GreaterThan(persistence), "the LSTM learns more than 'tomorrow is like today'");
        double best = epochs.Accuracies.Max();
        Assert.That(epochs.Accuracies, Has.Count.EqualTo(10), "one validation per epoch");
        Assert.That(s.BestStep, Is.EqualTo(epochs.Steps[epochs.Accuracies.IndexOf(best)]), "the first epoch with the best validation accuracy");
        Assert.That(s.Validation.Accuracy, Is.EqualTo(best), "its parameters were restored before the test");
    }

    [Test]
    public void TheSameSeedRepeatsTheRunExactly()
    {
        var first = new ExperimentRun(SmallLstm(epochs: 2, seed: 7));
        var second = new ExperimentRun(SmallLstm(epochs: 2, seed: 7));
        RunSummary a = first.Run(), b = second.Run();
        Assert.That(b.Test!.Accuracy, Is.EqualTo(a.Test!.Accuracy));
        Assert.That(b.BestStep, Is.EqualTo(a.BestStep));
        Assert.That(second.Model.Parameters.CopyValues(), Is.EqualTo(first.Model.Parameters.CopyValues()), "bit for bit");
        var other = new ExperimentRun(SmallLstm(epochs: 2, seed: 8));
        other.Run();
        Assert.That(other.Model.Parameters.CopyValues(), Is.Not.EqualTo(first.Model.Parameters.CopyValues()), "another seed trains another model");
    }

    /// <summary>Records the step and accuracy of every validation.</summary>
    private sealed class ValidationLog : IRunObserver
    {
        public List<long> Steps { get; } = [];

        public List<double> Accuracies { get; } = [];

        public void OnStep(RunContext context)
        {
        }

        public void OnEpoch(RunContext context)
        {
        }

        public void OnEvaluation(RunContext context, EvaluationResult validation)
        {
            Steps.Add(context.Step);
            Accuracies.Add(validation.Accuracy);
        }

        public void OnFinish(RunContext context, RunSummary summary)
        {
        }
    }
}
