using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>Builds the <see cref="Snapshot"/> of a <see cref="LiveWeatherLoop"/>: stream, forecasts, rolling scores, world markers, training curves.</summary>
internal static class LiveWeatherSnapshot
{
    /// <summary>Rolling spans the snapshot carries, days.</summary>
    public static readonly int[] RollingDays = [30, 365];

    public static Snapshot Build(LiveWeatherLoop loop, LiveStatus status, ExperimentRun run, TrainingHistory history, NetworkSnapshot? network,
        RecentValues hours, RecentValues[] observed, IReadOnlyList<WorldMarker> markers)
    {
        float[] hourValues = hours.ToArray();
        var hourArray = new double[hourValues.Length];
        for (int i = 0; i < hourArray.Length; i++) hourArray[i] = hourValues[i];
        var series = new SeriesSnapshot[observed.Length];
        for (int i = 0; i < series.Length; i++)
            series[i] = new SeriesSnapshot(Data.WeatherObservation.Names[i], Data.WeatherObservation.Units[i], observed[i].ToArray());
        ForecastScores[] rolling = RollingDays.Select(loop.Forecasts.Book.Rolling).ToArray();
        var weather = new WeatherStreamSnapshot(hourArray, series, loop.Forecasts.Tracks(loop.ValueName), loop.Scored)
        {
            Scores = rolling,
            Markers = markers,
        };

        bool classes = run.Definition.Data.Shape.NumClasses > 0;
        bool values = loop.ValueName is not null;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["days"] = loop.Days,
            ["forecasts"] = loop.Scored,
        };
        if (classes)
        {
            metrics["accuracy"] = loop.ModelAccuracy;
            metrics["persistence_accuracy"] = loop.PersistenceAccuracy;
        }
        if (values)
        {
            metrics["mae"] = loop.ModelValueError;
            metrics["persistence_mae"] = loop.PersistenceValueError;
        }
        foreach (ForecastScores r in rolling)
        {
            string span = r.Period.Replace("last ", "", StringComparison.Ordinal).Replace(" days", "d", StringComparison.Ordinal);
            if (classes)
            {
                metrics[$"accuracy_{span}"] = r.Model.Accuracy;
                metrics[$"brier_{span}"] = r.Model.Brier;
                metrics[$"climatology_brier_{span}"] = r.Climatology.Brier;
            }
            if (values) metrics[$"mae_{span}"] = r.Model.MeanAbsoluteError;
        }
        int classCount = run.Definition.Data.Shape.NumClasses;
        int[] confusion = new int[classCount * classCount];
        if (classCount > 0) loop.Forecasts.Model.CopyConfusion(confusion);
        StepResult last = history.Last;
        float clip = run.Trainer.ClipNorm is { } c ? (float)c : float.NaN;
        string message = SimulatedClock.Describe(loop.Ticks, loop.Climate);
        return new Snapshot(status.Sequence, loop.Name, loop.TrainingSteps, run.Trainer.Epoch, last.Loss.Total, run.Trainer.Optimizer.LearningRate,
            last.GradientNorm, status.StepsPerSecond, status.Paused, status.TicksPerSecond, network, weather,
            history.ToSnapshot(run.Definition.Data.Shape.ClassNames, confusion, metrics, clip), message, MeasuredTicksPerSecond: status.MeasuredTicksPerSecond);
    }
}
