using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data.Pairs;

public class PairFileTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("pairs").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "x.tsv");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void LinesSplitInFileOrder()
    {
        string path = Write("a\tA\r\n\nb\tB\nc\tC\nd\t\ne\tE\n");
        var s = PairFile.Read(path, new PairDatasetOptions(), 0.6, 0.2);
        Assert.That(s.Train, Is.EqualTo(new[] { new TextPair("a", "A"), new TextPair("b", "B"), new TextPair("c", "C") }));
        Assert.That(s.Validation, Is.EqualTo(new[] { new TextPair("d", "") }), "an empty target is allowed");
        Assert.That(s.Test, Is.EqualTo(new[] { new TextPair("e", "E") }));
    }

    [TestCase("a\tA\nbB\n", "x.tsv:2: missing the target column")]
    [TestCase("a\tA\tX\n", "x.tsv:1: 3 columns")]
    [TestCase("a\tA\n\tB\n", "x.tsv:2: column 'source': empty")]
    [TestCase("a\tA\nb\tBBBB\n", "x.tsv:2: column 'target': 4 characters, longer than the maximum 3")]
    [TestCase("\n\n", "x.tsv: no pairs")]
    public void BadLinesNameTheirLine(string text, string message)
    {
        string path = Write(text);
        var e = Assert.Throws<DataFormatException>(() => PairFile.Read(path, new PairDatasetOptions { MaxTargetLength = 3 }))!;
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void WordLevelLimitsCountWords()
    {
        string path = Write("the cat\tle chat noir\n");
        var e = Assert.Throws<DataFormatException>(() => PairFile.Read(path, new PairDatasetOptions { Level = TokenLevel.Word, MaxTargetLength = 2 }))!;
        Assert.That(e.Message, Does.Contain(":1: column 'target': 3 words, longer than the maximum 2"));
    }
}
