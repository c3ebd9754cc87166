using System.Diagnostics;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live weather experiment. Each tick advances the simulated world one hour. When a day is
/// complete, yesterday's forecast for it is scored (against persistence, "tomorrow is like
/// today", and climatology; see <see cref="LiveForecasts"/>), the day joins the replay window,
/// and the model forecasts tomorrow from the last days of the stream, run from a fresh state just
/// as it trains (a state carried for ever drifts where training never took it). Every
/// <see cref="LiveOptions.TrainEveryTicks"/> ticks the model trains on a mini-batch of windows
/// drawn from the replay window, which starts out holding the experiment's simulated history, at
/// the learning rate <see cref="LiveOptions.Schedule"/> gives for the simulated day, as long as the
/// windows drawn stay within <see cref="LiveOptions.ReplayRatio"/> per day of data (training on the
/// same days ever more often is what made an endless stream overfit: confident, then wrong). Changes to the
/// world (<see cref="World"/>, <see cref="LiveOptions.Events"/>) take effect at the start of a tick.
/// </summary>
public sealed class LiveWeatherLoop : ILiveExperiment
{
    /// <summary>The rolling score windows, in days, that snapshots and the scripts' <c>on_day</c> report (e.g. accuracy_30d).</summary>
    public static IReadOnlyList<int> RollingDays => LiveWeatherSnapshot.RollingDays;

    private readonly ExperimentRun _run;
    private readonly SimulatedWeather _weather;
    private readonly LiveOptions _options;
    private readonly LiveWorld _world;
    private readonly DailyWeatherAggregator _aggregator;
    private readonly WindowedDataset _windows;
    private readonly int[] _featureColumns;
    private readonly int[] _valueColumns;
    private readonly int _classes, _values, _hoursPerDay;
    private readonly ReplayLearner _learner;
    private readonly DailyReplayBuffer _replay;
    private readonly float[] _dayRow, _window;
    private readonly RecentValues _hours;
    private readonly RecentValues[] _observed;
    private readonly TrainingHistory _history;
    private readonly float[] _observation = new float[WeatherObservation.ValueCount];
    private readonly NetworkReadout _readout;

    public LiveWeatherLoop(ExperimentRun run, SimulatedWeather weather, LiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(weather);
        options ??= new LiveOptions();
        options.Validate();
        if (!ReferenceEquals(run.Definition.Data, weather.Windows))
            throw new ArgumentException("the run does not train on this weather's windows", nameof(run));
        _run = run;
        _weather = weather;
        _options = options;
        _windows = weather.Windows;
        WindowOptions w = _windows.Options;
        IReadOnlyList<string> columns = WeatherHistory.ColumnNames;
        _featureColumns = w.Features.Select(f => IndexOf(columns, f)).ToArray();
        _valueColumns = w.ValueTargets.Select(f => IndexOf(columns, f)).ToArray();
        _classes = _windows.Shape.NumClasses;
        _values = _windows.Shape.NumValues;
        _hoursPerDay = weather.Climate.HoursPerDay;
        _world = new LiveWorld(new WeatherSimulator(weather.Climate, options.WorldSeed), options.Events);
        _aggregator = new DailyWeatherAggregator(weather.Climate);
        _learner = new ReplayLearner(run, _windows, options, _featureColumns, _valueColumns, options.ReplayDays);
        _replay = _learner.Replay;
        _history = _learner.History;
        _dayRow = new float[columns.Count];
        _window = new float[w.SequenceLength * _featureColumns.Length];
        _hours = new RecentValues(options.RecentHours);
        _observed = new RecentValues[WeatherObservation.ValueCount];
        for (int i = 0; i < _observed.Length; i++) _observed[i] = new RecentValues(options.RecentHours);
        Forecasts = new LiveForecasts(_windows.Shape.ClassNames, _values, weather.Climate.DaysPerYear, options.RecentDays);
        _readout = new NetworkReadout(_windows);
        PrimeWithHistory();
        _learner.StartSchedule();
    }

    public string Name => _run.Definition.Name;

    public long Ticks { get; private set; }

    public long TrainingSteps => _run.Trainer.Step;

    /// <summary>Days completed in the live world.</summary>
    public long Days { get; private set; }

    public bool Finished => false;

    /// <summary>The world, to be changed while the loop runs.</summary>
    public ILiveWorld World => _world;

    /// <summary>The changes made to the world so far, with their simulated time.</summary>
    public IReadOnlyList<WorldChangeRecord> WorldChanges => _world.Changes;

    /// <summary>The forecasts and their scores (per year, rolling, overall).</summary>
    public LiveForecasts Forecasts { get; }

    /// <summary>Called on the simulation thread when a day is over (scored, and tomorrow forecast); changes it asks for apply from the next hour.</summary>
    public Action? DayEnded { get; set; }

    /// <summary>Forecasts scored so far.</summary>
    public long Scored => Forecasts.Scored;

    /// <summary>Accuracy of the model's class forecasts so far (NaN without class targets).</summary>
    public double ModelAccuracy => _classes > 0 ? Forecasts.Model.Accuracy : double.NaN;

    public double PersistenceAccuracy => _classes > 0 ? Forecasts.Persistence.Accuracy : double.NaN;

    /// <summary>Mean absolute error of the model's first value target (raw units).</summary>
    public double ModelValueError => Forecasts.Book.Total().Model.MeanAbsoluteError;

    public double PersistenceValueError => Forecasts.Book.Total().Persistence.MeanAbsoluteError;

