using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CharVocabularyTests
{
    [Test]
    public void SortedDistinctCharactersAndRoundTrip()
    {
        var v = CharVocabulary.FromText("hello, world\n");
        Assert.That(v.Characters, Is.EqualTo("\n ,dehlorw"));
        Assert.That(v.Size, Is.EqualTo(10));
        Assert.That(v.IdOf('h'), Is.EqualTo(5));
        Assert.That(v.CharOf(5), Is.EqualTo('h'));
        Assert.That(v.IdOf('z'), Is.EqualTo(-1));
        int[] ids = v.Encode("hold");
        Assert.That(ids, Is.EqualTo(new[] { 5, 7, 6, 3 }));
        Assert.That(v.Decode(ids), Is.EqualTo("hold"));
        Assert.Throws<ArgumentOutOfRangeException>(() => v.CharOf(10));
    }

    [Test]
    public void UnknownCharacterPolicies()
    {
        var thrower = CharVocabulary.FromText("ab ");
        var e = Assert.Throws<ArgumentException>(() => thrower.Encode("a?b"))!;
        Assert.That(e.Message, Does.Contain("'?' (U+003F) at position 1"));
        Assert.That(CharVocabulary.FromText("ab ", UnknownCharPolicy.Skip).Encode("a?b"), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(CharVocabulary.FromText("ab ", UnknownCharPolicy.Replace, ' ').Encode("a?b"), Is.EqualTo(new[] { 1, 0, 2 }));
        Assert.Throws<ArgumentException>(() => CharVocabulary.FromText("ab", UnknownCharPolicy.Replace, '?'));
        Assert.Throws<ArgumentException>(() => CharVocabulary.FromText("ab", UnknownCharPolicy.Replace));
    }

    [Test]
    public void SavedCharactersRebuildTheSameVocabulary()
    {
        var v = CharVocabulary.FromText("The quick brown fox.");
        var restored = CharVocabulary.FromCharacters(v.Characters);
        Assert.That(restored.Encode("quick fox"), Is.EqualTo(v.Encode("quick fox")));
        Assert.Throws<ArgumentException>(() => CharVocabulary.FromCharacters("ba"));
        Assert.Throws<ArgumentException>(() => CharVocabulary.FromCharacters("aa"));
    }

    [Test]
    public void TheSonnetsFile()
    {
        var v = CharVocabulary.FromFile(DataTestFiles.Repo("scripts/data/sonnets.txt"));
        Assert.That(v.Size, Is.InRange(50, 70));
        Assert.That(v.Characters.All(c => c < 128), "plain ASCII");
        Assert.That(v.Contains('\n') && v.Contains('\''));
        Assert.Throws<FileNotFoundException>(() => CharVocabulary.FromFile("/nonexistent.txt"));
        Assert.Throws<DataFormatException>(() => CharVocabulary.FromFile(DataTestFiles.WriteTemp("", "empty.txt")));
    }
}
