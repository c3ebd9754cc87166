using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class RegressionMetricsTests
{
    [Test]
    public void MaeAndRmseByHandAcrossBatches()
    {
        var m = new RegressionMetrics();
        m.Add([1f, 2f], [2f, 0f]);           // errors 1, -2
        m.Add([float.NaN, 5f], [0f, 8f]);    // no target, error 3
        Assert.That(m.Count, Is.EqualTo(3));
        Assert.That(m.MeanAbsoluteError, Is.EqualTo(2.0));
        Assert.That(m.RootMeanSquaredError, Is.EqualTo(Math.Sqrt(14.0 / 3)).Within(1e-15));
        m.Reset();
        Assert.That(m.MeanAbsoluteError, Is.NaN);
        Assert.Throws<ArgumentException>(() => m.Add([1f], [1f, 2f]));
    }
}
