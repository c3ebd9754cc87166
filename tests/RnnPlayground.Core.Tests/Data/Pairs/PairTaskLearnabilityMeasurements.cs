using System.Diagnostics;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Data.Pairs;

/// <summary>
/// How well the generated pair tasks can be learned in a time budget, straight on the core: the
/// dates task (trained on the training formats, scored greedily on the held-out formats of the test
/// split) with and without attention, and copying strings with and without reversing the source
/// and with attention (Sutskever et al. 2014; Bahdanau et al. 2015). Prints its figures; run it by
/// hand (each case trains for its budget).
/// </summary>
[Explicit("a measurement: trains for minutes and prints its figures")]
public class PairTaskLearnabilityMeasurements
{
    [TestCase(AttentionKind.Additive, 50)]
    [TestCase(AttentionKind.None, 50)]
    public void HeldOutExactMatchAfterABudget(AttentionKind attention, int seconds)
    {
        var splits = DatePairTask.Generate((10000, 500, 1000), seed: 1);
        var data = new PairDataset(splits.Train, splits.Validation, splits.Test);
        var model = Train(data, new RecurrentSpec(CellKind.Gru, 64, Bidirectional: true), attention, seconds, out string run);
        TestContext.Out.WriteLine($"dates, {attention}: {run}; exact match validation (training formats) {Scores(model, data, Split.Validation).Exact:P1}, " +
            $"test (held-out formats) {Scores(model, data, Split.Test).Exact:P1}");
    }

    [TestCase(false, AttentionKind.None, 50)]
    [TestCase(true, AttentionKind.None, 50)]
    [TestCase(false, AttentionKind.Additive, 50)]
    public void CopyingWithAndWithoutReversingTheSource(bool reverseSource, AttentionKind attention, int seconds)
    {
        var splits = StringPairTask.Copy((10000, 500, 1000), seed: 1, minLength: 8, maxLength: 24);
        var data = new PairDataset(splits.Train, splits.Validation, splits.Test, new PairDatasetOptions { ReverseSource = reverseSource });
        var model = Train(data, new RecurrentSpec(CellKind.Lstm, 64), attention, seconds, out string run);
        var (exact, tokens, cer) = Scores(model, data, Split.Test);
        TestContext.Out.WriteLine($"copy 8-24, reverse source {reverseSource}, {attention}: {run}; test exact {exact:P1}, token accuracy {tokens:P1}, CER {cer:0.000}");
    }

    private static Seq2SeqModel Train(PairDataset data, RecurrentSpec encoder, AttentionKind attention, int seconds, out string run)
    {
        var spec = new Seq2SeqSpec(data.SourceVocabulary.Size, data.TargetVocabulary.Size, 32, 32, encoder, encoder.Cell, 64, attention);
        var model = new Seq2SeqModel(spec);
        var random = new RandomSource(1);
        model.ResetParameters(random);
        var trainer = new Seq2SeqTrainer(model, new Adam(model.Parameters, 3e-3f), random, clipNorm: 1.0);
        var pairs = new PairBatch(64, data.MaxSourceLength, data.MaxTargetSteps);
        var batch = new Seq2SeqBatch();
        var clock = Stopwatch.StartNew();
        int epoch = 0;
        double loss = double.NaN;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            epoch++;
            foreach (int[] indices in data.Batches(Split.Train, 64, random))
            {
                if (clock.Elapsed.TotalSeconds >= seconds) break;
                data.Fill(Split.Train, indices, pairs);
                batch.CopyFrom(pairs);
                loss = trainer.TrainOn(batch);
            }
        }
        run = $"{trainer.Step} steps ({epoch} epochs) in {clock.Elapsed.TotalSeconds:0.0} s, loss {loss:0.0000}";
        return model;
    }

    private static (double Exact, double Tokens, double Cer) Scores(Seq2SeqModel model, PairDataset data, Split split)
    {
        var options = new DecodingOptions(TokenVocabulary.Bos, TokenVocabulary.Eos, data.MaxTargetSteps + 2);
        var outputs = new List<string>();
        var targets = new List<string>();
        for (int i = 0; i < data.Count(split); i++)
        {
            int[] source = data.SourceIds(split, i).ToArray();
            Translation t = Seq2SeqDecoder.Greedy(model, source, source.Length, 1, options)[0];
            outputs.Add(data.DecodeTarget(t.Tokens));
            targets.Add(data.Pair(split, i).Target);
        }
        string[][] Chars(List<string> texts) => texts.Select(t => TokenText.Split(t, TokenLevel.Char)).ToArray();
        return (SequenceMetrics.ExactMatch(outputs, targets), SequenceMetrics.TokenAccuracy(Chars(outputs), Chars(targets)),
            SequenceMetrics.CharacterErrorRate(outputs, targets));
    }
}
