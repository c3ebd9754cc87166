using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class ChronologicalSplitTests
{
    [TestCase(1447, 0.70, 0.15, 1012, 217, 218)]
    [TestCase(10, 0.7, 0.1, 7, 1, 2)]
    [TestCase(100, 0.7, 0.15, 70, 15, 15)]
    [TestCase(3, 1.0, 0.0, 3, 0, 0)]
    [TestCase(100, 0.29, 0.01, 29, 1, 70)]
    [TestCase(3, 1.0 / 3, 1.0 / 3, 1, 1, 1)]
    public void FloorsTheFractions(int n, double train, double validation, int nTrain, int nValidation, int nTest)
    {
        var split = ChronologicalSplit.FromFractions(n, train, validation);
        Assert.That(split, Is.EqualTo(new ChronologicalSplit(nTrain, nValidation, nTest)));
        Assert.That(split.Offset(Split.Test), Is.EqualTo(nTrain + nValidation));
        Assert.That(split.Count(Split.Validation), Is.EqualTo(nValidation));
    }

    [Test]
    public void RefusesBadFractions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChronologicalSplit.FromFractions(10, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChronologicalSplit.FromFractions(10, 0.8, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChronologicalSplit.FromFractions(10, double.NaN, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChronologicalSplit.FromFractions(-1, 0.5, 0.1));
    }
}
