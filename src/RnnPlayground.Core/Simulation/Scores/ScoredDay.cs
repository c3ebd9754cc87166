namespace RnnPlayground.Core.Simulation;

/// <summary>
/// One live day's forecasts, scored once the day was over: for the model, persistence ("tomorrow
/// is like today") and climatology (what this time of year usually brings), whether the class
/// forecast was right, the probability each gave to rain, and the value each forecast; beside
/// what happened. Class fields are unused (false, NaN) without class targets, value fields NaN
/// without value targets.
/// </summary>
public readonly record struct ScoredDay(
    long Day,
    bool Rained,
    bool ModelCorrect,
    bool PersistenceCorrect,
    bool ClimatologyCorrect,
    double ModelRain,
    double PersistenceRain,
    double ClimatologyRain,
    double Actual,
    double ModelValue,
    double PersistenceValue,
    double ClimatologyValue);
