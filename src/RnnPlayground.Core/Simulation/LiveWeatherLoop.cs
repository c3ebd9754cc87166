using System.Diagnostics;
using System.Globalization;
using System.Text;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live weather experiment. Each tick advances the simulated world one hour. When a day is
/// complete, yesterday's forecast for it is scored (against the persistence forecast "tomorrow
/// is like today"), the day joins the replay window, and the model forecasts tomorrow from the
/// stream with its carried state (one step per day). Every <see cref="LiveOptions.TrainEveryTicks"/>
/// ticks the model trains on a mini-batch of windows drawn from the replay window, which starts
/// out holding the experiment's simulated history, at the optimizer's learning rate (a schedule
/// over a fixed number of steps has no meaning in an endless stream).
/// </summary>
public sealed class LiveWeatherLoop : ILiveExperiment
{
    private readonly ExperimentRun _run;
    private readonly SimulatedWeather _weather;
    private readonly LiveOptions _options;
    private readonly WeatherSimulator _world;
    private readonly DailyWeatherAggregator _aggregator;
    private readonly WindowedDataset _windows;
    private readonly int[] _featureColumns;
    private readonly int[] _valueColumns;
    private readonly int _classes, _values, _rainClassMask;
    private readonly DailyReplayBuffer _replay;
    private readonly StreamingSession _session;
    private readonly Batch _batch;
    private readonly float[] _dayRow, _features, _valueTargets, _probabilities, _window;
    private readonly RecentValues _hours;
    private readonly RecentValues[] _observed;
    private readonly RecentValues _rainPredicted, _rainActual, _rainPersistence, _tempPredicted, _tempActual, _tempPersistence;
    private readonly ClassificationMetrics _modelClasses, _persistenceClasses;
    private readonly RegressionMetrics _modelValues, _persistenceValues;
    private readonly TrainingHistory _history = new();
    private readonly Stopwatch _trainClock = new();
    private readonly float[] _observation = new float[WeatherObservation.ValueCount];
    private bool _hasForecast;
    private int _forecastClass;
    private float _forecastRain, _forecastValue, _persistenceRain, _persistenceValue;
    private int _persistenceClass;

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
        IReadOnlyList<string> classNames = _windows.Shape.ClassNames;
        for (int c = 0; c < classNames.Count; c++)
            if (classNames[c] is "rain" or "storm") _rainClassMask |= 1 << c;
        _world = new WeatherSimulator(weather.Climate, options.WorldSeed);
        _aggregator = new DailyWeatherAggregator(weather.Climate);
        _replay = new DailyReplayBuffer(options.ReplayDays, _featureColumns.Length, _values, w.SequenceLength, w.Horizon);
        _session = new StreamingSession(run.Model);
        _batch = new Batch(_windows.Shape, run.Definition.Training.BatchSize);
        _dayRow = new float[columns.Count];
        _features = new float[_featureColumns.Length];
        _valueTargets = new float[_values];
        _probabilities = new float[Math.Max(1, _classes)];
        _window = new float[w.SequenceLength * _featureColumns.Length];
        _hours = new RecentValues(options.RecentHours);
        _observed = new RecentValues[WeatherObservation.ValueCount];
        for (int i = 0; i < _observed.Length; i++) _observed[i] = new RecentValues(options.RecentHours);
        _rainPredicted = new RecentValues(options.RecentDays);
        _rainActual = new RecentValues(options.RecentDays);
        _rainPersistence = new RecentValues(options.RecentDays);
        _tempPredicted = new RecentValues(options.RecentDays);
        _tempActual = new RecentValues(options.RecentDays);
        _tempPersistence = new RecentValues(options.RecentDays);
        _modelClasses = new ClassificationMetrics(Math.Max(1, _classes));
        _persistenceClasses = new ClassificationMetrics(Math.Max(1, _classes));
        _modelValues = new RegressionMetrics();
        _persistenceValues = new RegressionMetrics();
        PrimeWithHistory();
        // The live loop has no end, so a schedule over a fixed number of steps does not apply:
        // it trains at the optimizer's learning rate.
        run.Trainer.LearningRateOverride = run.Definition.Optimizer.LearningRate;
    }

    public string Name => _run.Definition.Name;

    public long Ticks { get; private set; }

    public long TrainingSteps => _run.Trainer.Step;

    /// <summary>Days completed in the live world.</summary>
    public long Days { get; private set; }

    public bool Finished => false;

    /// <summary>Forecasts scored so far.</summary>
    public long Scored => _modelClasses.Count > 0 ? _modelClasses.Count : _modelValues.Count;

    /// <summary>Accuracy of the model's class forecasts so far (NaN without class targets).</summary>
    public double ModelAccuracy => _classes > 0 ? _modelClasses.Accuracy : double.NaN;

    public double PersistenceAccuracy => _classes > 0 ? _persistenceClasses.Accuracy : double.NaN;

    /// <summary>Mean absolute error of the model's first value target (raw units).</summary>
    public double ModelValueError => _modelValues.MeanAbsoluteError;

    public double PersistenceValueError => _persistenceValues.MeanAbsoluteError;

    /// <summary>Training steps per second (training time only).</summary>
    public double StepsPerSecond => _trainClock.Elapsed.TotalSeconds > 0 ? TrainingSteps / _trainClock.Elapsed.TotalSeconds : 0;

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] == name) return i;
        throw new ArgumentException($"'{name}' is not a weather column; known: {string.Join(", ", columns)}");
    }

    /// <summary>Fills the replay window with the end of the history and warms the carried state on its last days.</summary>
    private void PrimeWithHistory()
    {
        TimeSeries h = _weather.History;
        int start = Math.Max(0, h.Length - _options.ReplayDays);
        for (int row = start; row < h.Length; row++)
        {
            for (int c = 0; c < _dayRow.Length; c++) _dayRow[c] = h.Column(c)[row];
            int label = h.HasLabels ? h.Labels[row] : -1;
            AddDay(label, predict: row >= h.Length - _windows.Options.SequenceLength);
        }
    }

    public void Advance()
    {
        WeatherObservation obs = _world.Next();
        obs.CopyTo(_observation);
        _hours.Add(obs.Hour);
        for (int i = 0; i < _observed.Length; i++) _observed[i].Add(_observation[i]);
        if (_aggregator.Add(obs, out WeatherDay day))
        {
            WeatherHistory.WriteRow(day, _dayRow);
            int label = _classes > 0 ? DailyWeatherRules.ClassIndex(_weather.Rules.Classify(day), _weather.Labels) : -1;
            ScoreForecast(label);
            AddDay(label, predict: true);
            Days++;
        }
        Ticks++;
        if (Ticks % _options.TrainEveryTicks == 0) TrainOnce();
    }

    public void TrainOnce()
    {
        if (_replay.Windows < 1) return;
        _replay.FillRandom(_batch, _run.Random);
        _trainClock.Start();
        StepResult r = _run.Trainer.TrainOn(_batch);
        _trainClock.Stop();
        _history.Add(r);
    }

    /// <summary>Scores yesterday's forecast for the day just completed (in <see cref="_dayRow"/>).</summary>
    private void ScoreForecast(int label)
    {
        if (!_hasForecast) return;
        bool rain = label >= 0 && ((_rainClassMask >> label) & 1) == 1;
        if (_classes > 0)
        {
            _modelClasses.Add(label, _forecastClass);
            _persistenceClasses.Add(label, _persistenceClass);
            _rainPredicted.Add(_forecastRain);
            _rainActual.Add(rain ? 1f : 0f);
            _rainPersistence.Add(_persistenceRain);
            _history.Validation.Add(-MathF.Log(MathF.Max(_probabilities[label], 1e-7f)));
        }
        if (_values > 0)
        {
            float actual = _dayRow[_valueColumns[0]];
            _modelValues.Add(actual, _forecastValue);
            _persistenceValues.Add(actual, _persistenceValue);
            _tempPredicted.Add(_forecastValue);
            _tempActual.Add(actual);
            _tempPersistence.Add(_persistenceValue);
        }
    }

    /// <summary>Adds the day in <see cref="_dayRow"/> to the replay window and, when asked, forecasts the next one.</summary>
    private void AddDay(int label, bool predict)
    {
        for (int i = 0; i < _featureColumns.Length; i++) _features[i] = _dayRow[_featureColumns[i]];
        _windows.FeatureNormalizer.Normalize(_features, _features);
        for (int i = 0; i < _values; i++)
        {
            float raw = _dayRow[_valueColumns[i]];
            _valueTargets[i] = _windows.TargetNormalizer?.Normalize(i, raw) ?? raw;
        }
        _replay.Add(_features, label, _valueTargets);
        if (!predict) return;
        ReadOnlySpan<float> output = _session.Step(_features);
        if (_classes > 0)
        {
            CharSampler.Probabilities(output[.._classes], 1.0, _probabilities);
            _forecastClass = ClassificationMetrics.ArgMax(output[.._classes]);
            _forecastRain = 0f;
            for (int c = 0; c < _classes; c++)
                if (((_rainClassMask >> c) & 1) == 1) _forecastRain += _probabilities[c];
            _persistenceClass = label;
            _persistenceRain = label >= 0 && ((_rainClassMask >> label) & 1) == 1 ? 1f : 0f;
        }
        if (_values > 0)
        {
            _forecastValue = _windows.DenormalizeValue(0, output[_classes]);
            _persistenceValue = _dayRow[_valueColumns[0]];
        }
        _hasForecast = true;
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        // The unrolled network: a forward pass over the latest window of days.
        int l = _windows.Options.SequenceLength, f = _featureColumns.Length;
        NetworkSnapshot? network = null;
        if (_replay.Days >= l)
        {
            for (int t = 0; t < l; t++) _replay.Features(l - 1 - t).CopyTo(_window.AsSpan(t * f, f));
            var input = new Activations(_window, l, 1, f);
            Activations output = _run.Model.Forward(input, training: false);
            network = NetworkSnapshotBuilder.Build(_run.Model, input, output, 0, _history.Last.Clipped);
        }
        var tracks = new List<PredictionTrack>();
        if (_classes > 0)
            tracks.Add(new PredictionTrack("rain tomorrow", true, _rainPredicted.ToArray(), _rainActual.ToArray(), _rainPersistence.ToArray(),
                ModelAccuracy, PersistenceAccuracy, "accuracy"));
        if (_values > 0)
            tracks.Add(new PredictionTrack($"{_windows.Options.ValueTargets[0]} tomorrow", false, _tempPredicted.ToArray(), _tempActual.ToArray(),
                _tempPersistence.ToArray(), ModelValueError, PersistenceValueError, "mae"));
        float[] hourValues = _hours.ToArray();
        var hours = new double[hourValues.Length];
        for (int i = 0; i < hours.Length; i++) hours[i] = hourValues[i];
        var observed = new SeriesSnapshot[_observed.Length];
        for (int i = 0; i < observed.Length; i++)
            observed[i] = new SeriesSnapshot(WeatherObservation.Names[i], WeatherObservation.Units[i], _observed[i].ToArray());
        var weather = new WeatherStreamSnapshot(hours, observed, tracks, Scored);

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["days"] = Days,
            ["forecasts"] = Scored,
        };
        if (_classes > 0)
        {
            metrics["accuracy"] = ModelAccuracy;
            metrics["persistence_accuracy"] = PersistenceAccuracy;
        }
        if (_values > 0)
        {
            metrics["mae"] = ModelValueError;
            metrics["persistence_mae"] = PersistenceValueError;
        }
        int[] confusion = new int[_classes * _classes];
        if (_classes > 0) _modelClasses.CopyConfusion(confusion);
        StepResult last = _history.Last;
        float clip = _run.Definition.Training.ClipNorm is { } c ? (float)c : float.NaN;
        return new Snapshot(status.Sequence, Name, TrainingSteps, _run.Trainer.Epoch, last.Loss.Total, _run.Trainer.Optimizer.LearningRate,
            last.GradientNorm, StepsPerSecond, status.Paused, status.TicksPerSecond, network, weather,
            _history.ToSnapshot(_windows.Shape.ClassNames, confusion, metrics, clip),
            $"day {Days} · hour {Ticks}");
    }

    public string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(c, $"live: {Ticks} ticks ({Days} days), {TrainingSteps} training steps, {Scored} forecasts scored");
        if (_classes > 0)
            s.Append(c, $"\n  tomorrow's weather: model accuracy {ModelAccuracy:P1}, persistence {PersistenceAccuracy:P1}");
        if (_values > 0)
            s.Append(c, $"\n  tomorrow's {_windows.Options.ValueTargets[0]}: model MAE {ModelValueError:F2}, persistence {PersistenceValueError:F2}");
        return s.ToString();
    }
}
