using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

/// <summary>The live loop's world changes and scores: logged by simulated time, reproducible bit for bit, and a model that beats persistence.</summary>
public class LiveWorldTests
{
    private static readonly WeatherClimate ShortYears = WeatherClimate.Default with { DaysPerYear = 90 };

    private static LiveWeatherLoop Make(IReadOnlyList<ScheduledWorldChange>? events = null, ulong seed = 1)
    {
        SimulatedWeather weather = SimulatedWeather.Create(ShortYears, 3, 900,
            new WindowOptions { Features = WeatherHistory.ColumnNames, SequenceLength = 7, ClassTarget = true, ValueTargets = ["temp_mean"] });
        var run = new ExperimentRun(new ExperimentDefinition
        {
            Name = "live",
            Data = weather.Windows,
            Model = new ModelSpec(9, 0, [new RecurrentSpec(CellKind.Lstm, 12), new LinearSpec(3)], HeadMode.LastStep),
            Optimizer = new OptimizerSpec("adam", 5e-3f),
            Training = new TrainerOptions { BatchSize = 16 },
            Seed = seed,
        });
        return new LiveWeatherLoop(run, weather, new LiveOptions { TrainEveryTicks = 6, Events = events ?? [], RecentDays = 20, RecentHours = 48 });
    }

    private static void RunDays(LiveWeatherLoop loop, int days)
    {
        for (int i = 0; i < 24 * days; i++) loop.Advance();
    }

    private static readonly ScheduledWorldChange[] Staged =
    [
        new(10, WorldChange.Inject(WeatherEvent.Storm())),
        new(25, WorldChange.SetClimate(new ClimateChange(Storminess: 0.6, MeanTemperature: 14))),
        new(40, WorldChange.Inject(WeatherEvent.DrySpell(days: 5))),
    ];

    [Test]
    public void ScheduledChangesHappenAtTheirDayAndAreLogged()
    {
        LiveWeatherLoop loop = Make(Staged);
        RunDays(loop, 45);
        Assert.That(loop.WorldChanges.Select(c => c.Day), Is.EqualTo(new long[] { 10, 25, 40 }));
        Assert.That(loop.WorldChanges.Select(c => c.Hour), Is.EqualTo(new long[] { 240, 600, 960 }));
        Assert.That(loop.WorldChanges[1].Description, Is.EqualTo("climate: storminess 0.3 → 0.6/day, mean temperature 11 → 14 °C"));
        Assert.That(loop.World.Climate.Storminess, Is.EqualTo(0.6));
        Assert.That(loop.World.InitialClimate.Storminess, Is.EqualTo(0.3));
        Assert.That(loop.Report(), Does.Contain("day 26 (year 1), hour 600: climate: storminess"));
        Snapshot s = loop.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        Assert.That(s.Weather!.Markers.Select(m => m.Hour), Is.EqualTo(new double[] { 240, 600, 960 }));
        Assert.That(s.Weather.Scores.Select(r => r.Period), Is.EqualTo(new[] { "last 30 days", "last 365 days" }));
        Assert.That(s.Training.Metrics, Does.ContainKey("brier_30d").And.ContainKey("climatology_brier_30d").And.ContainKey("accuracy_365d"));
    }

    [Test]
    public void TheSameSeedsAndChangesGiveTheSameScoresBitForBitWhetherScheduledOrRequested()
    {
        LiveWeatherLoop scheduled = Make(Staged);
        LiveWeatherLoop again = Make(Staged);
        LiveWeatherLoop requested = Make();
        requested.DayEnded = () =>
        {
            foreach (ScheduledWorldChange c in Staged)
                if (c.Day == requested.Days) requested.World.Request(c.Change);
        };
        LiveWeatherLoop untouched = Make();
        foreach (LiveWeatherLoop l in new[] { scheduled, again, requested, untouched }) RunDays(l, 130);

        ForecastScores[] Scores(LiveWeatherLoop l) => [.. l.Forecasts.Book.Years, l.Forecasts.Book.Rolling(30), l.Forecasts.Book.Total()];
        Assert.That(Scores(again), Is.EqualTo(Scores(scheduled)), "records compare every double exactly");
        Assert.That(Scores(requested), Is.EqualTo(Scores(scheduled)));
        Assert.That(requested.WorldChanges, Is.EqualTo(scheduled.WorldChanges));
        Assert.That(Scores(untouched), Is.Not.EqualTo(Scores(scheduled)), "the changes changed the world");
    }

    [Test]
    public void OverAShortRunTheModelBeatsPersistenceEveryYear()
    {
        LiveWeatherLoop loop = Make();
        RunDays(loop, 3 * ShortYears.DaysPerYear);
        IReadOnlyList<ForecastScores> years = loop.Forecasts.Book.Years;
        Assert.That(years, Has.Count.EqualTo(3));
        foreach (ForecastScores y in years)
        {
            Assert.That(y.Model.Accuracy, Is.GreaterThan(y.Persistence.Accuracy), y.Period);
            Assert.That(y.Model.Brier, Is.LessThan(y.Climatology.Brier), y.Period);
        }
        foreach (ForecastScores y in years.Skip(1))
            Assert.That(y.Model.MeanAbsoluteError, Is.LessThan(y.Persistence.MeanAbsoluteError), y.Period + ", once the first year has taught it the seasons");
        string report = loop.Report();
        Assert.That(report, Does.Contain("year 1").And.Contain("year 3").And.Contain("last 30 days").And.Contain("Brier"));
    }

    [Test]
    public void TheRecoveryFromAChangeOfClimateIsReportedAndTheCurvesCoverEveryDay()
    {
        LiveWeatherLoop loop = Make(Staged);
        RunDays(loop, 130);
        Assert.That(loop.Recoveries(), Is.Empty, "the change of climate on day 25 has fewer than 90 days before it; storms and dry spells are events");

        LiveWeatherLoop late = Make([new(100, WorldChange.SetClimate(new ClimateChange(Storminess: 0.6)))]);
        RunDays(late, 170);
        RecoveryFigures f = late.Recoveries().Single();
        RollingAccuracyHistory h = late.Forecasts.Book.History;
        Assert.That(f.ChangeDay, Is.EqualTo(100));
        Assert.That(f.Level, Is.EqualTo((h.Model[99] + h.Model[69] + h.Model[39]) / 3).Within(1e-12));
        Assert.That(f.Lowest, Is.EqualTo(h.Model.Slice(100, 60).ToArray().Min()));
        Assert.That(late.Report(), Does.Contain("after the change of day 101: accuracy").And.Contain("over the 90 days before"));
        Assert.That(late.ReportJson()["recoveries"]!.AsArray(), Has.Count.EqualTo(1));

        LiveScoreCurves curves = late.ScoreCurves();
        Assert.That(curves.Model, Has.Length.EqualTo(late.Days));
        Assert.That(curves.Persistence, Has.Length.EqualTo(late.Days));
        Assert.That(curves.Changes.Single().ChangedClimate, Is.True);
        Assert.That(curves.Recoveries.Single(), Is.EqualTo(f));
    }

    [Test]
    public void ABadChangeIsRefusedWhenAsked()
    {
        LiveWeatherLoop loop = Make();
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.World.Request(WorldChange.SetClimate(new ClimateChange(Storminess: 9))));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorldChange.Inject(WeatherEvent.Storm(intensity: -1)));
        RunDays(loop, 1);
        Assert.That(loop.WorldChanges, Is.Empty);
    }
}
