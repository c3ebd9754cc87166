using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>Against sacreBLEU's documented example (README, "Using SacreBLEU from Python") and hand-computed cases.</summary>
public class BleuAndChrFTests
{
    private static readonly string[] Hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    private static readonly string[] FirstReferences = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
    private static readonly string[] SecondReferences = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];

    [Test]
    public void TwoReferenceSetsGiveSacreBleusFigures()
    {
        // sacreBLEU: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
        BleuScore b = Bleu.Corpus(Hypotheses, [FirstReferences, SecondReferences]);
        Assert.That(b.Score, Is.EqualTo(48.53).Within(0.005));
        Assert.That(b.Precisions, Is.EqualTo(new[] { 82.4, 50.0, 45.5, 37.5 }).Within(0.05));
        Assert.That(b.BrevityPenalty, Is.EqualTo(0.943).Within(0.0005));
        Assert.That((b.HypothesisLength, b.ReferenceLength), Is.EqualTo((17L, 18L)));
        // sacreBLEU: chrF2 = 59.73
        Assert.That(ChrF.Corpus(Hypotheses, [FirstReferences, SecondReferences]), Is.EqualTo(59.73).Within(0.005));
    }

    [Test]
    public void OneReferenceSet()
    {
        // sacreBLEU with the first references only: BLEU = 45.07 70.6/42.9/36.4/37.5 (BP = 1.000 … hyp_len = 17 ref_len = 17)
        BleuScore b = Bleu.Corpus(Hypotheses, FirstReferences);
        Assert.That(b.Score, Is.EqualTo(45.07).Within(0.005));
        Assert.That(b.Precisions, Is.EqualTo(new[] { 70.6, 42.9, 36.4, 37.5 }).Within(0.05));
        Assert.That(b.BrevityPenalty, Is.EqualTo(1.0));
    }

    [Test]
    public void HandComputedBleuWithBrevityPenaltyAndSmoothing()
    {
        // "a b c d" against "a b c d e f": every n-gram matches (4/4, 3/3, 2/2, 1/1), BP = exp(1 − 6/4).
        BleuScore b = Bleu.Corpus(["a b c d"], ["a b c d e f"]);
        Assert.That(b.Score, Is.EqualTo(100 * Math.Exp(1 - 1.5)).Within(1e-9));
        // "a b x d" against "a b c d": 1-grams 3/4, 2-grams 1/3, 3-grams 0/2 → 1/(2·2), 4-grams 0/1 → 1/(4·1).
        b = Bleu.Corpus(["a b x d"], ["a b c d"]);
        double expected = 100 * Math.Pow(0.75 * (1.0 / 3) * 0.25 * 0.25, 0.25);
        Assert.That(b.Score, Is.EqualTo(expected).Within(1e-9));
        Assert.That(Bleu.Corpus(["x y z w"], ["a b c d"]).Score, Is.EqualTo(0));
        Assert.That(Bleu.Corpus(["a b"], ["a b"]).Score, Is.LessThan(1e-6), "no 3- or 4-grams at all: BLEU 0, as sacreBLEU");
        Assert.That(Bleu.Corpus(["the cat sat on the mat"], ["the cat sat on the mat"]).Score, Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void TokenizationSplitsPunctuationButNotApostrophesOrNumbers()
    {
        Assert.That(Tokenizer13a.Tokenize("It wasn't 3.5, (really)!"), Is.EqualTo(new[] { "It", "wasn't", "3.5", ",", "(", "really", ")", "!" }));
        Assert.That(Tokenizer13a.Tokenize("1998-03-03 &amp; x"), Is.EqualTo(new[] { "1998", "-", "03", "-", "03", "&", "x" }));
    }

    [Test]
    public void HandComputedChrF()
    {
        Assert.That(ChrF.Corpus(["abc"], ["abc"]), Is.EqualTo(100).Within(1e-9));
        // "ab" vs "abc": n=1 P 2/2 R 2/3; n=2 P 1/1 R 1/2; n=3 only in the reference (skipped).
        double p = 1, r = (2.0 / 3 + 0.5) / 2;
        Assert.That(ChrF.Corpus(["a b"], ["abc"]), Is.EqualTo(100 * 5 * p * r / (4 * p + r)).Within(1e-9), "whitespace is removed");
        Assert.That(ChrF.Corpus(["xyz"], ["abc"]), Is.EqualTo(0));
    }
}
