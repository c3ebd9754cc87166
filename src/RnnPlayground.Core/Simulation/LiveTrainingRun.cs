using System.Globalization;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A plain training run (no streaming world) driven tick by tick: each tick is one step of the
/// <see cref="ExperimentRun"/> with its evaluations and observers, and the snapshot shows the
/// network on the first sample of the latest training batch.
/// </summary>
public sealed class LiveTrainingRun : ILiveExperiment
{
    private readonly ExperimentRun _run;
    private readonly TrainingHistory _history = new();
    private NetworkSnapshot? _network;
    private EvaluationResult? _validationSeen;
    private bool _wantNetwork = true;
    private RunSummary? _summary;

    public LiveTrainingRun(ExperimentRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
        foreach (RecurrentLayer r in run.Model.RecurrentLayers) r.TrackGradientNorms = true;
        run.StepTrained = CaptureNetwork;
    }

    public string Name => _run.Definition.Name;

    public long Ticks { get; private set; }

    public long TrainingSteps => _run.Trainer.Step;

    public bool Finished => _summary is not null;

    /// <summary>The summary once the run has ended.</summary>
    public RunSummary? Summary => _summary;

    public void Advance()
    {
        if (_summary is not null) return;
        TrainOnce();
        Ticks++;
    }

    public void TrainOnce()
    {
        if (_summary is not null) return;
        bool more = _run.StepOnce();
        _history.Add(_run.LastStep);
        if (_run.LastValidation is { } v && !ReferenceEquals(v, _validationSeen))
        {
            _history.Validation.Add((float)v.Loss);
            _validationSeen = v;
        }
        if (!more) _summary = _run.Finish();
    }

    /// <summary>Copies the network's view of the first sample of the training batch just used.</summary>
    private void CaptureNetwork()
    {
        if (!_wantNetwork) return;
        Batch batch = _run.Trainer.CurrentBatch;
        TaskShape shape = batch.Shape;
        int size = batch.Size, steps = shape.SequenceLength;
        Activations input = shape.TokenInput
            ? Activations.FromTokens(batch.Tokens, steps, size)
            : new Activations(batch.Inputs, steps, size, shape.InputFeatures);
        if (shape.SequenceLength != _run.Model.LastOutput.Steps && _run.Model.Head == HeadMode.EveryStep) return; // truncated BPTT: the layers hold the last chunk
        _network = NetworkSnapshotBuilder.Build(_run.Model, input, _run.Model.LastOutput, 0, _run.LastStep.Clipped);
        _wantNetwork = false;
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        _wantNetwork = true;
        EvaluationResult? v = _run.LastValidation;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (v is not null)
            foreach ((string k, double value) in v.Metrics) metrics["val_" + k] = value;
        int[] confusion = v?.Confusion ?? [];
        StepResult last = _run.LastStep;
        float clip = _run.Definition.Training.ClipNorm is { } c ? (float)c : float.NaN;
        string message = _summary is null
            ? string.Create(CultureInfo.InvariantCulture, $"step {TrainingSteps} of {_run.TotalSteps}")
            : $"finished: {_summary.Message}";
        return new Snapshot(status.Sequence, Name, TrainingSteps, _run.Trainer.Epoch, last.Loss.Total, _run.Trainer.Optimizer.LearningRate,
            last.GradientNorm, _run.StepsPerSecond, status.Paused, status.TicksPerSecond, _network, null,
            _history.ToSnapshot(_run.Definition.Data.Shape.ClassNames, confusion, metrics, clip), message);
    }

    public string Report() => _summary is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {TrainingSteps} steps, loss {_run.LastStep.Loss.Total:G4}")
        : $"{Name}: {_summary.Message}";
}
