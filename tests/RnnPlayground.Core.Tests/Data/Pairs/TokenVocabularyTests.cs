using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data.Pairs;

public class TokenVocabularyTests
{
    [Test]
    public void ReservedIdsComeFirstThenSortedTokens()
    {
        var v = TokenVocabulary.Build([["b", "a"], ["c", "a"]]);
        Assert.That(v.Tokens, Is.EqualTo(new[] { "<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c" }));
        Assert.That(v.Size, Is.EqualTo(7));
        Assert.That(v.IdOf("a"), Is.EqualTo(4));
        Assert.That(v.IdOf("zebra"), Is.EqualTo(TokenVocabulary.Unk));
        Assert.That(v.Encode(["c", "x", "a"]), Is.EqualTo(new[] { 6, 3, 4 }));
        Assert.That(v.TokenOf(TokenVocabulary.Eos), Is.EqualTo("<eos>"));
        Assert.Throws<ArgumentOutOfRangeException>(() => v.TokenOf(7));
    }

    [Test]
    public void DecodeStopsAtEosAndDropsPaddingAndBos()
    {
        var v = TokenVocabulary.Build([["x", "y"]]);
        int x = v.IdOf("x"), y = v.IdOf("y");
        Assert.That(v.Decode([TokenVocabulary.Bos, x, TokenVocabulary.Unk, y, TokenVocabulary.Eos, x]),
            Is.EqualTo(new[] { "x", "<unk>", "y" }));
        Assert.That(v.Decode([x, TokenVocabulary.Pad, y]), Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public void MinCountTurnsRareTokensUnknownAndTheOrderOfLinesDoesNotMatter()
    {
        var v = TokenVocabulary.Build([["the", "cat"], ["the", "dog"]], minCount: 2);
        Assert.That(v.Tokens.Skip(TokenVocabulary.ReservedCount), Is.EqualTo(new[] { "the" }));
        Assert.That(v.IdOf("cat"), Is.EqualTo(TokenVocabulary.Unk));
        var a = TokenVocabulary.Build([["q", "r"], ["s"]]);
        var b = TokenVocabulary.Build([["s"], ["r", "q"]]);
        Assert.That(a.Tokens, Is.EqualTo(b.Tokens));
    }

    [Test]
    public void SavedTokensRebuildTheSameVocabulary()
    {
        var v = TokenVocabulary.Build([["1", "9", "-"]]);
        var restored = TokenVocabulary.FromTokens(v.Tokens);
        Assert.That(restored.Encode(["9", "-", "1"]), Is.EqualTo(v.Encode(["9", "-", "1"])));
        Assert.Throws<ArgumentException>(() => TokenVocabulary.FromTokens(["a", "b"]));
        Assert.Throws<ArgumentException>(() => TokenVocabulary.FromTokens([.. TokenVocabulary.ReservedTokens, "a", "a"]));
    }

    [Test]
    public void CharAndWordLevels()
    {
        Assert.That(TokenText.Split("ab c", TokenLevel.Char), Is.EqualTo(new[] { "a", "b", " ", "c" }));
        Assert.That(TokenText.Split("  the  cat\tsat ", TokenLevel.Word), Is.EqualTo(new[] { "the", "cat", "sat" }));
        Assert.That(TokenText.Join(["a", "b"], TokenLevel.Char), Is.EqualTo("ab"));
        Assert.That(TokenText.Join(["the", "cat"], TokenLevel.Word), Is.EqualTo("the cat"));
    }
}
