using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;

namespace RnnPlayground.Core.Tests.Layers.Seq2Seq;

/// <summary>Beam search against exhaustive search on a tiny vocabulary; greedy against beam width 1; the attention rows.</summary>
public class Seq2SeqDecodingTests
{
    private const int Vocabulary = 4, MaxLength = 3;

    private static Seq2SeqSpec Spec(CellKind cell, AttentionKind attention) =>
        new(5, Vocabulary, 4, 3, new RecurrentSpec(cell, 4, Bidirectional: true), cell, 5, attention, 4);

    /// <summary>Every output of at most <see cref="MaxLength"/> steps: ended by the end token, or <see cref="MaxLength"/> tokens without it.</summary>
    private static IEnumerable<(int[] Tokens, bool Finished)> AllOutputs()
    {
        int[] others = [.. Enumerable.Range(0, Vocabulary).Where(t => t != Seq2SeqFixtures.End)];
        IEnumerable<int[]> prefixes = [[]];
        for (int length = 0; length <= MaxLength; length++)
        {
            foreach (int[] p in prefixes)
            {
                if (length < MaxLength) yield return (p, true);
                else yield return (p, false);
            }
            prefixes = [.. prefixes.SelectMany(p => others.Select(o => (int[])[.. p, o]))];
        }
    }

    [TestCase(CellKind.Gru, AttentionKind.Additive, 0f)]
    [TestCase(CellKind.Gru, AttentionKind.Additive, 1f)]
    [TestCase(CellKind.Lstm, AttentionKind.General, 0f)]
    [TestCase(CellKind.Lstm, AttentionKind.None, 0.7f)]
    [TestCase(CellKind.RnnTanh, AttentionKind.Additive, 1f)]
    public void AWideEnoughBeamFindsTheExhaustiveSearchsBest(CellKind cell, AttentionKind attention, float lengthPenalty)
    {
        Seq2SeqModel model = Seq2SeqFixtures.Model(Spec(cell, attention), seed: 21, scale: 2.5f);
        var options = new DecodingOptions(Seq2SeqFixtures.Start, Seq2SeqFixtures.End, MaxLength, BeamWidth: 27, LengthPenalty: lengthPenalty);
        foreach (int[] source in (int[][])[[1, 2, 3], [4, 0, 0, 2], [3]])
        {
            var scored = AllOutputs().Select(o =>
            {
                int[] emitted = o.Finished ? [.. o.Tokens, Seq2SeqFixtures.End] : o.Tokens;
                double logp = Seq2SeqDecoder.LogProbability(model, source, emitted, Seq2SeqFixtures.Start);
                return (o.Tokens, o.Finished, LogP: logp, Score: options.Normalized(logp, emitted.Length));
            }).ToList();
            Assert.That(scored, Has.Count.EqualTo(1 + 3 + 9 + 27));
            Assert.That(scored.Sum(x => Math.Exp(x.LogP)), Is.EqualTo(1.0).Within(1e-4), "the outputs' probabilities sum to 1");
            var best = scored.MaxBy(x => x.Score);
            Translation beam = Seq2SeqDecoder.Beam(model, source, options);
            Assert.That(beam.Tokens, Is.EqualTo(best.Tokens), $"source {string.Join(",", source)}");
            Assert.That(beam.Finished, Is.EqualTo(best.Finished));
            Assert.That(beam.LogProbability, Is.EqualTo(best.LogP).Within(1e-4));
            Assert.That(beam.Score, Is.EqualTo(best.Score).Within(1e-4));
        }
    }

