using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CharSequenceDatasetTests
{
    [Test]
    public void TargetsAreTheNextCharacterAtEveryStep()
    {
        const string text = "abcdefghijklmnopqrst";   // 20 characters → 16 / 2 / 2 at 0.8 / 0.1
        var vocabulary = CharVocabulary.FromText(text);
        var data = new CharSequenceDataset(text, vocabulary, sequenceLength: 4, trainFraction: 0.8, validationFraction: 0.1);
        Assert.That(data.CharacterSplit, Is.EqualTo(new ChronologicalSplit(16, 2, 2)));
        Assert.That(data.Count(Split.Train), Is.EqualTo(3), "windows of 5 at 0, 4, 8 (12 + 5 > 16)");
        Assert.That(data.Count(Split.Validation), Is.Zero);
        Assert.That(data.Shape.TokenInput && data.Shape.TargetEveryStep);
        Assert.That(data.Shape.VocabularySize, Is.EqualTo(20));
        var batch = new Batch(data.Shape, 2);
        data.Fill(Split.Train, [2, 0], batch);
        // Tokens [T=4, B=2]: sample 2 = "ijkl" → "jklm", sample 0 = "abcd" → "bcde".
        Assert.That(vocabulary.Decode(batch.Tokens.AsSpan(0, 8)), Is.EqualTo("iajbkcld"));
        Assert.That(vocabulary.Decode(batch.Classes.AsSpan(0, 8)), Is.EqualTo("jbkcldme"));
    }

    [Test]
    public void StrideOverlapsWindows()
    {
        const string text = "0123456789";
        var data = new CharSequenceDataset(text, CharVocabulary.FromText(text), 3, stride: 1, trainFraction: 1, validationFraction: 0);
        Assert.That(data.Count(Split.Train), Is.EqualTo(7));
        Assert.That(data.StartOf(Split.Train, 6), Is.EqualTo(6));
        Assert.Throws<ArgumentException>(() => new CharSequenceDataset("abc", CharVocabulary.FromText("abc"), 3));
    }

    [Test]
    public void SonnetsFillWithoutAllocating()
    {
        string text = CharVocabulary.ReadText(DataTestFiles.Repo("scripts/data/sonnets.txt"));
        var data = new CharSequenceDataset(text, CharVocabulary.FromText(text), 32);
        Assert.That(data.Count(Split.Validation), Is.GreaterThan(5));
        DataTestFiles.AssertFillAllocatesNothing(data, 8);
    }
}
