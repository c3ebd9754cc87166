using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

public class LiveScoreBookTests
{
    private static ScoredDay Day(long day, bool rained, double modelRain, bool modelCorrect, double actual = 10, double model = 11) =>
        new(day, rained, modelCorrect, PersistenceCorrect: !modelCorrect, ClimatologyCorrect: false,
            modelRain, PersistenceRain: rained ? 0 : 1, ClimatologyRain: 0.5, actual, model, PersistenceValue: actual + 2, ClimatologyValue: actual - 3);

    [Test]
    public void AccuracyBrierLogLossAndMaeAreTheMeansOfTheDays()
    {
        var sums = new ForecastScoreSums();
        sums.Add(Day(0, rained: true, modelRain: 0.8, modelCorrect: true));
        sums.Add(Day(1, rained: false, modelRain: 0.4, modelCorrect: true, actual: 5, model: 4));
        ForecastScores s = sums.ToScores("test", classes: true);
        Assert.That(s.Days, Is.EqualTo(2));
        Assert.That(s.Model.Accuracy, Is.EqualTo(1.0));
        Assert.That(s.Persistence.Accuracy, Is.EqualTo(0.0));
        Assert.That(s.Model.Brier, Is.EqualTo((0.2 * 0.2 + 0.4 * 0.4) / 2).Within(1e-12));
        Assert.That(s.Model.LogLoss, Is.EqualTo((-Math.Log(0.8) - Math.Log(0.6)) / 2).Within(1e-12));
        Assert.That(s.Persistence.Brier, Is.EqualTo(1.0), "a hard forecast that is always wrong");
        Assert.That(s.Persistence.LogLoss, Is.EqualTo(-Math.Log(ForecastScoreSums.ProbabilityFloor)).Within(1e-9), "a wrong hard forecast costs −ln(floor)");
        Assert.That(s.Climatology.Brier, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(s.Model.MeanAbsoluteError, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(s.Persistence.MeanAbsoluteError, Is.EqualTo(2.0).Within(1e-12));
        Assert.That(s.Climatology.MeanAbsoluteError, Is.EqualTo(3.0).Within(1e-12));
        Assert.That(sums.ToScores("values only", classes: false).Model.Accuracy, Is.NaN);
    }

    [Test]
    public void YearsCloseEveryDaysPerYearAndRollingSpansSumTheLatestDays()
    {
        var book = new LiveScoreBook(classes: true, daysPerYear: 4, rollingCapacity: 6);
        for (int d = 0; d < 10; d++) book.Add(Day(d, rained: d % 2 == 0, modelRain: 0.5, modelCorrect: d >= 7));
        Assert.That(book.Years.Select(y => y.Period), Is.EqualTo(new[] { "year 1", "year 2" }));
        Assert.That(book.Years.Select(y => y.Days), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(book.Years[0].Model.Accuracy, Is.EqualTo(0.0));
        Assert.That(book.Years[1].Model.Accuracy, Is.EqualTo(0.25), "day 7 of days 4–7");
        Assert.That(book.CurrentYear()!.Days, Is.EqualTo(2));
        Assert.That(book.CurrentYear()!.Model.Accuracy, Is.EqualTo(1.0));
        Assert.That(book.Rolling(3).Model.Accuracy, Is.EqualTo(1.0), "days 7–9");
        Assert.That(book.Rolling(6).Model.Accuracy, Is.EqualTo(0.5), "days 4–9");
        Assert.That(book.Rolling(6).Days, Is.EqualTo(6));
        Assert.That(book.Total().Days, Is.EqualTo(10));
        Assert.That(book.Total().Model.Accuracy, Is.EqualTo(0.3).Within(1e-12));
        Assert.That(book.RollingLogLoss(3), Is.EqualTo(Math.Log(2)).Within(1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Rolling(7));
    }

    [Test]
    public void ClimatologyPoolsNeighbouringDaysOfTheYearAndNeverRulesAClassOut()
    {
        var c = new OnlineClimatology(daysPerYear: 10, classes: 2, halfWindow: 1);
        var p = new float[2];
        Assert.That(c.Forecast(0, p), Is.NaN);
        Assert.That(p, Is.EqualTo(new[] { 0.5f, 0.5f }));
        c.Add(9, label: 1, value: 4);   // a neighbour of day 0 across the year's end
        c.Add(1, label: 1, value: 6);
        c.Add(5, label: 0, value: 100); // too far away
        Assert.That(c.Forecast(0, p), Is.EqualTo(5.0));
        Assert.That(p[1], Is.EqualTo(3f / 4).Within(1e-6), "two rain days and one pseudo-count each");
        Assert.That(p[0], Is.EqualTo(1f / 4).Within(1e-6));
    }
}
