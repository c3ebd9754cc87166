using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>Builds the <see cref="Snapshot"/> of a <see cref="LiveStreamLoop"/>: its series, forecasts, rolling scores, notes, training curves.</summary>
internal static class LiveStreamSnapshot
{
    /// <summary>Rolling spans the snapshot carries, steps.</summary>
    public static readonly int[] RollingSteps = [30, 365];

    public static Snapshot Build(LiveStreamLoop loop, LiveStatus status, ExperimentRun run, TrainingHistory history, NetworkSnapshot? network,
        RecentValues ticks, RecentValues[] observed)
    {
        float[] tickValues = ticks.ToArray();
        var tickArray = new double[tickValues.Length];
        for (int i = 0; i < tickArray.Length; i++) tickArray[i] = tickValues[i];
        var series = new SeriesSnapshot[observed.Length];
        for (int i = 0; i < series.Length; i++) series[i] = new SeriesSnapshot(loop.Series[i].Name, loop.Series[i].Unit, observed[i].ToArray());
        ForecastScores[] rolling = RollingSteps.Select(loop.Forecasts.Book.Rolling).ToArray();
        var stream = new WeatherStreamSnapshot(tickArray, series, loop.Forecasts.Tracks(loop.ValueName), loop.Scored)
        {
            Scores = rolling,
            Markers = loop.Notes.Select(n => new WorldMarker(n.Hour, n.Description)).ToArray(),
            Title = "WORLD STREAM",
            TickName = "ticks",
            StepName = "step",
        };
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["steps"] = loop.Steps,
            ["forecasts"] = loop.Scored,
        };
        ForecastScores all = loop.Forecasts.Book.Total();
        if (loop.HasClasses)
        {
            metrics["accuracy"] = all.Model.Accuracy;
            metrics["persistence_accuracy"] = all.Persistence.Accuracy;
        }
        if (loop.ValueName is not null)
        {
            metrics["mae"] = all.Model.MeanAbsoluteError;
            metrics["persistence_mae"] = all.Persistence.MeanAbsoluteError;
            metrics["mean_mae"] = all.Climatology.MeanAbsoluteError;
            for (int i = 0; i < rolling.Length; i++) metrics[$"mae_{RollingSteps[i]}"] = rolling[i].Model.MeanAbsoluteError;
        }
        int classCount = run.Definition.Data.Shape.NumClasses;
        int[] confusion = new int[classCount * classCount];
        if (classCount > 0) loop.Forecasts.Model.CopyConfusion(confusion);
        StepResult last = history.Last;
        float clip = run.Trainer.ClipNorm is { } c ? (float)c : float.NaN;
        string message = loop.Failure is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"world stopped at tick {f.Tick}")
            : string.Create(CultureInfo.InvariantCulture, $"step {loop.Steps} · tick {loop.Ticks}");
        return new Snapshot(status.Sequence, loop.Name, loop.TrainingSteps, run.Trainer.Epoch, last.Loss.Total, run.Trainer.Optimizer.LearningRate,
            last.GradientNorm, status.StepsPerSecond, status.Paused, status.TicksPerSecond, network, stream,
            history.ToSnapshot(run.Definition.Data.Shape.ClassNames, confusion, metrics, clip), message, MeasuredTicksPerSecond: status.MeasuredTicksPerSecond);
    }
}
