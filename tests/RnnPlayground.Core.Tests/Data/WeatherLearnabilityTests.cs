using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>
/// The default climate's daily task (rain tomorrow, tomorrow's mean temperature, from the last 7 days)
/// must be learnable but not trivial: a linear model beats persistence and the majority class clearly,
/// without coming near perfect.
/// </summary>
public class WeatherLearnabilityTests
{
    private static WindowedDataset Daily(ulong seed, int days = 6000) =>
        new(WeatherHistory.Simulate(WeatherClimate.Default, seed, days), new WindowOptions
        {
            Features = WeatherHistory.ColumnNames,
            SequenceLength = 7,
            ClassTarget = true,
            ValueTargets = ["temp_mean"],
        });

    private static double Baseline(WindowedDataset data, string name, string metric, Split split = Split.Test) =>
        data.Baselines(split).Single(b => b.Name == name && b.Metric == metric).Value;

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void RainTomorrowIsLearnableButNotTrivial(ulong seed)
    {
        var data = Daily(seed);
        var (xTrain, yTrain, _) = LinearModels.Flatten(data, Split.Train);
        var (xTest, yTest, _) = LinearModels.Flatten(data, Split.Test);
        double[] w = LinearModels.FitLogistic(xTrain, yTrain);
        double logistic = LinearModels.LogisticAccuracy(w, xTest, yTest);
        double persistence = Baseline(data, "persistence", "accuracy");
        double majority = Baseline(data, "majority", "accuracy");
        double climatology = Baseline(data, "climatology", "accuracy");
        double rainShare = yTest.Average();
        TestContext.Out.WriteLine($"seed {seed}: rain days {rainShare:P1}; test accuracy logistic {logistic:P1}, persistence {persistence:P1}, majority {majority:P1}, climatology {climatology:P1} (n={yTest.Length})");

        Assert.That(logistic, Is.GreaterThanOrEqualTo(Math.Max(persistence, majority) + 0.05));
        Assert.That(logistic, Is.LessThan(0.92), "the task must not be near-perfectly predictable");
        Assert.That(rainShare, Is.InRange(0.2, 0.6));
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void TomorrowsTemperatureIsLearnable(ulong seed)
    {
        var data = Daily(seed);
        var (xTrain, _, vTrain) = LinearModels.Flatten(data, Split.Train);
        var (xTest, _, vTest) = LinearModels.Flatten(data, Split.Test);
        double[] w = LinearModels.FitRidge(xTrain, vTrain.Select(v => (double)v[0]).ToArray());
        var ridge = new RegressionMetrics();
        for (int i = 0; i < xTest.Length; i++)
            ridge.Add(data.DenormalizeValue(0, vTest[i][0]), data.DenormalizeValue(0, (float)LinearModels.Dot(w, xTest[i])));
        double persistence = Baseline(data, "persistence", "mae");
        double climatology = Baseline(data, "climatology", "mae");
        TestContext.Out.WriteLine($"seed {seed}: temp_mean MAE ridge {ridge.MeanAbsoluteError:F2} °C, persistence {persistence:F2}, climatology {climatology:F2}; RMSE ridge {ridge.RootMeanSquaredError:F2}");

        Assert.That(ridge.MeanAbsoluteError, Is.LessThan(0.9 * Math.Min(persistence, climatology)));
        Assert.That(ridge.MeanAbsoluteError, Is.GreaterThan(0.3), "tomorrow's temperature must not be near-exact");
    }
}
