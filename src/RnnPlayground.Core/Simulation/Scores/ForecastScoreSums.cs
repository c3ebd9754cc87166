using RnnPlayground.Snapshots;
namespace RnnPlayground.Core.Simulation;

/// <summary>Running sums of <see cref="ScoredDay"/>s that give <see cref="ForecastScores"/>; allocates nothing until asked for them.</summary>
public sealed class ForecastScoreSums
{
    /// <summary>Probabilities are clamped to [this, 1 − this] for the log loss.</summary>
    public const double ProbabilityFloor = 1e-6;

    private long _days, _modelCorrect, _persistenceCorrect, _climatologyCorrect, _valueDays;
    private double _modelBrier, _persistenceBrier, _climatologyBrier, _modelLog, _persistenceLog, _climatologyLog;
    private double _modelError, _persistenceError, _climatologyError;

    /// <summary>Days added since the last <see cref="Reset"/>.</summary>
    public long Days => _days;

    public void Add(in ScoredDay d)
    {
        _days++;
        double y = d.Rained ? 1 : 0;
        if (d.ModelCorrect) _modelCorrect++;
        if (d.PersistenceCorrect) _persistenceCorrect++;
        if (d.ClimatologyCorrect) _climatologyCorrect++;
        _modelBrier += Square(d.ModelRain - y);
        _persistenceBrier += Square(d.PersistenceRain - y);
        _climatologyBrier += Square(d.ClimatologyRain - y);
        _modelLog += LogLoss(d.ModelRain, d.Rained);
        _persistenceLog += LogLoss(d.PersistenceRain, d.Rained);
        _climatologyLog += LogLoss(d.ClimatologyRain, d.Rained);
        if (!double.IsNaN(d.Actual))
        {
            _valueDays++;
            _modelError += Math.Abs(d.ModelValue - d.Actual);
            _persistenceError += Math.Abs(d.PersistenceValue - d.Actual);
            _climatologyError += Math.Abs(d.ClimatologyValue - d.Actual);
        }
    }

    public void Reset()
    {
        _days = _modelCorrect = _persistenceCorrect = _climatologyCorrect = _valueDays = 0;
        _modelBrier = _persistenceBrier = _climatologyBrier = _modelLog = _persistenceLog = _climatologyLog = 0;
        _modelError = _persistenceError = _climatologyError = 0;
    }

    /// <summary>The scores so far; <paramref name="classes"/> false gives NaN class scores.</summary>
    public ForecastScores ToScores(string period, bool classes) => new(period, (int)_days,
        Scores(classes, _modelCorrect, _modelBrier, _modelLog, _modelError),
        Scores(classes, _persistenceCorrect, _persistenceBrier, _persistenceLog, _persistenceError),
        Scores(classes, _climatologyCorrect, _climatologyBrier, _climatologyLog, _climatologyError));

    private ForecasterScores Scores(bool classes, long correct, double brier, double log, double error)
    {
        double n = _days;
        return classes && _days > 0
            ? new ForecasterScores(correct / n, brier / n, log / n, Mae(error))
            : new ForecasterScores(double.NaN, double.NaN, double.NaN, Mae(error));
    }

    private double Mae(double error) => _valueDays > 0 ? error / _valueDays : double.NaN;

    private static double Square(double x) => x * x;

    /// <summary>−ln of the probability given to what happened, the probability clamped to [<see cref="ProbabilityFloor"/>, 1 − it].</summary>
    public static double LogLoss(double rainProbability, bool rained)
    {
        double p = Math.Clamp(rainProbability, ProbabilityFloor, 1 - ProbabilityFloor);
        return -Math.Log(rained ? p : 1 - p);
    }
}
