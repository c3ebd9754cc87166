using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data.Pairs;

public class PairDatasetTests
{
    private static TextPair P(string s, string t) => new(s, t);

    [Test]
    public void VocabulariesComeFromTheTrainingSplitOnly()
    {
        var d = new PairDataset([P("ab", "xy")], [P("abc", "xz")], [P("q", "y")]);
        Assert.That(d.SourceVocabulary.Tokens.Skip(4), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(d.TargetVocabulary.Tokens.Skip(4), Is.EqualTo(new[] { "x", "y" }));
        Assert.That(d.SourceIds(Split.Validation, 0).ToArray(), Is.EqualTo(new[] { 4, 5, TokenVocabulary.Unk }));
        Assert.That(d.TargetIds(Split.Validation, 0).ToArray(), Is.EqualTo(new[] { 4, TokenVocabulary.Unk }));
        Assert.That(d.SourceTokens(Split.Test, 0), Is.EqualTo(new[] { "<unk>" }));
        Assert.That(d.Count(Split.Train), Is.EqualTo(1));
        Assert.That(d.Pair(Split.Validation, 0), Is.EqualTo(P("abc", "xz")));
        Assert.That(d.MaxSourceLength, Is.EqualTo(3));
        Assert.That(d.MaxTargetSteps, Is.EqualTo(3));
    }

    [Test]
    public void FillPadsTimeMajorWithBosAndEos()
    {
        var d = new PairDataset([P("abc", "x"), P("a", "yxy")], [], []);
        var batch = new PairBatch(4, d.MaxSourceLength, d.MaxTargetSteps);
        d.Fill(Split.Train, [0, 1], batch);
        int a = 4, b = 5, c = 6, x = 4, y = 5, pad = 0, bos = 1, eos = 2;
        Assert.That(batch.Size, Is.EqualTo(2));
        Assert.That(batch.SourceSteps, Is.EqualTo(3));
        Assert.That(batch.TargetSteps, Is.EqualTo(4));
        Assert.That(batch.Source[..6], Is.EqualTo(new[] { a, a, b, pad, c, pad }));
        Assert.That(batch.SourceLengths[..2], Is.EqualTo(new[] { 3, 1 }));
        Assert.That(batch.TargetInput[..8], Is.EqualTo(new[] { bos, bos, x, y, pad, x, pad, y }));
        Assert.That(batch.TargetOutput[..8], Is.EqualTo(new[] { x, y, eos, x, pad, y, pad, eos }));
        Assert.That(batch.TargetLengths[..2], Is.EqualTo(new[] { 2, 4 }));
        Assert.That(batch.Indices[..2], Is.EqualTo(new[] { 0, 1 }));
        Assert.That(d.DecodeTarget(batch.TargetOutput.Where((_, i) => i % 2 == 1).ToArray()), Is.EqualTo("yxy"));
    }

    [Test]
    public void ReversedSourcesAndWordLevel()
    {
        var options = new PairDatasetOptions { Level = TokenLevel.Word, ReverseSource = true };
        var d = new PairDataset([P("the black cat", "le chat noir")], [], [], options);
        Assert.That(d.SourceTokens(Split.Train, 0), Is.EqualTo(new[] { "cat", "black", "the" }));
        Assert.That(d.EncodeSource("the cat"), Is.EqualTo(d.SourceIds(Split.Train, 0).ToArray()[..1].Concat(d.SourceIds(Split.Train, 0).ToArray()[2..])));
        Assert.That(d.DecodeTarget(d.TargetIds(Split.Train, 0)), Is.EqualTo("le chat noir"));
    }

    [Test]
    public void BatchesAreBucketedBySourceLengthAndCoverEverySampleOnce()
    {
        var rng = new RandomSource(7);
        var pairs = Enumerable.Range(0, 40).Select(i => P(new string('a', 1 + rng.NextInt(12)), "x")).ToArray();
        var d = new PairDataset(pairs, [], []);
        var batches = d.Batches(Split.Train, 8, new RandomSource(1));
        Assert.That(batches.SelectMany(b => b).Order(), Is.EqualTo(Enumerable.Range(0, 40)));
        int padded = batches.Sum(b => b.Length * b.Max(i => pairs[i].Source.Length) - b.Sum(i => pairs[i].Source.Length));
        var sorted = pairs.Select(p => p.Source.Length).Order().Chunk(8).Sum(c => c.Length * c.Max() - c.Sum());
        Assert.That(padded, Is.EqualTo(sorted), "each batch holds a run of the length-sorted samples");
        var again = d.Batches(Split.Train, 8, new RandomSource(1));
        Assert.That(again, Is.EqualTo(batches), "seeded");
        Assert.That(d.Batches(Split.Train, 8, new RandomSource(2)), Is.Not.EqualTo(batches));
        Assert.That(d.Batches(Split.Train, 8).SelectMany(b => b).Select(i => pairs[i].Source.Length), Is.Ordered);
    }

    [Test]
    public void BadPairsAreRefusedWithTheirPlace()
    {
        var e = Assert.Throws<ArgumentException>(() => new PairDataset([P("a", "b"), P("", "c")], [], []))!;
        Assert.That(e.Message, Does.StartWith("pair 2 of the Train split has an empty source"));
        var limits = new PairDatasetOptions { MaxTargetLength = 2 };
        e = Assert.Throws<ArgumentException>(() => new PairDataset([P("a", "b")], [], [P("a", "bbb")], limits))!;
        Assert.That(e.Message, Does.StartWith("pair 1 of the Test split has a target of 3 tokens, more than the maximum 2"));
        Assert.Throws<ArgumentException>(() => new PairDataset([], [P("a", "b")], []));
    }

    [Test]
    public void FillRefusesABatchTooSmall()
    {
        var d = new PairDataset([P("abcd", "x")], [], []);
        Assert.Throws<ArgumentException>(() => d.Fill(Split.Train, [0], new PairBatch(1, 3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Fill(Split.Train, [1], new PairBatch(1, 4, 4)));
    }
}
