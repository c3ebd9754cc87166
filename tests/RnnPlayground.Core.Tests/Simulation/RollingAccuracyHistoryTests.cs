using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

public class RollingAccuracyHistoryTests
{
    private static ScoredDay Day(long day, bool model, bool persistence) =>
        new(day, Rained: day % 3 == 0, model, persistence, ClimatologyCorrect: day % 2 == 0, 0.5, 0.5, 0.5, 10, 10, 10, 10);

    [Test]
    public void TheBookKeepsEachDaysRollingAccuracyOfTheLastThirtyDays()
    {
        var book = new LiveScoreBook(classes: true, daysPerYear: 365);
        var rng = new RandomSource(5);
        for (int d = 0; d < 100; d++)
        {
            book.Add(Day(d, rng.NextDouble() < 0.7, rng.NextDouble() < 0.6));
            ForecastScores rolling = book.Rolling(LiveScoreBook.HistorySpanDays);
            Assert.That(book.History.Model[d], Is.EqualTo(rolling.Model.Accuracy).Within(1e-12), $"day {d}");
            Assert.That(book.History.Persistence[d], Is.EqualTo(rolling.Persistence.Accuracy).Within(1e-12), $"day {d}");
            Assert.That(book.History.Climatology[d], Is.EqualTo(rolling.Climatology.Accuracy).Within(1e-12), $"day {d}");
        }
        Assert.That(book.History.Count, Is.EqualTo(100));
    }

    [Test]
    public void RecoveryIsTheLevelBeforeTheDipAfterAndTheFirstDayBackWithinTheTolerance()
    {
        // 120 days right 4 times in 5, then 12 wrong days from the change on, then right again.
        const int change = 120;
        bool Right(int d) => d < change ? d % 5 != 0 : d >= change + 12;
        var book = new LiveScoreBook(classes: true, daysPerYear: 365);
        for (int d = 0; d < 200; d++) book.Add(Day(d, Right(d), true));

        RecoveryFigures f = book.History.RecoveryAfter(change)!;
        double Rolling(int last) => Enumerable.Range(last - 29, 30).Count(Right) / 30.0;
        Assert.That(f.Level, Is.EqualTo(Enumerable.Range(change - 90, 90).Count(Right) / 90.0).Within(1e-12));
        int lowest = Enumerable.Range(change, 60).MinBy(Rolling);
        Assert.That(f.Lowest, Is.EqualTo(Rolling(lowest)).Within(1e-12));
        Assert.That(f.LowestDay, Is.EqualTo(lowest - change + 1));
        int back = Enumerable.Range(lowest, 200 - lowest).First(d => Rolling(d) >= f.Level - 0.02);
        Assert.That(f.RecoveredDay, Is.EqualTo(back - change + 1));
        Assert.That(f.FirstSpanAfter, Is.EqualTo(Rolling(change + 29)).Within(1e-12));
        Assert.That(f.SecondSpanAfter, Is.EqualTo(Rolling(change + 59)).Within(1e-12));
        Assert.That(f.Lowest, Is.LessThan(f.Level - 0.2), "twelve wrong days in thirty is a dip");

        Assert.That(book.History.RecoveryAfter(change, withinDays: back - change), Has.Property(nameof(RecoveryFigures.RecoveredDay)).Null,
            "not back within a day fewer");
        Assert.That(book.History.RecoveryAfter(60), Is.Null, "needs 90 days before the change");
        Assert.That(book.History.RecoveryAfter(200), Is.Null, "needs a day after it");
    }
}
