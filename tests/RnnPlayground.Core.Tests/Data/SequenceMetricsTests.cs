using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class SequenceMetricsTests
{
    [Test]
    public void ExactMatchCountsWholeSequences()
    {
        Assert.That(SequenceMetrics.ExactMatch(["1998-03-03", "2001-01-02", "x"], ["1998-03-03", "2001-01-01", "x"]), Is.EqualTo(2.0 / 3));
        Assert.That(SequenceMetrics.ExactMatch([], []), Is.NaN);
        Assert.Throws<ArgumentException>(() => SequenceMetrics.ExactMatch(["a"], []));
    }

    [Test]
    public void TokenAccuracyIsPositionalAndCountsMissingAndExtraTokensAsWrong()
    {
        // "abc" vs "abd": 2 of 3; "ab" vs "abcd": 2 of 4 (two missing); "xyz" vs "x": 1 of 3 (two extra).
        string[][] outputs = [["a", "b", "c"], ["a", "b"], ["x", "y", "z"]];
        string[][] targets = [["a", "b", "d"], ["a", "b", "c", "d"], ["x"]];
        Assert.That(SequenceMetrics.TokenAccuracy(outputs, targets), Is.EqualTo(5.0 / 10));
    }

    [Test]
    public void EditDistanceOfKnownPairs()
    {
        Assert.That(SequenceMetrics.EditDistance("kitten".AsSpan(), "sitting".AsSpan()), Is.EqualTo(3));
        Assert.That(SequenceMetrics.EditDistance("flaw".AsSpan(), "lawn".AsSpan()), Is.EqualTo(2));
        Assert.That(SequenceMetrics.EditDistance("".AsSpan(), "abc".AsSpan()), Is.EqualTo(3));
        Assert.That(SequenceMetrics.EditDistance("same".AsSpan(), "same".AsSpan()), Is.EqualTo(0));
        Assert.That(SequenceMetrics.EditDistance<int>([1, 2, 3], [3, 2, 1]), Is.EqualTo(2));
    }

    [Test]
    public void CharacterErrorRatePoolsEditsOverTargetCharacters()
    {
        // 3 edits over 7 target characters, then 1 over 4.
        Assert.That(SequenceMetrics.CharacterErrorRate(["kitten", "abcd"], ["sitting", "abce"]), Is.EqualTo(4.0 / 11).Within(1e-12));
        Assert.That(SequenceMetrics.CharacterErrorRate(["toolong"], ["to"]), Is.EqualTo(2.5));
        Assert.That(SequenceMetrics.CharacterErrorRate([""], [""]), Is.NaN);
    }
}