    [TestCase(CellKind.Gru, AttentionKind.Dot)]
    [TestCase(CellKind.Lstm, AttentionKind.Additive)]
    public void BeamWidthOneIsGreedyAndGreedyDecodesSourcesSideBySide(CellKind cell, AttentionKind attention)
    {
        var spec = new Seq2SeqSpec(5, 6, 4, 3, new RecurrentSpec(cell, 4, Bidirectional: true), cell, 8, attention);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 8, scale: 2f);
        int[][] sources = [[1, 2, 3, 4], [0, 0, 1, 1], [4, 3, 2, 1]];
        var options = new DecodingOptions(Seq2SeqFixtures.Start, Seq2SeqFixtures.End, 7);
        int[] timeMajor = new int[4 * 3];
        for (int b = 0; b < 3; b++)
            for (int j = 0; j < 4; j++) timeMajor[j * 3 + b] = sources[b][j];
        Translation[] greedy = Seq2SeqDecoder.Greedy(model, timeMajor, 4, 3, options);
        for (int b = 0; b < 3; b++)
        {
            Translation alone = Seq2SeqDecoder.Greedy(model, sources[b], 4, 1, options)[0];
            Translation beam = Seq2SeqDecoder.Beam(model, sources[b], options);
            Assert.That(greedy[b].Tokens, Is.EqualTo(alone.Tokens));
            Assert.That(greedy[b].Attention, Is.EqualTo(alone.Attention).Within(1e-5f));
            Assert.That(beam.Tokens, Is.EqualTo(alone.Tokens));
            Assert.That(beam.LogProbability, Is.EqualTo(alone.LogProbability).Within(1e-4));
            Assert.That(alone.Attention, Has.Length.EqualTo(alone.Steps * 4));
            for (int i = 0; i < alone.Steps; i++)
                Assert.That(Enumerable.Range(0, 4).Sum(j => alone.AttentionAt(i, j)), Is.EqualTo(1f).Within(1e-5f), "each row of α sums to 1");
            double logp = Seq2SeqDecoder.LogProbability(model, sources[b], alone.Finished ? [.. alone.Tokens, Seq2SeqFixtures.End] : alone.Tokens, Seq2SeqFixtures.Start);
            Assert.That(alone.LogProbability, Is.EqualTo(logp).Within(1e-4));
        }
    }

    [Test]
    public void TheSearchesStopAtTheMaximumLength()
    {
        var spec = new Seq2SeqSpec(5, 6, 4, 3, new RecurrentSpec(CellKind.Gru, 4), CellKind.Gru, 4);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 2);
        // An end token the model all but never picks: the output stops at the maximum length, unfinished.
        Span<float> bias = model.Output.Bias!.Values;
        bias[Seq2SeqFixtures.End] = -50f;
        var options = new DecodingOptions(Seq2SeqFixtures.Start, Seq2SeqFixtures.End, 5, BeamWidth: 3);
        Translation beam = Seq2SeqDecoder.Beam(model, [1, 2], options);
        Translation greedy = Seq2SeqDecoder.Greedy(model, [1, 2], 2, 1, options with { BeamWidth = 1 })[0];
        Assert.That(beam.Tokens, Has.Length.EqualTo(5));
        Assert.That(beam.Finished, Is.False);
        Assert.That(greedy.Tokens, Has.Length.EqualTo(5));
        Assert.That(greedy.Finished, Is.False);
    }

    [Test]
    public void BadOptionsAreRefusedWithTheirName()
    {
        var spec = new Seq2SeqSpec(5, 6, 4, 3, new RecurrentSpec(CellKind.Gru, 4), CellKind.Gru, 4);
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec);
        Assert.That(Assert.Throws<ArgumentException>(() => Seq2SeqDecoder.Beam(model, [1], new DecodingOptions(0, 1, 5, BeamWidth: 0)))!.Message, Does.Contain("beam width"));
        Assert.That(Assert.Throws<ArgumentException>(() => Seq2SeqDecoder.Beam(model, [1], new DecodingOptions(0, 9, 5)))!.Message, Does.Contain("end token 9"));
        Assert.That(Assert.Throws<ArgumentException>(() => Seq2SeqDecoder.Beam(model, [7], new DecodingOptions(0, 1, 5)))!.Message, Does.Contain("source token 7"));
    }
}
