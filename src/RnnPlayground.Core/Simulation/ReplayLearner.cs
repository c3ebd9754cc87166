using System.Diagnostics;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// What every live loop does with the steps its world completes, whatever the world: a step's row
/// normalized into the replay window, the forecast of the next step from the last L steps run from
/// a fresh state (exactly as a training window is seen), and training on mini-batches drawn from
/// the replay window at the rate <see cref="LiveOptions.Schedule"/> gives, within
/// <see cref="LiveOptions.ReplayRatio"/> windows per step added. The weather loop and the loop over
/// any <see cref="Stream.IStreamWorld"/> share it; they score and draw on their own.
/// </summary>
internal sealed class ReplayLearner
{
    private readonly ExperimentRun _run;
    private readonly LiveOptions _options;
    private readonly WindowedDataset _windows;
    private readonly int[] _featureColumns, _valueColumns;
    private readonly int _classes;
    private readonly float _peakLearningRate;
    private readonly StreamingSession _session;
    private readonly Batch _batch;
    private readonly float[] _features, _valueTargets;
    private readonly Stopwatch _trainClock = new();
    private long _samplesDrawn;

    /// <param name="featureColumns">The row columns the model reads, in its input order.</param>
    /// <param name="valueColumns">The row columns of the value targets, in the head's order.</param>
    /// <param name="replaySteps">How many steps the replay window keeps.</param>
    public ReplayLearner(ExperimentRun run, WindowedDataset windows, LiveOptions options, int[] featureColumns, int[] valueColumns, int replaySteps)
    {
        _run = run;
        _options = options;
        _windows = windows;
        _featureColumns = featureColumns;
        _valueColumns = valueColumns;
        _classes = windows.Shape.NumClasses;
        Values = windows.Shape.NumValues;
        WindowOptions w = windows.Options;
        Replay = new DailyReplayBuffer(replaySteps, featureColumns.Length, Values, w.SequenceLength, w.Horizon);
        _session = new StreamingSession(run.Model);
        _batch = new Batch(windows.Shape, run.Definition.Training.BatchSize);
        _features = new float[featureColumns.Length];
        _valueTargets = new float[Values];
        _peakLearningRate = run.Definition.Optimizer.LearningRate;
    }

    /// <summary>The replay window: the latest steps, normalized as the model reads them.</summary>
    public DailyReplayBuffer Replay { get; }

    /// <summary>The training steps so far and the forecasts' rolling log loss as the validation curve.</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>How many value targets the head has.</summary>
    public int Values { get; }

    /// <summary>The learning rate of the next training step.</summary>
    public float LearningRate => _run.Trainer.LearningRateOverride ?? _peakLearningRate;

    /// <summary>Training steps per second (training time only).</summary>
    public double StepsPerSecond => _trainClock.Elapsed.TotalSeconds > 0 ? _run.Trainer.Step / _trainClock.Elapsed.TotalSeconds : 0;

    /// <summary>Whether another batch keeps the windows drawn within <see cref="LiveOptions.ReplayRatio"/> per step added.</summary>
    public bool WithinReplayRatio => _options.ReplayRatio == 0 || _samplesDrawn + _batch.Capacity <= _options.ReplayRatio * Replay.Added;

    /// <summary>The first value target of a row in raw units (NaN without value targets).</summary>
    public double FirstValue(ReadOnlySpan<float> row) => Values > 0 ? row[_valueColumns[0]] : double.NaN;

    /// <summary>Sets the rate of the first step, as the schedule gives it at time 0.</summary>
    public void StartSchedule() => _run.Trainer.LearningRateOverride = _options.Schedule.At(_peakLearningRate, 0);

    /// <summary>Adds a completed step (a row of the world's columns and its class label, or -1) to the replay window.</summary>
    public void Add(ReadOnlySpan<float> row, int label)
    {
        for (int i = 0; i < _featureColumns.Length; i++) _features[i] = row[_featureColumns[i]];
        _windows.FeatureNormalizer.Normalize(_features, _features);
        for (int i = 0; i < Values; i++)
        {
            float raw = row[_valueColumns[i]];
            _valueTargets[i] = _windows.TargetNormalizer?.Normalize(i, raw) ?? raw;
        }
        Replay.Add(_features, label, _valueTargets);
    }

    /// <summary>The model's output for the next step from the last L steps run from a fresh state, and its first value in raw units (NaN without one).</summary>
    public ReadOnlySpan<float> ForecastNext(out double modelValue)
    {
        _session.Reset();
        int steps = Math.Min(Replay.Days, _windows.Options.SequenceLength);
        ReadOnlySpan<float> output = default;
        for (int back = steps - 1; back >= 0; back--) output = _session.Step(Replay.Features(back));
        modelValue = Values > 0 ? _windows.DenormalizeValue(0, output[_classes]) : double.NaN;
        return output;
    }

    /// <summary>One training step on a batch drawn from the replay window, at the schedule's rate for <paramref name="time"/> (in the schedule's days).</summary>
    public void TrainOnce(double time)
    {
        if (Replay.Windows < 1) return;
        _run.Trainer.LearningRateOverride = _options.Schedule.At(_peakLearningRate, time);
        Replay.FillRandom(_batch, _run.Random);
        _samplesDrawn += _batch.Size;
        _trainClock.Start();
        StepResult r = _run.Trainer.TrainOn(_batch);
        _trainClock.Stop();
        History.Add(r);
    }
}
