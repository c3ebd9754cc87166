using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Layers.Seq2Seq;

/// <summary>Training an encoder–decoder: no allocation per step, scheduled sampling, padding, checkpoints, clear refusals.</summary>
public class Seq2SeqModelTests
{
    private static Seq2SeqSpec Additive(float dropout = 0f) =>
        new(9, 8, 6, 5, new RecurrentSpec(CellKind.Gru, 6, Layers: 2, Dropout: dropout, Bidirectional: true), CellKind.Gru, 7, AttentionKind.Additive);

    [TestCase(1f)]
    [TestCase(0.5f)]
    public void ATrainingStepAllocatesNothingAfterWarmUp(float teacherForcing)
    {
        Seq2SeqSpec spec = Additive(dropout: 0.2f);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec);
        var trainer = new Seq2SeqTrainer(model, new Adam(model.Parameters, 1e-2f), new RandomSource(4), TeacherForcingSchedule.Constant(teacherForcing), clipNorm: 1.0);
        Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, 6, 5, 8);
        batch.Set(1, [1, 2, 3], [4, 5], Seq2SeqFixtures.Start, Seq2SeqFixtures.End); // a padded source: the masked path
        for (int i = 0; i < 3; i++) trainer.TrainOn(batch);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) trainer.TrainOn(batch);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 10 training steps");
    }

    [Test]
    public void TrainingLearnsToReverseShortStrings()
    {
        var spec = new Seq2SeqSpec(6, 6, 8, 8, new RecurrentSpec(CellKind.Gru, 16, Bidirectional: true), CellKind.Gru, 16, AttentionKind.Additive);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 1);
        var trainer = new Seq2SeqTrainer(model, new Adam(model.Parameters, 1e-2f), new RandomSource(9));
        var rng = new RandomSource(3);
        var batch = new Seq2SeqBatch();
        batch.Resize(4, 5, 32);
        double first = 0, last = 0;
        for (int step = 0; step < 150; step++)
        {
            for (int b = 0; b < 32; b++)
            {
                int[] source = [.. Enumerable.Range(0, 4).Select(_ => 2 + rng.NextInt(4))];
                batch.Set(b, source, [.. source.Reverse()], Seq2SeqFixtures.Start, Seq2SeqFixtures.End);
            }
            double loss = trainer.TrainOn(batch);
            if (step == 0) first = loss;
            last = loss;
        }
        Assert.That(last, Is.LessThan(first * 0.2), $"loss {first:F3} → {last:F3}");
        Translation t = Seq2SeqDecoder.Greedy(model, [2, 3, 4, 5], 4, 1, new DecodingOptions(Seq2SeqFixtures.Start, Seq2SeqFixtures.End, 8))[0];
        Assert.That(t.Tokens, Is.EqualTo(new[] { 5, 4, 3, 2 }));
        Assert.That(t.Finished, Is.True);
    }

    [Test]
    public void ScheduledSamplingFeedsThePredictionsAtRatioZeroAndTheTruthAtOne()
    {
        Seq2SeqSpec spec = Additive();
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec);
        model.Random = new RandomSource(1);
        Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, 4, 5, 6);
        int v = spec.TargetVocabulary;
        model.TeacherForcingRatio = 0f;
        model.Forward(batch, training: true);
        int[] inputs = model.DecoderInputs.ToArray();
        float[] logits = model.Logits.ToArray();
        for (int t = 0; t < 5; t++)
            for (int b = 0; b < 6; b++)
            {
                int expected = t == 0 ? Seq2SeqFixtures.Start : Enumerable.Range(0, v).MaxBy(k => logits[((t - 1) * 6 + b) * v + k]);
                Assert.That(inputs[t * 6 + b], Is.EqualTo(expected), $"step {t}, sample {b}");
            }
        model.TeacherForcingRatio = 1f;
        model.Forward(batch, training: true);
        Assert.That(model.DecoderInputs.ToArray(), Is.EqualTo(batch.TargetInput.AsSpan(0, 30).ToArray()));
        model.TeacherForcingRatio = 0f;
        model.Forward(batch, training: false);
        Assert.That(model.DecoderInputs.ToArray(), Is.EqualTo(batch.TargetInput.AsSpan(0, 30).ToArray()), "evaluation is always teacher-forced");
    }

    [Test]
    public void TheScheduleMovesTheRatioLinearlyAndTheSeedFixesTheSamples()
    {
        var schedule = new TeacherForcingSchedule(1f, 0.25f, 100);
        Assert.That(schedule.RatioAt(0), Is.EqualTo(1f));
        Assert.That(schedule.RatioAt(50), Is.EqualTo(0.625f).Within(1e-6f));
        Assert.That(schedule.RatioAt(500), Is.EqualTo(0.25f));
        Assert.That(() => new TeacherForcingSchedule(1.5f, 0f, 10).Validate(), Throws.ArgumentException.With.Message.Contains("[0, 1]"));
        ulong Run(ulong seed)
        {
            Seq2SeqSpec spec = Additive();
            Seq2SeqModel model = Seq2SeqFixtures.Model(spec);
            var trainer = new Seq2SeqTrainer(model, new Adam(model.Parameters), new RandomSource(seed), new TeacherForcingSchedule(0.9f, 0.1f, 5));
            Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, 4, 5, 6);
            for (int i = 0; i < 6; i++) trainer.TrainOn(batch);
            Assert.That(model.TeacherForcingRatio, Is.EqualTo(0.1f));
            return model.Parameters.Checksum();
        }
        Assert.That(Run(3), Is.EqualTo(Run(3)));
        Assert.That(Run(3), Is.Not.EqualTo(Run(4)));
    }

    [Test]
    public void PaddedTargetStepsDoNotCount()
    {
        Seq2SeqSpec spec = Additive();
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec);
        var batch = new Seq2SeqBatch();
        batch.Resize(3, 6, 2);
        batch.Set(0, [1, 2, 3], [4, 5], Seq2SeqFixtures.Start, Seq2SeqFixtures.End);
        batch.Set(1, [3, 2, 1], [6, 7, 2, 3, 4], Seq2SeqFixtures.Start, Seq2SeqFixtures.End);
        double loss = model.Forward(batch, training: false);
        // What the first sample's decoder reads after its end token changes nothing.
        for (int t = 3; t < 6; t++) batch.TargetInput[t * 2] = 7;
        Assert.That(model.Forward(batch, training: false), Is.EqualTo(loss));
        Assert.That(batch.TargetOutput[3 * 2], Is.EqualTo(Seq2SeqBatch.Padding));
    }

    [Test]
    public void ABatchOfTokenPairsIsCopiedWithItsPaddingMarked()
    {
        var data = new PairDataset([new("abc", "xy"), new("cab", "yxxy"), new("ab", "x")], [], []);
        var pairs = new PairBatch(3, data.MaxSourceLength, data.MaxTargetSteps);
        data.Fill(Split.Train, [0, 1], pairs);
        var batch = new Seq2SeqBatch();
        batch.CopyFrom(pairs);
        Assert.That((batch.SourceSteps, batch.TargetSteps, batch.Size), Is.EqualTo((3, 5, 2)));
        Assert.That(batch.SourcesFull, Is.True);
        Assert.That(batch.Source.AsSpan(0, 6).ToArray(), Is.EqualTo(pairs.Source.AsSpan(0, 6).ToArray()));
        Assert.That(batch.TargetInput.AsSpan(0, 10).ToArray(), Is.EqualTo(pairs.TargetInput.AsSpan(0, 10).ToArray()));
        int[] expected = [.. pairs.TargetOutput.AsSpan(0, 10).ToArray()];
        foreach (int k in (int[])[6, 8]) expected[k] = Seq2SeqBatch.Padding; // sample 0 ends (EOS) at step 2
        Assert.That(batch.TargetOutput.AsSpan(0, 10).ToArray(), Is.EqualTo(expected));
        data.Fill(Split.Train, [0, 2], pairs);
        batch.CopyFrom(pairs);
        Assert.That(batch.SourcesFull, Is.False);
        Assert.That(batch.SourceLengths.AsSpan(0, 2).ToArray(), Is.EqualTo(new[] { 3, 2 }));
    }

    [Test]
    public void WeightsRoundTripThroughACheckpointUnderTheirPyTorchNames()
    {
        string dir = Directory.CreateTempSubdirectory("rnnplay-s2s-").FullName;
        try
        {
            Seq2SeqSpec spec = Additive();
            Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 5);
            string path = Path.Combine(dir, "model.safetensors");
            Seq2SeqCheckpoint.Save(path, model, new Dictionary<string, string> { ["source_vocabulary"] = "abc" });
            SafeTensorsContents contents = SafeTensorsFile.Read(path);
            Assert.That(contents.Tensors.Keys, Has.Member("encoder.rnn.weight_ih_l1_reverse").And.Member("decoder.cell.weight_hh").And.Member("attention.v.weight").And.Member("decoder.bridge.weight"));
            Assert.That(contents.Tensors.Keys.All(k => k.StartsWith("encoder.") || k.StartsWith("decoder.") || k.StartsWith("attention.")), Is.True);
            Assert.That(Seq2SeqCheckpoint.ReadSpec(path), Is.EqualTo(spec));
            Seq2SeqModel loaded = Seq2SeqFixtures.Model(spec, seed: 99);
            Seq2SeqCheckpoint.Load(path, loaded);
            Assert.That(loaded.Parameters.Checksum(), Is.EqualTo(model.Parameters.Checksum()));
            Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, 4, 5, 3);
            Assert.That(loaded.Forward(batch, false), Is.EqualTo(model.Forward(batch, false)));
            var other = new Seq2SeqModel(spec with { DecoderHidden = 9 });
            var e = Assert.Throws<CheckpointException>(() => Seq2SeqCheckpoint.Load(path, other))!;
            Assert.That(e.Message, Does.Contain("different model"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void SizesThatDoNotFitAreRefusedWithWhatToChange()
    {
        var encoder = new RecurrentSpec(CellKind.Lstm, 64, Bidirectional: true);
        var e = Assert.Throws<ArgumentException>(() => new Seq2SeqModel(new Seq2SeqSpec(10, 10, 8, 8, encoder, CellKind.Gru, 100, Bridge: BridgeKind.None)))!;
        Assert.That(e.Message, Does.Contain("encoder/decoder size mismatch").And.Contain("2 × 64 = 128").And.Contain("100 units"));
        e = Assert.Throws<ArgumentException>(() => new Seq2SeqModel(new Seq2SeqSpec(10, 10, 8, 8, encoder, CellKind.Gru, 100, AttentionKind.Dot)))!;
        Assert.That(e.Message, Does.Contain("attention 'dot'").And.Contain("'general'"));
        e = Assert.Throws<ArgumentException>(() => new Seq2SeqModel(new Seq2SeqSpec(0, 10, 8, 8, encoder, CellKind.Gru, 100)))!;
        Assert.That(e.Message, Does.Contain("source vocabulary must be ≥ 1"));
    }

    [TestCase(CellKind.Gru, AttentionKind.Additive)]
    [TestCase(CellKind.Lstm, AttentionKind.General)]
    [TestCase(CellKind.RnnTanh, AttentionKind.None)]
    public void SourcesOfDifferentLengthsInOneBatchGiveWhatEachGivesAlone(CellKind cell, AttentionKind attention)
    {
        var spec = new Seq2SeqSpec(9, 8, 6, 5, new RecurrentSpec(cell, 6, Layers: 2, Bidirectional: true), cell, 7, attention);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 6);
        int[][] sources = [[1, 2, 3, 4, 5], [6, 7, 8], [2]];
        int[][] targets = [[3, 4], [5, 6, 7], [2]];
        var batch = new Seq2SeqBatch();
        batch.Resize(5, 4, 3);
        for (int b = 0; b < 3; b++) batch.Set(b, sources[b], targets[b], Seq2SeqFixtures.Start, Seq2SeqFixtures.End, sourcePadding: 0);
        model.Forward(batch, training: false);
        float[] together = model.Logits.ToArray();
        int v = spec.TargetVocabulary;
        for (int b = 0; b < 3; b++)
        {
            var alone = new Seq2SeqBatch();
            alone.Resize(sources[b].Length, 4, 1);
            alone.Set(0, sources[b], targets[b], Seq2SeqFixtures.Start, Seq2SeqFixtures.End);
            model.Forward(alone, training: false);
            float[] own = model.Logits.ToArray();
            for (int t = 0; t < 4; t++)
                Assert.That(together.AsSpan((t * 3 + b) * v, v).ToArray(), Is.EqualTo(own.AsSpan(t * v, v).ToArray()).Within(1e-5f), $"sample {b}, step {t}");
        }
    }

    [Test]
    public void TheEncoderLooksItsInputUpInATableOnlyWhenTheSourcesOutnumberTheVocabulary()
    {
        Seq2SeqSpec spec = Additive(); // source vocabulary 9
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 7);
        Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, 6, 5, 8); // 48 source tokens
        model.Forward(batch, training: true);
        Assert.That(model.Encoder.InputProjected, Is.True, "48 tokens over 9 rows: the E·W_ihᵀ table");
        int m = spec.MemoryWidth;
        float[] batched = model.EncodedStates.ToArray();
        const int sample = 3;
        int[] source = [.. Enumerable.Range(0, 6).Select(j => batch.Source[j * 8 + sample])];
        model.BeginDecoding(source, 6, 1, 4, 1);
        Assert.That(model.Encoder.InputProjected, Is.False, "6 tokens: the direct product, no table");
        for (int j = 0; j < 6; j++)
            Assert.That(model.EncodedStates.Slice(j * m, m).ToArray(), Is.EqualTo(batched.AsSpan((j * 8 + sample) * m, m).ToArray()).Within(1e-5f), $"position {j}");
    }
}
