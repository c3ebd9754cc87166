using System.Diagnostics;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The live loop over any <see cref="IStreamWorld"/> (e.g. one a script computes): each tick the
/// world observes its series; when it completes a step, the forecast made one step before is
/// scored against what came, beside persistence (the next step is like this one) and the mean of
/// every step seen, the step joins the replay window, and the model forecasts the next step from
/// the last L steps run from a fresh state, exactly as a training window is seen. Every
/// <see cref="LiveOptions.TrainEveryTicks"/> ticks the model trains on a mini-batch drawn from the
/// replay window (which starts out holding the experiment's history), at the rate
/// <see cref="LiveOptions.Schedule"/> gives for the step (its "days" are steps), within
/// <see cref="LiveOptions.ReplayRatio"/> windows per step. When the world fails, the loop stops
/// (<see cref="Failure"/>, <see cref="Finished"/>) and keeps what it scored. Called from one thread only.
/// </summary>
public sealed class LiveStreamLoop : ILiveExperiment
{
    private readonly ExperimentRun _run;
    private readonly SimulatedStream _stream;
    private readonly IStreamWorld _world;
    private readonly LiveOptions _options;
    private readonly WindowedDataset _windows;
    private readonly int[] _featureColumns, _valueColumns;
    private readonly int _classes, _values;
    private readonly ReplayLearner _learner;
    private readonly DailyReplayBuffer _replay;
    private readonly float[] _row, _observation;
    private readonly RecentValues _ticks;
    private readonly RecentValues[] _observed;
    private readonly TrainingHistory _history;
    private readonly List<WorldChangeRecord> _notes = [];
    private double _lastClip;

