using System.Globalization;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live loop's scores: every <see cref="ScoredDay"/> goes into the total, into the current
/// simulated year (a year is <see cref="DaysPerYear"/> live days, the first starting with the
/// first live day) and into a ring of the last <see cref="RollingCapacity"/> days, from which
/// rolling scores over any shorter span are summed afresh when asked (so they carry no drift);
/// the rolling accuracy over <see cref="HistorySpanDays"/> days is kept for every day (<see cref="History"/>).
/// </summary>
public sealed class LiveScoreBook
{
    private readonly ScoredDay[] _recent;
    private readonly ForecastScoreSums _total = new(), _year = new(), _rolling = new();
    private readonly List<ForecastScores> _years = [];
    private readonly bool _classes;
    private readonly string _periodName;
    private long _count;
    private readonly ScoredDay[] _span = new ScoredDay[HistorySpanDays];
    private int _modelCorrect, _persistenceCorrect, _climatologyCorrect;

    /// <summary>The span of <see cref="History"/>'s rolling accuracies, days.</summary>
    public const int HistorySpanDays = 30;

    /// <param name="classes">Whether the experiment forecasts classes (else only the value scores mean anything).</param>
    /// <param name="daysPerYear">Live days per simulated year.</param>
    /// <param name="rollingCapacity">The longest rolling span asked for, days.</param>
    /// <param name="periodName">What a period of <paramref name="daysPerYear"/> days is called in the scores ("year 1", …).</param>
    public LiveScoreBook(bool classes, int daysPerYear, int rollingCapacity = 365, string periodName = "year")
    {
        ArgumentException.ThrowIfNullOrEmpty(periodName);
        _periodName = periodName;
        ArgumentOutOfRangeException.ThrowIfLessThan(daysPerYear, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rollingCapacity, 1);
        _classes = classes;
        DaysPerYear = daysPerYear;
        _recent = new ScoredDay[rollingCapacity];
        History = new RollingAccuracyHistory(HistorySpanDays);
    }

    /// <summary>The rolling accuracies over the last <see cref="HistorySpanDays"/> days, one per day scored.</summary>
    public RollingAccuracyHistory History { get; }

    public int DaysPerYear { get; }

    public int RollingCapacity => _recent.Length;

    /// <summary>Days scored in all.</summary>
    public long Days => _count;

    /// <summary>The simulated years completed so far, in order ("year 1", "year 2", …).</summary>
    public IReadOnlyList<ForecastScores> Years => _years;

    public void Add(in ScoredDay day)
    {
        _recent[_count % _recent.Length] = day;
        _count++;
        _total.Add(day);
        _year.Add(day);
        ref ScoredDay slot = ref _span[(_count - 1) % HistorySpanDays];
        if (_count > HistorySpanDays) Count(slot, -1);
        slot = day;
        Count(day, +1);
        double n = Math.Min(_count, HistorySpanDays);
        History.Add(_modelCorrect / n, _persistenceCorrect / n, _climatologyCorrect / n);
        if (_year.Days == DaysPerYear)
        {
            _years.Add(_year.ToScores(YearName(_years.Count + 1), _classes));
            _year.Reset();
        }
    }

    private void Count(in ScoredDay day, int sign)
    {
        if (day.ModelCorrect) _modelCorrect += sign;
        if (day.PersistenceCorrect) _persistenceCorrect += sign;
        if (day.ClimatologyCorrect) _climatologyCorrect += sign;
    }

    /// <summary>Scores over every day so far.</summary>
    public ForecastScores Total() => _total.ToScores("all", _classes);

    /// <summary>The year under way (null when it has no day yet).</summary>
    public ForecastScores? CurrentYear() => _year.Days == 0 ? null : _year.ToScores(YearName(_years.Count + 1) + " so far", _classes);

    /// <summary>Scores over the last <paramref name="days"/> days (fewer at the start).</summary>
    public ForecastScores Rolling(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, _recent.Length);
        _rolling.Reset();
        long n = Math.Min(days, _count);
        for (long i = _count - n; i < _count; i++) _rolling.Add(_recent[i % _recent.Length]);
        return _rolling.ToScores(string.Create(CultureInfo.InvariantCulture, $"last {days} days"), _classes);
    }

    /// <summary>The model's rain log loss over the last <paramref name="days"/> days, without allocating (NaN before any day).</summary>
    public double RollingLogLoss(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, _recent.Length);
        long n = Math.Min(days, _count);
        double sum = 0;
        for (long i = _count - n; i < _count; i++)
        {
            ref readonly ScoredDay d = ref _recent[i % _recent.Length];
            sum += ForecastScoreSums.LogLoss(d.ModelRain, d.Rained);
        }
        return n > 0 ? sum / n : double.NaN;
    }

    private string YearName(int year) => string.Create(CultureInfo.InvariantCulture, $"{_periodName} {year}");
}
