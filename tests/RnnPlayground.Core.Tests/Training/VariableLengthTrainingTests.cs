using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

/// <summary>
/// Datasets of sequences of different lengths end to end: padded batches, the last-step head on
/// each sequence's own last step, every-step losses that ignore padding, batches bucketed by length.
/// </summary>
public class VariableLengthTrainingTests
{
    /// <summary>Token sequences of lengths 1 … <paramref name="maxSteps"/>; the label says whether token 1 occurs more often than token 2.</summary>
    private static SequenceDataset TokenData(int count, int maxSteps, bool everyStep, ulong seed)
    {
        var rng = new RandomSource(seed);
        var shape = new TaskShape(maxSteps, 0, 4, 2, 0, everyStep, [], ["no", "yes"], [], VariableLength: true);
        int train = count * 7 / 10, validation = count / 10;
        var builder = new SequenceDatasetBuilder(shape, train, validation, count - train - validation);
        foreach (Split split in Enum.GetValues<Split>())
            for (int i = 0; i < builder.Count(split); i++)
            {
                int length = 1 + rng.NextInt(maxSteps);
                var tokens = new int[length];
                var labels = new int[everyStep ? length : 1];
                int balance = 0;
                for (int t = 0; t < length; t++)
                {
                    tokens[t] = rng.NextInt(4);
                    balance += tokens[t] == 1 ? 1 : tokens[t] == 2 ? -1 : 0;
                    if (everyStep) labels[t] = balance > 0 ? 1 : 0;
                }
                if (!everyStep) labels[0] = balance > 0 ? 1 : 0;
                builder.Set(split, i, [], tokens, labels, []);
            }
        return builder.Build(normalize: false);
    }

    private static SequenceModel Model(HeadMode head, ulong seed)
    {
        var model = new SequenceModel(new ModelSpec(0, 4, [new EmbeddingSpec(3), new RecurrentSpec(CellKind.Gru, 6, Bidirectional: true), new LinearSpec(2)], head));
        model.ResetParameters(new RandomSource(seed));
        return model;
    }

    [Test]
    public void TheLastStepHeadReadsEachSequencesOwnLastStep()
    {
        SequenceDataset data = TokenData(40, 9, everyStep: false, seed: 1);
        SequenceModel model = Model(HeadMode.LastStep, 2);
        var batch = new Batch(data.Shape, 6);
        data.Fill(Split.Train, [0, 1, 2, 3, 4, 5], batch);
        Assert.That(batch.Lengths.Take(6).Distinct().Count(), Is.GreaterThan(1), "the batch mixes lengths");
        Assert.That(batch.Steps, Is.EqualTo(batch.Lengths.Take(6).Max()));
        float[] padded = model.Forward(Activations.FromTokens(batch.Tokens, batch.Steps, 6), batch.Lengths.AsSpan(0, 6), false).Span.ToArray();
        var single = new Batch(data.Shape, 1);
        for (int b = 0; b < 6; b++)
        {
            data.Fill(Split.Train, [b], single);
            float[] alone = model.Forward(Activations.FromTokens(single.Tokens, single.Steps, 1), false).Span.ToArray();
            Assert.That(padded.AsSpan(b * 2, 2).ToArray(), Is.EqualTo(alone).Within(1e-5), $"sequence {b} of length {batch.Lengths[b]}");
        }
    }

    [Test]
    public void AnEveryStepLossIgnoresPadding()
    {
        SequenceDataset data = TokenData(40, 9, everyStep: true, seed: 3);
        SequenceModel model = Model(HeadMode.EveryStep, 4);
        var loss = new TaskLoss(data.Shape);
        int[] picks = [0, 1, 2, 3, 4];
        var batch = new Batch(data.Shape, picks.Length);
        data.Fill(Split.Train, picks, batch);
        int steps = batch.Steps, rows = steps * picks.Length;
        Activations output = model.Forward(Activations.FromTokens(batch.Tokens, steps, picks.Length), batch.Lengths.AsSpan(0, picks.Length), false);
        double batchLoss = loss.Compute(output.Span, rows, batch.Classes.AsSpan(0, rows), default, new float[rows * 2]).Total;

        var single = new Batch(data.Shape, 1);
        double sum = 0;
        int validRows = 0;
        foreach (int i in picks)
        {
            data.Fill(Split.Train, [i], single);
            Activations alone = model.Forward(Activations.FromTokens(single.Tokens, single.Steps, 1), false);
            sum += loss.Compute(alone.Span, single.Steps, single.Classes.AsSpan(0, single.Steps), default, new float[single.Steps * 2]).Total * single.Steps;
            validRows += single.Steps;
        }
        Assert.That(batch.Classes.AsSpan(0, rows).ToArray().Count(c => c >= 0), Is.EqualTo(validRows), "padded steps have no target");
        Assert.That(batchLoss, Is.EqualTo(sum / validRows).Within(1e-5), "the batch loss is the mean over real steps only");
    }

    [Test]
    public void BatchesAreBucketedByLengthAndAnEpochSeesEverySampleOnce()
    {
        SequenceDataset data = TokenData(600, 60, everyStep: false, seed: 5);
        var random = new RandomSource(6);
        SequenceModel model = Model(HeadMode.LastStep, 7);
        var trainer = new Trainer(model, data, new Adam(model.Parameters, 0.01f), new TaskLoss(data.Shape), random, new TrainerOptions { BatchSize = 10 });
        long padded = 0, real = 0;
        var seen = new List<int>();
        for (int k = 0; k < trainer.BatchesPerEpoch; k++)
        {
            trainer.TrainStep();
            Batch b = trainer.CurrentBatch;
            for (int s = 0; s < b.Size; s++)
            {
                padded += b.Steps;
                real += b.Lengths[s];
                seen.Add(b.Lengths[s]);
            }
        }
        Assert.That(seen, Has.Count.EqualTo(data.Count(Split.Train)));
        double waste = 1 - (double)real / padded;
        // Random batches of lengths uniform in 1 … 60 would pad about 45 % of their steps.
        Assert.That(waste, Is.LessThan(0.12), $"share of padded steps {waste:P1}");
        Assert.That(() => new Trainer(model, data, new Adam(model.Parameters, 0.01f), new TaskLoss(data.Shape), random, new TrainerOptions { TruncatedBptt = 5 }),
            Throws.ArgumentException.With.Message.Contains("different lengths"));
    }

    [Test]
    public void AVariableLengthTaskIsLearned()
    {
        SequenceDataset data = TokenData(800, 16, everyStep: false, seed: 8);
        var random = new RandomSource(9);
        SequenceModel model = Model(HeadMode.LastStep, 10);
        var loss = new TaskLoss(data.Shape);
        var trainer = new Trainer(model, data, new Adam(model.Parameters, 0.02f), loss, random, new TrainerOptions { BatchSize = 16 });
        for (int i = 0; i < 35 * 6; i++) trainer.TrainStep();
        EvaluationResult result = new Evaluator(model, data, loss).Evaluate(Split.Validation);
        Assert.That(result.Accuracy, Is.GreaterThan(0.85), "validation accuracy on counting tokens over sequences of 1 … 16 steps");
    }
}
