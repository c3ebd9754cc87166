using RnnPlayground.Core.Data;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live loop's forecasts of tomorrow and their scores. Each day the loop hands in the model's
/// output (<see cref="Forecast"/>), beside which persistence (tomorrow is like today) and an
/// <see cref="OnlineClimatology"/> learnt from every day seen so far forecast too; when tomorrow
/// is over, <see cref="Score"/> compares all three with what happened: a <see cref="LiveScoreBook"/>
/// (per year, rolling), overall accuracy and confusion, and the recent tracks the charts show.
/// Allocates nothing per day.
/// </summary>
public sealed class LiveForecasts
{
    private readonly int _classes, _values, _rainClassMask;
    private readonly float[] _probabilities, _climatology;
    private readonly RecentValues _rainPredicted, _rainActual, _rainPersistence, _valuePredicted, _valueActual, _valuePersistence;
    private readonly string _when;
    private bool _hasForecast;
    private int _modelClass, _persistenceClass, _climatologyClass;
    private double _modelRain, _persistenceRain, _climatologyRain, _modelValue, _persistenceValue, _climatologyValue;

    /// <param name="classNames">The class targets' names ("rain" and "storm" count as rain); empty without class targets.</param>
    /// <param name="values">Number of value targets (the first is forecast and scored).</param>
    /// <param name="daysPerYear">Days per simulated year (climatology, years of scores).</param>
    /// <param name="recentDays">Days of forecasts kept for the charts.</param>
    /// <param name="climatologyPeriod">Days of the climatology's cycle (default <paramref name="daysPerYear"/>; 1: the mean of every day seen).</param>
    /// <param name="periodName">What the score book calls its periods of <paramref name="daysPerYear"/> ("year").</param>
    /// <param name="when">When the forecasts are for, in the tracks' names ("tomorrow").</param>
    public LiveForecasts(IReadOnlyList<string> classNames, int values, int daysPerYear, int recentDays,
        int? climatologyPeriod = null, string periodName = "year", string when = "tomorrow")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        _classes = classNames.Count;
        _values = values;
        for (int c = 0; c < _classes; c++)
            if (classNames[c] is "rain" or "storm") _rainClassMask |= 1 << c;
        _probabilities = new float[Math.Max(1, _classes)];
        _climatology = new float[Math.Max(1, _classes)];
        Model = new ClassificationMetrics(Math.Max(1, _classes));
        Persistence = new ClassificationMetrics(Math.Max(1, _classes));
        Climatology = new OnlineClimatology(climatologyPeriod ?? daysPerYear, _classes);
        Book = new LiveScoreBook(_classes > 0, daysPerYear, periodName: periodName);
        _when = when;
        _rainPredicted = new RecentValues(recentDays);
        _rainActual = new RecentValues(recentDays);
        _rainPersistence = new RecentValues(recentDays);
        _valuePredicted = new RecentValues(recentDays);
        _valueActual = new RecentValues(recentDays);
        _valuePersistence = new RecentValues(recentDays);
    }

    /// <summary>The model's class forecasts so far (accuracy, confusion).</summary>
    public ClassificationMetrics Model { get; }

    public ClassificationMetrics Persistence { get; }

    public OnlineClimatology Climatology { get; }

    /// <summary>Every scored day, per year and rolling.</summary>
    public LiveScoreBook Book { get; }

    /// <summary>Forecasts scored so far.</summary>
    public long Scored => Book.Days;

    /// <summary>The model's class probabilities of the latest forecast.</summary>
    public ReadOnlySpan<float> Probabilities => _probabilities.AsSpan(0, _classes);

    /// <summary>Whether class <paramref name="label"/> counts as rain.</summary>
    public bool IsRain(int label) => label >= 0 && ((_rainClassMask >> label) & 1) == 1;

    /// <summary>
    /// Forecasts tomorrow: <paramref name="modelClassLogits"/> [classes] and <paramref name="modelValue"/>
    /// (raw units) from the model, today's class and value for persistence, tomorrow's day of year for climatology.
    /// </summary>
    public void Forecast(ReadOnlySpan<float> modelClassLogits, double modelValue, int todayLabel, double todayValue, int tomorrowDayOfYear)
    {
        double climatologyValue = Climatology.Forecast(tomorrowDayOfYear, _climatology);
        if (_classes > 0)
        {
            CharSampler.Probabilities(modelClassLogits[.._classes], 1.0, _probabilities);
            _modelClass = ClassificationMetrics.ArgMax(modelClassLogits[.._classes]);
            _modelRain = RainProbability(_probabilities);
            _persistenceClass = todayLabel;
            _persistenceRain = IsRain(todayLabel) ? 1 : 0;
            _climatologyClass = ClassificationMetrics.ArgMax(_climatology.AsSpan(0, _classes));
            _climatologyRain = RainProbability(_climatology);
        }
        _modelValue = modelValue;
        _persistenceValue = todayValue;
        _climatologyValue = double.IsNaN(climatologyValue) ? todayValue : climatologyValue;
        _hasForecast = true;
    }

    private double RainProbability(ReadOnlySpan<float> probabilities)
    {
        double p = 0;
        for (int c = 0; c < _classes; c++)
            if (((_rainClassMask >> c) & 1) == 1) p += probabilities[c];
        return p;
    }

    /// <summary>Scores the latest forecast against the day that just ended (class −1 / value NaN when none); false when nothing was forecast.</summary>
    public bool Score(long day, int label, double value)
    {
        if (!_hasForecast) return false;
        bool rained = IsRain(label);
        if (_classes > 0)
        {
            Model.Add(label, _modelClass);
            Persistence.Add(label, _persistenceClass);
            _rainPredicted.Add((float)_modelRain);
            _rainActual.Add(rained ? 1f : 0f);
            _rainPersistence.Add((float)_persistenceRain);
        }
        if (_values > 0)
        {
            _valuePredicted.Add((float)_modelValue);
            _valueActual.Add((float)value);
            _valuePersistence.Add((float)_persistenceValue);
        }
        double nan = double.NaN;
        Book.Add(new ScoredDay(day, rained,
            _classes > 0 && label == _modelClass, _classes > 0 && label == _persistenceClass, _classes > 0 && label == _climatologyClass,
            _classes > 0 ? _modelRain : nan, _classes > 0 ? _persistenceRain : nan, _classes > 0 ? _climatologyRain : nan,
            _values > 0 ? value : nan, _modelValue, _persistenceValue, _climatologyValue));
        return true;
    }

    /// <summary>The recent forecasts against what happened, for the charts.</summary>
    public IReadOnlyList<PredictionTrack> Tracks(string? valueName)
    {
        var tracks = new List<PredictionTrack>();
        if (_classes > 0)
            tracks.Add(new PredictionTrack($"rain {_when}", true, _rainPredicted.ToArray(), _rainActual.ToArray(), _rainPersistence.ToArray(),
                Model.Accuracy, Persistence.Accuracy, "accuracy"));
        if (_values > 0)
        {
            ForecastScores all = Book.Total();
            tracks.Add(new PredictionTrack($"{valueName} {_when}", false, _valuePredicted.ToArray(), _valueActual.ToArray(),
                _valuePersistence.ToArray(), all.Model.MeanAbsoluteError, all.Persistence.MeanAbsoluteError, "mae"));
        }
        return tracks;
    }
}
