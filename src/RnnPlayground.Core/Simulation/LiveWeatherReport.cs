using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// What a <see cref="LiveWeatherLoop"/> did, for people (<see cref="Text"/>: a table of scores per
/// simulated year, the year under way and the rolling spans, then the changes made to the world and
/// the model's recovery from each change of climate)
/// and for programs (<see cref="Json"/>, the same figures).
/// </summary>
public static class LiveWeatherReport
{
    public static string Text(LiveWeatherLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(c, $"live: {loop.Ticks} ticks ({loop.Days} days), {loop.TrainingSteps} training steps, {loop.Scored} forecasts scored, learning rate now {loop.LearningRate:G3}");
        if (!double.IsNaN(loop.ModelAccuracy))
            s.Append(c, $"\n  tomorrow's weather: model accuracy {loop.ModelAccuracy:P1}, persistence {loop.PersistenceAccuracy:P1}");
        if (loop.ValueName is { } name)
            s.Append(c, $"\n  tomorrow's {name}: model MAE {loop.ModelValueError:F2}, persistence {loop.PersistenceValueError:F2}");
        s.Append('\n').Append(Table(Periods(loop), loop.ValueName));
        if (loop.WorldChanges.Count > 0)
        {
            s.Append("\n  changes to the world:");
            foreach (WorldChangeRecord r in loop.WorldChanges) s.Append("\n    ").Append(r.Format(loop.DaysPerYear));
            foreach (RecoveryFigures f in loop.Recoveries()) s.Append("\n  ").Append(Describe(f));
        }
        return s.ToString();
    }

    /// <summary>E.g. "after the change of day 1096: 74.9 % over the 90 days before; rolling 30-day accuracy lowest 66.7 % on day +5, back within 2 points on day +11; 73.0 % over days +1…+30, 74.1 % over days +31…+60".</summary>
    public static string Describe(RecoveryFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var c = CultureInfo.InvariantCulture;
        string back = f.RecoveredDay is { } d
            ? string.Create(c, $"back within {100 * f.Tolerance:0.#} points on day +{d}")
            : string.Create(c, $"not back within {100 * f.Tolerance:0.#} points within {f.WithinDays} days");
        string first = double.IsNaN(f.FirstSpanAfter) ? "" : string.Create(c, $"; {100 * f.FirstSpanAfter:F1} % over days +1…+{f.SpanDays}");
        if (!double.IsNaN(f.SecondSpanAfter)) first += string.Create(c, $", {100 * f.SecondSpanAfter:F1} % over days +{f.SpanDays + 1}…+{2 * f.SpanDays}");
        return string.Create(c,
            $"after the change of day {f.ChangeDay + 1}: accuracy {100 * f.Level:F1} % over the {f.LevelDays} days before; rolling {f.SpanDays}-day accuracy lowest {100 * f.Lowest:F1} % on day +{f.LowestDay}, {back}{first}");
    }

    /// <summary>Every completed year, the year under way, the rolling spans and the whole run.</summary>
    public static IReadOnlyList<ForecastScores> Periods(LiveWeatherLoop loop)
    {
        var periods = new List<ForecastScores>(loop.Forecasts.Book.Years);
        if (loop.Forecasts.Book.CurrentYear() is { } current) periods.Add(current);
        foreach (int days in LiveWeatherSnapshot.RollingDays) periods.Add(loop.Forecasts.Book.Rolling(days));
        periods.Add(loop.Forecasts.Book.Total());
        return periods;
    }

    /// <summary>One line per period: rain accuracy, Brier score and log loss (model, persistence, climatology), then the value's MAE.</summary>
    public static string Table(IReadOnlyList<ForecastScores> periods, string? valueName)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("  period             days | rain: accuracy %       | Brier score            | log loss              ");
        if (valueName is not null) s.Append(c, $"| {valueName} MAE");
        s.Append("\n                           model  pers.  clim.  | model  pers.  clim.   | model  pers.  clim.   ");
        if (valueName is not null) s.Append("| model  pers.  clim.");
        foreach (ForecastScores p in periods)
        {
            s.Append(c, $"\n  {p.Period,-18} {p.Days,4} | {100 * p.Model.Accuracy,5:F1}  {100 * p.Persistence.Accuracy,5:F1}  {100 * p.Climatology.Accuracy,5:F1}  ");
            s.Append(c, $"| {p.Model.Brier,5:F3}  {p.Persistence.Brier,5:F3}  {p.Climatology.Brier,5:F3}  ");
            s.Append(c, $"| {p.Model.LogLoss,5:F3}  {p.Persistence.LogLoss,5:F2}  {p.Climatology.LogLoss,5:F3}  ");
            if (valueName is not null)
                s.Append(c, $"| {p.Model.MeanAbsoluteError,5:F2}  {p.Persistence.MeanAbsoluteError,5:F2}  {p.Climatology.MeanAbsoluteError,5:F2}");
        }
        return s.ToString();
    }

    /// <summary>The same figures as <see cref="Text"/>: {ticks, days, training_steps, periods: [...], world_changes: [...]}.</summary>
    public static JsonObject Json(LiveWeatherLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var periods = new JsonArray();
        foreach (ForecastScores p in Periods(loop)) periods.Add(Json(p));
        var changes = new JsonArray();
        foreach (WorldChangeRecord r in loop.WorldChanges)
            changes.Add(new JsonObject { ["hour"] = r.Hour, ["day"] = r.Day, ["change"] = r.Description });
        var recoveries = new JsonArray();
        foreach (RecoveryFigures f in loop.Recoveries())
        {
            recoveries.Add(new JsonObject
            {
                ["day"] = f.ChangeDay,
                ["span_days"] = f.SpanDays,
                ["level_days"] = f.LevelDays,
                ["level"] = f.Level,
                ["lowest"] = f.Lowest,
                ["lowest_day"] = f.LowestDay,
                ["recovered_day"] = f.RecoveredDay,
                ["first_span_after"] = Number(f.FirstSpanAfter),
                ["second_span_after"] = Number(f.SecondSpanAfter),
            });
        }
        return new JsonObject
        {
            ["ticks"] = loop.Ticks,
            ["days"] = loop.Days,
            ["training_steps"] = loop.TrainingSteps,
            ["learning_rate"] = loop.LearningRate,
            ["value"] = loop.ValueName,
            ["periods"] = periods,
            ["world_changes"] = changes,
            ["recoveries"] = recoveries,
        };
    }

    private static JsonObject Json(ForecastScores p) => new()
    {
        ["period"] = p.Period,
        ["days"] = p.Days,
        ["model"] = Json(p.Model),
        ["persistence"] = Json(p.Persistence),
        ["climatology"] = Json(p.Climatology),
    };

    private static JsonObject Json(ForecasterScores f) => new()
    {
        ["accuracy"] = Number(f.Accuracy),
        ["brier"] = Number(f.Brier),
        ["log_loss"] = Number(f.LogLoss),
        ["mae"] = Number(f.MeanAbsoluteError),
    };

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