    /// <summary>The learning rate of the next training step.</summary>
    public float LearningRate => _learner.LearningRate;

    /// <summary>Training steps per second (training time only).</summary>
    public double StepsPerSecond => _learner.StepsPerSecond;

    /// <summary>The name of the first value target (e.g. temp_mean), or null.</summary>
    public string? ValueName => _values > 0 ? _windows.Options.ValueTargets[0] : null;

    /// <summary>Days per simulated year.</summary>
    public int DaysPerYear => _weather.Climate.DaysPerYear;

    /// <summary>The simulated world's climate (its calendar: hours per day, days per year, the first day).</summary>
    public WeatherClimate Climate => _weather.Climate;

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] == name) return i;
        throw new ArgumentException($"'{name}' is not a weather column; known: {string.Join(", ", columns)}");
    }

    /// <summary>Climatology learns from the whole history; the replay window holds its end, and the last day's forecast is the first to be scored.</summary>
    private void PrimeWithHistory()
    {
        TimeSeries h = _weather.History;
        int start = Math.Max(0, h.Length - _options.ReplayDays);
        for (int row = 0; row < h.Length; row++)
        {
            int label = h.HasLabels ? h.Labels[row] : -1;
            if (row < start)
            {
                Forecasts.Climatology.Add(h.DayOfYear(row), label, _values > 0 ? h.Column(_valueColumns[0])[row] : double.NaN);
                continue;
            }
            for (int c = 0; c < _dayRow.Length; c++) _dayRow[c] = h.Column(c)[row];
            AddDay(label, h.DayOfYear(row), predict: row == h.Length - 1);
        }
    }

    public void Advance()
    {
        _world.ApplyPending(Ticks, Days, dayStart: Ticks % _hoursPerDay == 0);
        WeatherObservation obs = _world.Simulator.Next();
        obs.CopyTo(_observation);
        _hours.Add(obs.Hour);
        for (int i = 0; i < _observed.Length; i++) _observed[i].Add(_observation[i]);
        bool dayEnded = false;
        if (_aggregator.Add(obs, out WeatherDay day))
        {
            WeatherHistory.WriteRow(day, _dayRow);
            int label = _classes > 0 ? DailyWeatherRules.ClassIndex(_weather.Rules.Classify(day), _weather.Labels) : -1;
            if (Forecasts.Score(Days, label, _learner.FirstValue(_dayRow)) && _classes > 0)
                _history.Validation.Add((float)Forecasts.Book.RollingLogLoss(30));
            AddDay(label, day.DayOfYear, predict: true);
            Days++;
            dayEnded = true;
        }
        Ticks++;
        if (Ticks % _options.TrainEveryTicks == 0 && _learner.WithinReplayRatio) TrainOnce();
        if (dayEnded) DayEnded?.Invoke();
    }

    public void TrainOnce() => _learner.TrainOnce(Ticks / (double)_hoursPerDay);

    /// <summary>Adds the day in <see cref="_dayRow"/> to the replay window and climatology and, when asked, forecasts the next one.</summary>
    private void AddDay(int label, int dayOfYear, bool predict)
    {
        _learner.Add(_dayRow, label);
        double value = _learner.FirstValue(_dayRow);
        Forecasts.Climatology.Add(dayOfYear, label, value);
        if (!predict) return;
        ReadOnlySpan<float> output = _learner.ForecastNext(out double modelValue);
        int tomorrow = (dayOfYear + _windows.Options.Horizon) % DaysPerYear;
        Forecasts.Forecast(output, modelValue, label, value, tomorrow);
    }

    public Snapshot BuildSnapshot(LiveStatus status) => LiveWeatherSnapshot.Build(this, status, _run, _history, NetworkOfLatestWindow(),
        _hours, _observed, _world.Markers());

    /// <summary>The unrolled network: a forward pass over the latest window of days (null before there is one).</summary>
    private NetworkSnapshot? NetworkOfLatestWindow()
    {
        int l = _windows.Options.SequenceLength, f = _featureColumns.Length;
        if (_replay.Days < l) return null;
        for (int t = 0; t < l; t++) _replay.Features(l - 1 - t).CopyTo(_window.AsSpan(t * f, f));
        var input = new Activations(_window, l, 1, f);
        Activations output = _run.Model.Forward(input, training: false);
        return _readout.Label(NetworkSnapshotBuilder.Build(_run.Model, input, output, 0, _history.Last.Clipped));
    }

    private double _lastClip;

    public string? Apply(TrainingControl control) => TrainingControls.Apply(_run.Trainer, control, ref _lastClip);

    public string Report() => LiveWeatherReport.Text(this);

    /// <summary>The model's recovery from each change of climate so far (see <see cref="RollingAccuracyHistory.RecoveryAfter"/>).</summary>
    public IReadOnlyList<RecoveryFigures> Recoveries() => _world.Changes.Where(c => c.ChangedClimate)
        .Select(c => Forecasts.Book.History.RecoveryAfter(c.Day)).OfType<RecoveryFigures>().ToArray();

    public LiveScoreCurves ScoreCurves()
    {
        RollingAccuracyHistory h = Forecasts.Book.History;
        return new LiveScoreCurves(h.SpanDays, DaysPerYear, h.Model.ToArray(), h.Persistence.ToArray(), h.Climatology.ToArray(),
            _world.Changes.ToArray(), Recoveries());
    }

    public System.Text.Json.Nodes.JsonObject ReportJson() => LiveWeatherReport.Json(this);
}
