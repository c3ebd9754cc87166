using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

public class LiveWeatherLoopTests
{
    private static (LiveWeatherLoop Loop, ExperimentRun Run) Make(ulong seed = 1, int trainEvery = 6, IReadOnlyList<LayerSpec>? layers = null)
    {
        SimulatedWeather weather = SimulatedWeather.Create(new WeatherClimate(), 3, 400,
            new WindowOptions { Features = WeatherHistory.ColumnNames, SequenceLength = 7, ClassTarget = true, ValueTargets = ["temp_mean"] });
        var run = new ExperimentRun(new ExperimentDefinition
        {
            Name = "live",
            Data = weather.Windows,
            Model = new ModelSpec(9, 0, layers ?? [new RecurrentSpec(CellKind.Lstm, 12), new LinearSpec(3)], HeadMode.LastStep),
            Optimizer = new OptimizerSpec("adam", 3e-3f),
            Training = new TrainerOptions { BatchSize = 16, TrackGradientNorms = true },
            Seed = seed,
        });
        return (new LiveWeatherLoop(run, weather, new LiveOptions { TrainEveryTicks = trainEvery, ReplayDays = 300, RecentDays = 20, RecentHours = 48 }), run);
    }

    [Test]
    public void EachDayIsForecastThenScoredAgainstPersistenceAndTrainingRunsOnSchedule()
    {
        (LiveWeatherLoop loop, _) = Make();
        for (int i = 0; i < 24 * 10; i++) loop.Advance();
        Assert.That(loop.Ticks, Is.EqualTo(240));
        Assert.That(loop.Days, Is.EqualTo(10));
        Assert.That(loop.Scored, Is.EqualTo(10), "the history's last day was forecast too, so every live day is scored");
        Assert.That(loop.TrainingSteps, Is.EqualTo(240 / 6));
        Assert.That(loop.ModelAccuracy, Is.InRange(0.0, 1.0));
        Assert.That(loop.PersistenceAccuracy, Is.InRange(0.0, 1.0));
        Assert.That(loop.Report(), Does.Contain("persistence").And.Contain("10 forecasts scored"));
    }

    [Test]
    public void TheSnapshotHoldsTheWindowTheStreamAndTheTracks()
    {
        (LiveWeatherLoop loop, _) = Make();
        for (int i = 0; i < 24 * 30; i++) loop.Advance();
        Snapshot s = loop.BuildSnapshot(new LiveStatus(4, true, 48, 0));
        Assert.That(s.Sequence, Is.EqualTo(4));
        Assert.That(s.Paused, Is.True);
        NetworkSnapshot n = s.Network!;
        Assert.That(n.CellType, Is.EqualTo(CellType.Lstm));
        Assert.That(n.Steps, Is.EqualTo(7));
        Assert.That(n.Hidden[0], Has.Length.EqualTo(7 * 12));
        Assert.That(n.Gates[0], Has.Length.EqualTo(7 * 48));
        Assert.That(n.GradientNormPerStep, Has.Length.EqualTo(7));
        Assert.That(n.Hidden[0].All(h => h is > -1f and < 1f), "LSTM hidden states are within (−1, 1)");
        WeatherStreamSnapshot w = s.Weather!;
        Assert.That(w.Hours, Has.Length.EqualTo(48));
        Assert.That(w.Hours, Is.Ordered.Ascending);
        Assert.That(w.Observed.Select(o => o.Name), Is.EqualTo(WeatherObservation.Names));
        Assert.That(w.Observed[1].Values.All(h => h is >= 0 and <= 100), "humidity in [0, 100]");
        Assert.That(w.Predictions.Select(p => p.Name), Is.EqualTo(new[] { "rain tomorrow", "temp_mean tomorrow" }));
        PredictionTrack rain = w.Predictions[0];
        Assert.That(rain.Predicted, Has.Length.EqualTo(20));
        Assert.That(rain.Predicted.All(p => p is >= 0 and <= 1), "a probability");
        Assert.That(rain.Actual.All(a => a is 0 or 1));
        Assert.That(s.Training.Confusion.Sum(), Is.EqualTo(30));
        Assert.That(s.Training.LossHistory, Has.Length.EqualTo(loop.TrainingSteps));
    }

    [Test]
    public void TheNetworkSnapshotCarriesTheOutputLinearsWeightsAsTheModelHoldsThem()
    {
        (LiveWeatherLoop loop, ExperimentRun run) = Make();
        for (int i = 0; i < 24 * 5; i++) loop.Advance();
        NetworkSnapshot n = loop.BuildSnapshot(new LiveStatus(1, false, 48, 0)).Network!;
        var head = (Linear)run.Model.Modules[^1];
        Assert.That(n.OutputWeights, Is.EqualTo(head.Weight.Values.ToArray()), "W_y [3 outputs × 12 hidden], row-major");
        Assert.That(n.OutputWeights, Has.Length.EqualTo(n.OutputSize * n.HiddenSizes[^1]));
        Assert.That(n.OutputBias, Is.EqualTo(head.Bias!.Values.ToArray()));

        // A head that is not one Linear on the last recurrent layer's h_t has no W_y to show.
        (LiveWeatherLoop deep, _) = Make(layers: [new RecurrentSpec(CellKind.Lstm, 12), new LinearSpec(5), new LinearSpec(3)]);
        for (int i = 0; i < 24 * 5; i++) deep.Advance();
        NetworkSnapshot d = deep.BuildSnapshot(new LiveStatus(1, false, 48, 0)).Network!;
        Assert.That((d.OutputWeights.Length, d.OutputBias.Length), Is.EqualTo((0, 0)));
    }

    [Test]
    public void TheSameSeedsGiveTheSameRunAndTicksAllocateNothingOnceWarm()
    {
        (LiveWeatherLoop a, ExperimentRun ra) = Make(seed: 2);
        (LiveWeatherLoop b, ExperimentRun rb) = Make(seed: 2);
        for (int i = 0; i < 24 * 6; i++)
        {
            a.Advance();
            b.Advance();
        }
        Assert.That(ra.Model.Parameters.CopyValues(), Is.EqualTo(rb.Model.Parameters.CopyValues()));
        Assert.That(a.ModelValueError, Is.EqualTo(b.ModelValueError));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 24 * 4; i++) a.Advance();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 96 ticks (4 days, 16 training steps)");
    }
}
