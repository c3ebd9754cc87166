using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Layers.Seq2Seq;

/// <summary>The encoder–decoder on the generated pair tasks: it learns to reverse strings and shows its attention.</summary>
public class Seq2SeqPairsTests
{
    [Test]
    public void AnAttentionModelLearnsToReverseStringsOfMixedLengths()
    {
        PairSplits splits = StringPairTask.Reverse((800, 100, 0), seed: 3, minLength: 3, maxLength: 6);
        var data = new PairDataset(splits.Train, splits.Validation, splits.Test);
        Seq2SeqSpec spec = Seq2SeqPairs.Sized(new Seq2SeqSpec(1, 1, 16, 16, new RecurrentSpec(CellKind.Gru, 32, Bidirectional: true), CellKind.Gru, 32), data);
        var model = new Seq2SeqModel(spec);
        var random = new RandomSource(1);
        model.ResetParameters(random);
        var trainer = new Seq2SeqTrainer(model, new Adam(model.Parameters, 1e-2f), random, clipNorm: 1.0);
        double first = Seq2SeqPairs.TrainEpoch(trainer, data, 32, random), last = first;
        for (int epoch = 1; epoch < 12; epoch++) last = Seq2SeqPairs.TrainEpoch(trainer, data, 32, random);
        Assert.That(last, Is.LessThan(first / 4), $"mean loss of an epoch {first:F3} → {last:F3}");
        int exact = 0;
        AttentionSnapshot? picture = null;
        for (int i = 0; i < data.Count(Split.Validation); i++)
        {
            TextPair pair = data.Pair(Split.Validation, i);
            (string output, AttentionSnapshot attention) = Seq2SeqPairs.Translate(model, data, pair.Source, target: pair.Target);
            if (output == pair.Target) exact++;
            picture ??= attention;
        }
        Assert.That(exact, Is.GreaterThanOrEqualTo(80), "exact matches out of 100 held-out strings");
        Assert.That(picture!.HasAttention, Is.True);
        Assert.That(picture.Columns, Is.EqualTo(picture.Source.Length));
        Assert.That(picture.OutputTokens[^1], Is.EqualTo("<eos>"));
        (string beamOutput, _) = Seq2SeqPairs.Translate(model, data, "abcde", beam: 4, lengthPenalty: 1f);
        Assert.That(beamOutput, Is.EqualTo("edcba"));
    }

    [TestCase(CellKind.Gru, AttentionKind.Additive, BridgeKind.Linear, 2)]
    [TestCase(CellKind.Lstm, AttentionKind.General, BridgeKind.Linear, 1)]
    [TestCase(CellKind.Gru, AttentionKind.None, BridgeKind.None, 1)]
    public void TheSnapshotsUnrolledStatesAreTheModelsOwnForward(CellKind cell, AttentionKind attention, BridgeKind bridge, int layers)
    {
        PairSplits splits = StringPairTask.Reverse((40, 4, 0), seed: 3, minLength: 5, maxLength: 9);
        var data = new PairDataset(splits.Train, splits.Validation, splits.Test);
        int units = 6, hd = bridge == BridgeKind.None ? 2 * units : 7;
        Seq2SeqSpec spec = Seq2SeqPairs.Sized(new Seq2SeqSpec(1, 1, 5, 4, new RecurrentSpec(cell, units, Layers: layers, Bidirectional: true), cell, hd, attention, Bridge: bridge), data);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 17, scale: 2f);
        TextPair pair = data.Pair(Split.Validation, 0);
        (string output, AttentionSnapshot a) = Seq2SeqPairs.Translate(model, data, pair.Source, maxLength: 12, target: pair.Target, step: 40);
        Assert.That(a.Rows, Is.GreaterThan(2), "a few decoder steps to compare");
        Assert.That(a.HasStates && a.EncoderUnits == units && a.EncoderDirections == 2 && a.DecoderUnits == hd);
        int s = a.Columns, m = 2 * units, v = spec.TargetVocabulary;
        Assert.That(a.EncoderStates!.Length, Is.EqualTo(s * m));
        Assert.That(a.DecoderStates!.Length, Is.EqualTo(a.Rows * hd));

        // The encoder run on its own over the embedded source.
        int[] source = data.EncodeSource(pair.Source);
        float[] embedded = new float[s * spec.SourceEmbedding];
        for (int j = 0; j < s; j++) model.SourceEmbedding.Weight.Values.Slice(source[j] * spec.SourceEmbedding, spec.SourceEmbedding).CopyTo(embedded.AsSpan(j * spec.SourceEmbedding));
        float[] encoded = model.Encoder.Forward(new Activations(embedded, s, 1, spec.SourceEmbedding), training: false).Span.ToArray();
        Assert.That(a.EncoderStates, Is.EqualTo(encoded).Within(1e-5f));

        // s_0 from the top layer's final states: forward after the last token, backward after the first.
        float[] final = [.. encoded.AsSpan((s - 1) * m, units), .. encoded.AsSpan(units, units)];
        float[] s0 = final;
        if (bridge == BridgeKind.Linear)
        {
            s0 = new float[hd];
            for (int i = 0; i < hd; i++)
            {
                float sum = model.Bridge!.Bias!.Values[i];
                for (int k = 0; k < m; k++) sum += model.Bridge.Weight.Values[i * m + k] * final[k];
                s0[i] = MathF.Tanh(sum);
            }
        }
        Assert.That(a.DecoderInitialState, Is.EqualTo(s0).Within(1e-5f));

        // The teacher-forced forward along the output: its logits are W_o [s_t ; c_t] + b_o, c_t = Σ_j α_tj h_j,
        // and the greedy decoder took each row's most probable token.
        int[] tokens = [.. data.TargetVocabulary.Encode(a.OutputTokens.Where(t => t != "<eos>").ToList())];
        var batch = new Seq2SeqBatch();
        batch.Resize(s, tokens.Length + 1, 1);
        batch.Set(0, source, tokens, TokenVocabulary.Bos, TokenVocabulary.Eos);
        model.Forward(batch, training: false);
        int width = hd + (attention == AttentionKind.None ? 0 : m);
        for (int t = 0; t < a.Rows; t++)
        {
            float[] row = new float[width];
            for (int i = 0; i < hd; i++) row[i] = a.DecoderStateAt(t, i);
            if (attention != AttentionKind.None)
                for (int j = 0; j < s; j++)
                    for (int k = 0; k < m; k++) row[hd + k] += a.WeightAt(t, j) * a.EncoderStates[j * m + k];
            float[] logits = new float[v];
            model.Output.Project(row, 1, logits);
            Assert.That(logits, Is.EqualTo(model.Logits.Slice(t * v, v).ToArray()).Within(1e-4f), $"logits of output step {t}");
            int best = Array.IndexOf(logits, logits.Max());
            Assert.That(data.TargetVocabulary.TokenOf(best), Is.EqualTo(a.OutputTokens[t]), $"greedy token of step {t}");
        }
        Assert.That(output, Is.EqualTo(a.Output));
        Assert.That(Seq2SeqPairs.Translate(model, data, pair.Source, maxLength: 12, states: false).Attention.HasStates, Is.False);
    }
}
