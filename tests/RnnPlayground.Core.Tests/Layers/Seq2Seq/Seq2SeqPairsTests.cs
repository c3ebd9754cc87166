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
}
