using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// What a <see cref="LiveStreamLoop"/> did, for people (<see cref="Text"/>: the scores of its
/// forecasts per period of <see cref="LiveStreamLoop.ReportEvery"/> steps, the period under way,
/// the rolling spans and the whole run, model beside persistence and the mean; then what the world
/// announced and why it stopped) and for programs (<see cref="Json"/>, the same figures).
/// </summary>
public static class LiveStreamReport
{
    public static string Text(LiveStreamLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(c, $"live: {loop.Ticks} ticks ({loop.Steps} steps), {loop.TrainingSteps} training steps, {loop.Scored} forecasts scored, learning rate now {loop.LearningRate:G3}");
        ForecastScores all = loop.Forecasts.Book.Total();
        if (loop.HasClasses)
            s.Append(c, $"\n  next class: model accuracy {all.Model.Accuracy:P1}, persistence {all.Persistence.Accuracy:P1}, most frequent {all.Climatology.Accuracy:P1}");
        if (loop.ValueName is { } name)
            s.Append(c, $"\n  next {name}: model MAE {all.Model.MeanAbsoluteError:G4}, persistence {all.Persistence.MeanAbsoluteError:G4}, mean {all.Climatology.MeanAbsoluteError:G4}");
        s.Append(c, $"\n  period              steps");
        if (loop.HasClasses) s.Append(" | accuracy %: model  pers.  freq.");
        if (loop.ValueName is not null) s.Append(c, $" | {loop.ValueName} MAE: model      pers.      mean");
        foreach (ForecastScores p in Periods(loop))
        {
            s.Append(c, $"\n  {p.Period,-18} {p.Days,6}");
            if (loop.HasClasses) s.Append(c, $" |           {100 * p.Model.Accuracy,5:F1}  {100 * p.Persistence.Accuracy,5:F1}  {100 * p.Climatology.Accuracy,5:F1}");
            if (loop.ValueName is not null)
                s.Append(c, $" | {new string(' ', loop.ValueName.Length)}      {p.Model.MeanAbsoluteError,9:G4}  {p.Persistence.MeanAbsoluteError,9:G4}  {p.Climatology.MeanAbsoluteError,9:G4}");
        }
        if (loop.Notes.Count > 0)
        {
            s.Append("\n  the world announced:");
            foreach (WorldChangeRecord r in loop.Notes) s.Append(c, $"\n    step {r.Day + 1}, tick {r.Hour}: {r.Description}");
        }
        if (loop.Failure is { } f) s.Append(c, $"\n  the world stopped at tick {f.Tick}: {f.Message}");
        return s.ToString();
    }

    /// <summary>Every completed period, the one under way, the rolling spans and the whole run.</summary>
    public static IReadOnlyList<ForecastScores> Periods(LiveStreamLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var periods = new List<ForecastScores>(loop.Forecasts.Book.Years);
        if (loop.Forecasts.Book.CurrentYear() is { } current) periods.Add(current);
        foreach (int steps in LiveStreamSnapshot.RollingSteps)
            periods.Add(loop.Forecasts.Book.Rolling(steps) with { Period = string.Create(CultureInfo.InvariantCulture, $"last {steps} steps") });
        periods.Add(loop.Forecasts.Book.Total());
        return periods;
    }

    /// <summary>The same figures as <see cref="Text"/>: {ticks, steps, training_steps, period_steps, periods: [...], notes: [...], failure}.</summary>
    public static JsonObject Json(LiveStreamLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var periods = new JsonArray();
        foreach (ForecastScores p in Periods(loop))
        {
            periods.Add(new JsonObject
            {
                ["period"] = p.Period,
                ["steps"] = p.Days,
                ["model"] = Json(p.Model),
                ["persistence"] = Json(p.Persistence),
                ["mean"] = Json(p.Climatology),
            });
        }
        var notes = new JsonArray();
        foreach (WorldChangeRecord r in loop.Notes) notes.Add(new JsonObject { ["tick"] = r.Hour, ["step"] = r.Day, ["note"] = r.Description });
        return new JsonObject
        {
            ["ticks"] = loop.Ticks,
            ["steps"] = loop.Steps,
            ["training_steps"] = loop.TrainingSteps,
            ["learning_rate"] = loop.LearningRate,
            ["value"] = loop.ValueName,
            ["period_steps"] = loop.ReportEvery,
            ["periods"] = periods,
            ["notes"] = notes,
            ["failure"] = loop.Failure?.Message,
        };
    }

    private static JsonObject Json(ForecasterScores f) => new()
    {
        ["accuracy"] = Number(f.Accuracy),
        ["mae"] = Number(f.MeanAbsoluteError),
    };

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
