using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The script's <c>on_day(ctx)</c>, called by the live weather loop when a simulated day is over,
/// with one reused ctx: day (live days done), the year and day_of_year (1-based) of the day just over, hour, step, lr, the
/// rolling scores over the last 30 and 365 days (accuracy_30d, persistence_accuracy_30d,
/// climatology_accuracy_30d, brier_30d, climatology_brier_30d, log_loss_30d, mae_30d,
/// persistence_mae_30d, … _365d), and <c>ctx.world</c> to change the world from the next hour.
/// </summary>
internal sealed class LiveDayCallback
{
    /// <summary>The ctx keys of the rolling scores, per window of <see cref="LiveWeatherLoop.RollingDays"/> (e.g. accuracy_30d).</summary>
    private static readonly string[][] RollingKeys =
    [
        .. LiveWeatherLoop.RollingDays.Select(d => new[]
        {
            "accuracy", "persistence_accuracy", "climatology_accuracy", "brier", "climatology_brier", "log_loss", "mae", "persistence_mae",
        }.Select(f => $"{f}_{d}d").ToArray()),
    ];

    private readonly ScriptedExperiment _experiment;
    private readonly LiveWeatherLoop _loop;
    private readonly ScriptContext _context;

    public LiveDayCallback(ScriptedExperiment experiment, LiveWeatherLoop loop, HandleKind<ILiveWorld> worldKind)
    {
        _experiment = experiment;
        _loop = loop;
        _context = experiment.NewContext();
        _context.SetHandle("world", worldKind, loop.World);
    }

    public void DayEnded()
    {
        if (_experiment.CallbackError is not null) return;
        ScriptContext c = _context;
        c.Set("day", _loop.Days);
        c.Set("year", (_loop.Days - 1) / _loop.DaysPerYear + 1);
        c.Set("day_of_year", (_loop.Days - 1) % _loop.DaysPerYear + 1);
        c.Set("hour", _loop.Ticks);
        c.Set("step", _loop.TrainingSteps);
        c.Set("lr", (double)_loop.LearningRate);
        for (int i = 0; i < LiveWeatherLoop.RollingDays.Count; i++)
        {
            ForecastScores r = _loop.Forecasts.Book.Rolling(LiveWeatherLoop.RollingDays[i]);
            string[] k = RollingKeys[i];
            c.Set(k[0], r.Model.Accuracy);
            c.Set(k[1], r.Persistence.Accuracy);
            c.Set(k[2], r.Climatology.Accuracy);
            c.Set(k[3], r.Model.Brier);
            c.Set(k[4], r.Climatology.Brier);
            c.Set(k[5], r.Model.LogLoss);
            c.Set(k[6], r.Model.MeanAbsoluteError);
            c.Set(k[7], r.Persistence.MeanAbsoluteError);
        }
        _experiment.Call("on_day", c);
    }
}
