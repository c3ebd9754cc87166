using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

public class TrainerTests
{
    internal static Trainer MakeTrainer(ArrayDataset data, ModelSpec spec, ulong seed, TrainerOptions? options = null, float lr = 0.01f,
        Func<SequenceModel, Optimizer>? optimizer = null, LearningRateSchedule? schedule = null)
    {
        var random = new RandomSource(seed);
        var model = new SequenceModel(spec);
        model.ResetParameters(random);
        return new Trainer(model, data, optimizer?.Invoke(model) ?? new Adam(model.Parameters, lr), new TaskLoss(data.Shape), random, options, schedule);
    }

    private static ModelSpec LstmSpec(int features, int output, HeadMode head, float dropout = 0f) =>
        new(features, 0, [new RecurrentSpec(CellKind.Lstm, 8, Layers: 2, Dropout: dropout), new LinearSpec(output)], head);

    [Test]
    public void ATrainingStepAllocatesNothingAfterWarmUp()
    {
        var data = ArrayDataset.RandomRegression(64, 10, 3, 2, 1, everyStep: false, seed: 1);
        Trainer trainer = MakeTrainer(data, LstmSpec(3, 3, HeadMode.LastStep, dropout: 0.2f), 1,
            new TrainerOptions { BatchSize = 16, ClipNorm = 1.0 }, schedule: new CosineSchedule(0.01f, 100));
        for (int i = 0; i < 8; i++) trainer.TrainStep();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) trainer.TrainStep();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by 20 training steps");
    }

    [Test]
    public void TruncatedBpttStepsAllocateNothingAfterWarmUpEither()
    {
        var data = ArrayDataset.RandomRegression(32, 12, 2, 0, 1, everyStep: true, seed: 2);
        Trainer trainer = MakeTrainer(data, LstmSpec(2, 1, HeadMode.EveryStep), 2, new TrainerOptions { BatchSize = 8, TruncatedBptt = 5 });
        for (int i = 0; i < 8; i++) trainer.TrainStep();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 8; i++) trainer.TrainStep();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(trainer.Optimizer.StepCount, Is.EqualTo(16 * 3), "one update per chunk of 5 steps (5 + 5 + 2)");
    }

    /// <summary>
    /// Under truncated BPTT the per-step gradient norms cover the whole sequence, each chunk's backward
    /// pass at its own steps: with a target only at the end the gradient reaches the last chunk alone;
    /// with a target at every step every chunk has its own; and they match an untruncated pass's last chunk.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void TruncatedBpttRecordsEachChunksGradientNormsAtItsOwnSteps(bool everyStep)
    {
        var data = ArrayDataset.RandomRegression(8, 12, 2, 0, 1, everyStep, seed: 4);
        var head = everyStep ? HeadMode.EveryStep : HeadMode.LastStep;
        Trainer trainer = MakeTrainer(data, LstmSpec(2, 1, head), 4, new TrainerOptions { BatchSize = 8, TruncatedBptt = 5, TrackGradientNorms = true });
        trainer.TrainStep();
        var norms = new float[12];
        Assert.That(trainer.Model.GradientNormPerStep(norms), Is.True, "a record of the whole 12-step sequence");
        Assert.That(trainer.Model.GradientNormPerStep(new float[5]), Is.False, "not a chunk's");
        Assert.That(norms[10..].All(v => v > 0f), Is.True, "the last chunk (steps 10–11) has its gradient");
        if (everyStep)
        {
            Assert.That(norms.All(v => v > 0f), Is.True, $"every chunk has its own loss: {string.Join(", ", norms)}");
        }
        else
        {
            Assert.That(norms[..10].All(v => v == 0f), Is.True, $"no gradient reaches the earlier chunks: {string.Join(", ", norms)}");
        }

        // The snapshot's forward pass over the whole sequence afterwards leaves the record as it was.
        var copy = (float[])norms.Clone();
        trainer.Model.Forward(new Activations(new float[12 * 2], 12, 1, 2), training: false);
        trainer.Model.GradientNormPerStep(norms);
        Assert.That(norms, Is.EqualTo(copy));
    }

    [Test]
    public void TheSameSeedGivesABitIdenticalRunAndAnotherSeedDoesNot()
    {
        var data = ArrayDataset.RandomRegression(40, 6, 2, 2, 0, everyStep: false, seed: 3);
        float[] Run(ulong seed)
        {
            Trainer t = MakeTrainer(data, LstmSpec(2, 2, HeadMode.LastStep, dropout: 0.3f), seed, new TrainerOptions { BatchSize = 8 });
            for (int i = 0; i < 12; i++) t.TrainStep();
            return t.Model.Parameters.CopyValues();
        }
        Assert.That(Run(5), Is.EqualTo(Run(5)));
        Assert.That(Run(5), Is.Not.EqualTo(Run(6)));
    }

    [Test]
    public void ANonFiniteLossIsReportedWithItsStepAndTheWeightsAreKept()
    {
        var data = ArrayDataset.RandomRegression(8, 4, 2, 0, 1, everyStep: false, seed: 4);
        Trainer trainer = MakeTrainer(data, LstmSpec(2, 1, HeadMode.LastStep), 4, new TrainerOptions { BatchSize = 4, Shuffle = false });
        trainer.TrainStep();
        trainer.TrainStep();
        float[] before = trainer.Model.Parameters.CopyValues();
        var poisoned = ArrayDataset.RandomRegression(8, 4, 2, 0, 1, everyStep: false, seed: 4);
        var t2 = new Trainer(trainer.Model, new PoisonedDataset(poisoned), trainer.Optimizer, trainer.Loss, trainer.Random,
            new TrainerOptions { BatchSize = 4, Shuffle = false });
        t2.TrainStep();
        float[] afterFirst = trainer.Model.Parameters.CopyValues();
        Assert.That(afterFirst, Is.Not.EqualTo(before), "the clean first batch trained");
        var e = Assert.Throws<TrainingDivergedException>(() => t2.TrainStep());
        Assert.That(e!.Step, Is.EqualTo(2));
        Assert.That(e.Message, Does.Contain("loss became NaN at step 2"));
        Assert.That(trainer.Model.Parameters.CopyValues(), Is.EqualTo(afterFirst), "a diverged step changes nothing");
    }

    /// <summary>Sample 5 and later have a NaN input.</summary>
    private sealed class PoisonedDataset(ArrayDataset inner) : ISequenceDataset
    {
        public TaskShape Shape => inner.Shape;

        public int Count(Split split) => inner.Count(split);

        public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch)
        {
            inner.Fill(split, indices, batch);
            for (int i = 0; i < indices.Length; i++)
                if (indices[i] >= 4) batch.Inputs[i * Shape.InputFeatures] = float.NaN;
        }
    }

    [Test]
    public void MismatchedModelAndDataAreRefusedNamingBothShapes()
    {
        var data = ArrayDataset.RandomRegression(8, 4, 3, 2, 0, everyStep: false, seed: 5);
        var e = Assert.Throws<ArgumentException>(() => MakeTrainer(data, LstmSpec(4, 2, HeadMode.LastStep), 1));
        Assert.That(e!.Message, Does.Contain("3 features").And.Contain("takes 4"));
        e = Assert.Throws<ArgumentException>(() => MakeTrainer(data, LstmSpec(3, 5, HeadMode.LastStep), 1));
        Assert.That(e!.Message, Does.Contain("outputs 5").And.Contain("needs 2"));
        e = Assert.Throws<ArgumentException>(() => MakeTrainer(data, LstmSpec(3, 2, HeadMode.EveryStep), 1));
        Assert.That(e!.Message, Does.Contain("every step"));
    }

    [Test]
    public void ClippingByNormReportsTheNormBeforeClipping()
    {
        var data = ArrayDataset.RandomRegression(8, 20, 2, 0, 1, everyStep: false, seed: 6);
        Trainer trainer = MakeTrainer(data, LstmSpec(2, 1, HeadMode.LastStep), 6, new TrainerOptions { BatchSize = 8, ClipNorm = 1e-3 });
        StepResult r = trainer.TrainStep();
        Assert.That(r.GradientNorm, Is.GreaterThan(1e-3));
        Assert.That(r.Clipped, Is.True);
        Assert.That(GradientClipping.GlobalNorm(trainer.Model.Parameters), Is.EqualTo(1e-3).Within(1e-6), "gradients left clipped");
    }

    [Test]
    public void LossFallsOnALearnableTask()
    {
        var data = ArrayDataset.RandomRegression(128, 8, 2, 0, 1, everyStep: false, seed: 7);
        Trainer trainer = MakeTrainer(data, LstmSpec(2, 1, HeadMode.LastStep), 7, new TrainerOptions { BatchSize = 32 }, lr: 0.01f);
        double first = 0, last = 0;
        for (int i = 0; i < 4; i++) first += trainer.TrainStep().Loss.Total;
        for (int i = 0; i < 300; i++) trainer.TrainStep();
        for (int i = 0; i < 4; i++) last += trainer.TrainStep().Loss.Total;
        Assert.That(last, Is.LessThan(first * 0.2), $"loss {first / 4:F4} → {last / 4:F4}");
        Assert.That(trainer.Epoch, Is.EqualTo(308 / 4));
    }
}