    /// <param name="reportEvery">Steps per period of the scores (the weather world's year).</param>
    public LiveStreamLoop(ExperimentRun run, SimulatedStream stream, LiveOptions? options = null, int reportEvery = 1000)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(reportEvery, 1);
        options ??= new LiveOptions();
        options.Validate();
        if (!ReferenceEquals(run.Definition.Data, stream.Windows))
            throw new ArgumentException("the run does not train on this stream's windows", nameof(run));
        _run = run;
        _stream = stream;
        _world = stream.World;
        _options = options;
        _windows = stream.Windows;
        WindowOptions w = _windows.Options;
        _featureColumns = w.Features.Select(f => stream.History.ColumnIndex(f)).ToArray();
        _valueColumns = w.ValueTargets.Select(f => stream.History.ColumnIndex(f)).ToArray();
        _classes = _windows.Shape.NumClasses;
        _values = _windows.Shape.NumValues;
        ReportEvery = reportEvery;
        _learner = new ReplayLearner(run, _windows, options, _featureColumns, _valueColumns, Math.Max(options.ReplayDays, w.SequenceLength + w.Horizon));
        _replay = _learner.Replay;
        _history = _learner.History;
        _row = new float[_world.Columns.Count];
        _observation = new float[_world.Series.Count];
        _ticks = new RecentValues(options.RecentHours);
        _observed = new RecentValues[_observation.Length];
        for (int i = 0; i < _observed.Length; i++) _observed[i] = new RecentValues(options.RecentHours);
        Forecasts = new LiveForecasts(_windows.Shape.ClassNames, _values, reportEvery, options.RecentDays, climatologyPeriod: 1, periodName: "period", when: "next");
        PrimeWithHistory();
        _learner.StartSchedule();
        try
        {
            _world.Restart(options.WorldSeed);
        }
        catch (WorldFailedException e)
        {
            Failure = e;
        }
    }

    public string Name => _run.Definition.Name;

    public long Ticks { get; private set; }

    public long TrainingSteps => _run.Trainer.Step;

    /// <summary>Steps the world completed live.</summary>
    public long Steps { get; private set; }

    /// <summary>Steps per period of <see cref="LiveForecasts.Book"/>.</summary>
    public int ReportEvery { get; }

    /// <summary>True once the world failed: it is not ticked again.</summary>
    public bool Finished => Failure is not null;

    /// <summary>Why the world stopped, or null while it runs.</summary>
    public WorldFailedException? Failure { get; private set; }

    /// <summary>The world's series, as the charts name them.</summary>
    public IReadOnlyList<StreamSeries> Series => _world.Series;

    /// <summary>The forecasts and their scores (per period, rolling, overall).</summary>
    public LiveForecasts Forecasts { get; }

    /// <summary>What the world announced (changes of regime), with the tick and step they came at.</summary>
    public IReadOnlyList<WorldChangeRecord> Notes => _notes;

    /// <summary>Forecasts scored so far.</summary>
    public long Scored => Forecasts.Scored;

    /// <summary>The name of the first value target, or null.</summary>
    public string? ValueName => _values > 0 ? _windows.Options.ValueTargets[0] : null;

    /// <summary>Whether the stream has class targets.</summary>
    public bool HasClasses => _classes > 0;

    /// <summary>The learning rate of the next training step.</summary>
    public float LearningRate => _learner.LearningRate;

    /// <summary>Training steps per second (training time only).</summary>
    public double StepsPerSecond => _learner.StepsPerSecond;

    /// <summary>The replay window holds the end of the history, and its last step's forecast is the first to be scored.</summary>
    private void PrimeWithHistory()
    {
        TimeSeries h = _stream.History;
        int start = Math.Max(0, h.Length - _replay.Capacity);
        for (int row = 0; row < h.Length; row++)
        {
            int label = h.HasLabels ? h.Labels[row] : -1;
            if (row < start)
            {
                Forecasts.Climatology.Add(0, label, _values > 0 ? h.Column(_valueColumns[0])[row] : double.NaN);
                continue;
            }
            for (int c = 0; c < _row.Length; c++) _row[c] = h.Column(c)[row];
            AddStep(label, predict: row == h.Length - 1);
        }
    }

    public void Advance()
    {
        if (Failure is not null) return;
        bool stepDone;
        int label;
        try
        {
            stepDone = _world.Advance(_observation, _row, out label);
        }
        catch (WorldFailedException e)
        {
            Failure = e;
            return;
        }
        if (_world.Note is { } note) _notes.Add(new WorldChangeRecord(Ticks, Steps, note));
        _ticks.Add(Ticks);
        for (int i = 0; i < _observed.Length; i++) _observed[i].Add(_observation[i]);
        if (stepDone)
        {
            if (Forecasts.Score(Steps, label, _learner.FirstValue(_row)) && _classes > 0)
                _history.Validation.Add((float)Forecasts.Book.RollingLogLoss(30));
            AddStep(label, predict: true);
            Steps++;
        }
        Ticks++;
        if (Ticks % _options.TrainEveryTicks == 0 && _learner.WithinReplayRatio) TrainOnce();
    }

    public void TrainOnce() => _learner.TrainOnce(Steps);

    /// <summary>Adds the step in <see cref="_row"/> to the replay window and the mean and, when asked, forecasts the next one.</summary>
    private void AddStep(int label, bool predict)
    {
        _learner.Add(_row, label);
        double value = _learner.FirstValue(_row);
        Forecasts.Climatology.Add(0, label, value);
        if (!predict) return;
        ReadOnlySpan<float> output = _learner.ForecastNext(out double modelValue);
        Forecasts.Forecast(output, modelValue, label, value, 0);
    }

    public Snapshot BuildSnapshot(LiveStatus status) =>
        LiveStreamSnapshot.Build(this, status, _run, _history, LatestWindowNetwork.Build(_run, _replay, _history), _ticks, _observed);

    public string? Apply(TrainingControl control) => TrainingControls.Apply(_run.Trainer, control, ref _lastClip);

    public string Report() => LiveStreamReport.Text(this);

    public System.Text.Json.Nodes.JsonObject ReportJson() => LiveStreamReport.Json(this);
}
