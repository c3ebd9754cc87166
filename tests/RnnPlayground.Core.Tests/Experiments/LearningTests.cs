using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Experiments;

/// <summary>Small seeded runs that show the layers learn what they should (and a vanilla RNN does not).</summary>
public class LearningTests
{
    private static RunSummary Train(ISequenceDataset data, ModelSpec model, long steps, float lr, int batch = 32, double? clip = 1.0, ulong seed = 1) =>
        new ExperimentRun(new ExperimentDefinition
        {
            Name = "learning",
            Data = data,
            Model = model,
            Optimizer = new OptimizerSpec("adam", lr),
            Training = new TrainerOptions { BatchSize = batch, ClipNorm = clip },
            Steps = steps,
            EvaluateEvery = steps,
            Seed = seed,
        }).Run();

    [Test]
    public void AnLstmSolvesTheAddingProblemOfLength50WhereAVanillaRnnOfTheSameSizeFails()
    {
        var data = new AddingProblemDataset(sequenceLength: 50, train: 1000, validation: 200, test: 200, seed: 3);
        RunSummary lstm = Train(data, new ModelSpec(2, 0, [new RecurrentSpec(CellKind.Lstm, 24), new LinearSpec(1)], HeadMode.LastStep), 1500, 0.01f);
        RunSummary rnn = Train(data, new ModelSpec(2, 0, [new RecurrentSpec(CellKind.RnnTanh, 24), new LinearSpec(1)], HeadMode.LastStep), 1500, 0.01f);
        double constantMse = Math.Pow(data.Baselines(Split.Test).Single(b => b.Metric == "rmse").Value, 2);
        double lstmMse = lstm.Test!["loss"], rnnMse = rnn.Test!["loss"];
        TestContext.Out.WriteLine($"test MSE: LSTM {lstmMse:F4}, vanilla RNN {rnnMse:F4}, predicting the mean {constantMse:F4}");
        Assert.That(lstmMse, Is.LessThan(0.01), "the LSTM solves it (predicting the mean scores ~0.17)");
        Assert.That(rnnMse, Is.GreaterThan(0.5 * constantMse), "the vanilla RNN stays near the mean predictor");
        Assert.That(rnnMse, Is.GreaterThan(10 * lstmMse));
    }

    [Test]
    public void AGruFitsANoisySineMixture()
    {
        // Observation noise σ = 0.05: no predictor can reach an MSE below σ² = 0.0025.
        var data = new SineMixtureDataset(sequenceLength: 30, components: 2, train: 600, validation: 100, test: 100, seed: 5, noise: 0.05);
        RunSummary gru = Train(data, new ModelSpec(1, 0, [new RecurrentSpec(CellKind.Gru, 24), new LinearSpec(1)], HeadMode.LastStep), 1500, 0.01f);
        double persistence = data.Baselines(Split.Test).First(b => b.Name == "persistence" && b.Metric == "rmse").Value;
        double mse = gru.Test!["loss"];
        TestContext.Out.WriteLine($"test MSE: GRU {mse:F4} (noise floor 0.0025), persistence {persistence * persistence:F4}");
        Assert.That(mse, Is.LessThan(0.010), "the stated MSE: under 0.010, where persistence scores 0.025");
        Assert.That(mse, Is.GreaterThan(0.0015), "but not below what the noise allows (the test would be wrong)");
        Assert.That(mse, Is.LessThan(0.5 * persistence * persistence), "under half of persistence's MSE");
    }

    [Test]
    public void ACharLstmMemorizesAShortTextAndSamplesItBack()
    {
        const string text = "the quick brown fox jumps over the lazy dog. ";
        var vocab = CharVocabulary.FromText(text);
        string repeated = string.Concat(Enumerable.Repeat(text, 6));
        var data = new CharSequenceDataset(repeated, vocab, sequenceLength: 20, stride: 1);
        var definition = new ExperimentDefinition
        {
            Name = "memorize",
            Data = data,
            Model = new ModelSpec(0, vocab.Size, [new EmbeddingSpec(16), new RecurrentSpec(CellKind.Lstm, 64), new LinearSpec(vocab.Size)], HeadMode.EveryStep),
            Optimizer = new OptimizerSpec("adam", 0.01f),
            Training = new TrainerOptions { BatchSize = 32 },
            Steps = 300,
            Seed = 2,
        };
        var run = new ExperimentRun(definition);
        RunSummary summary = run.Run();
        Assert.That(summary.FinalLoss, Is.LessThan(0.1), "per-character cross-entropy");
        var session = new StreamingSession(run.Model);
        ReadOnlySpan<float> logits = default;
        foreach (char ch in "the quick") logits = session.Step(vocab.Encode(ch.ToString())[0]);
        var sampled = new System.Text.StringBuilder();
        var random = new RandomSource(1);
        for (int i = 0; i < 30; i++)
        {
            int id = CharSampler.Sample(logits, 0.1, random);
            sampled.Append(vocab.Decode([id]));
            logits = session.Step(id);
        }
        Assert.That(sampled.ToString(), Is.EqualTo(" brown fox jumps over the lazy"));
    }
}
