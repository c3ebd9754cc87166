using System.Globalization;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

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
    private readonly RunCurve _lossCurve = new();
    private float[] _gradientProfile = [];
    private float[] _gradientScratch = [];
    private long _profileSamples;
    private NetworkSnapshot? _network;
    private EvaluationResult? _validationSeen;
    private bool _wantNetwork = true;
    private float[] _sampleInputs = [];
    private int[] _sampleTokens = [];
    private RunSummary? _summary;
    private readonly NetworkReadout _readout;
    private readonly CharVocabulary? _vocabulary;
    private TextSample? _textSample;

    /// <summary>Training steps between two samples of a text model's writing.</summary>
    public const int SampleEverySteps = 25;

    /// <summary>Characters and temperature of the text sample shown.</summary>
    public const int SampleLength = 240;

    /// <inheritdoc cref="SampleLength"/>
    public const double SampleTemperature = 0.8;

    public LiveTrainingRun(ExperimentRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
        foreach (RecurrentLayer r in run.Model.RecurrentLayers) r.TrackGradientNorms = true;
        run.StepTrained = CaptureNetwork;
        _readout = new NetworkReadout(run.Definition.Data);
        _vocabulary = (run.Definition.Data as CharSequenceDataset)?.Vocabulary;
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
        long before = _run.Trainer.Step;
        if (before + 1 >= _run.TotalSteps) _wantNetwork = true; // a finished run shows the network of its last step
        bool more = _run.StepOnce();
        if (_run.Trainer.Step > before && _run.LastStep.Step == _run.Trainer.Step) // not the step that diverged
        {
            _lossCurve.Add((float)_run.LastStep.Loss.Total);
            AverageGradientProfile();
        }
        _history.Add(_run.LastStep);
        if (_run.LastValidation is { } v && !ReferenceEquals(v, _validationSeen))
        {
            _history.Validation.Add((float)v.Loss);
            _validationSeen = v;
        }
        if (!more) _summary = _run.Finish();
    }

    /// <summary>Folds this step's |∂L/∂h_t| per time step into an exponential average (the profile a comparison shows).</summary>
    private void AverageGradientProfile()
    {
        int steps = _run.Definition.Data.Shape.SequenceLength;
        if (_gradientScratch.Length != steps) (_gradientScratch, _gradientProfile) = (new float[steps], new float[steps]);
        if (!_run.Model.GradientNormPerStep(_gradientScratch)) return;
        float a = _profileSamples++ == 0 ? 1f : 0.05f;
        for (int t = 0; t < steps; t++) _gradientProfile[t] += a * (_gradientScratch[t] - _gradientProfile[t]);
    }

    /// <summary>
    /// This run as one variant of a comparison: its whole-run loss curve, gradient profile and how it
    /// ended (copies; safe to hand to another thread).
    /// </summary>
    public VariantSnapshot DescribeVariant(string name)
    {
        VariantState state = _summary is null ? VariantState.Running
            : _summary.Status == RunStatus.Diverged ? VariantState.Diverged : VariantState.Finished;
        long? diverged = state == VariantState.Diverged ? TrainingSteps : null; // the trainer counts the step that failed
        double loss = _lossCurve.Added > 0 ? _run.LastStep.Loss.Total : double.NaN;
        return new VariantSnapshot(name, state, TrainingSteps, _run.TotalSteps, _lossCurve.ToArray(), _lossCurve.StepsPerPoint,
            _profileSamples > 0 ? (float[])_gradientProfile.Clone() : [], diverged, loss);
    }

    /// <summary>Copies the network's view of the first sample of the training batch just used (when a snapshot is wanted).</summary>
    private void CaptureNetwork()
    {
        if (!_wantNetwork) return;
        Batch batch = _run.Trainer.CurrentBatch;
        TaskShape shape = batch.Shape;
        int size = batch.Size, steps = shape.SequenceLength, f = shape.InputFeatures;
        Activations input;
        if (shape.TokenInput)
        {
            if (_sampleTokens.Length < steps) _sampleTokens = new int[steps];
            for (int t = 0; t < steps; t++) _sampleTokens[t] = batch.Tokens[t * size];
            input = Activations.FromTokens(_sampleTokens, steps, 1);
        }
        else
        {
            if (_sampleInputs.Length < steps * f) _sampleInputs = new float[steps * f];
            for (int t = 0; t < steps; t++) batch.Inputs.AsSpan(t * size * f, f).CopyTo(_sampleInputs.AsSpan(t * f, f));
            input = new Activations(_sampleInputs, steps, 1, f);
        }
        // The first sample of the batch just trained on, over its whole sequence (under truncated
        // BPTT the training passes saw it in chunks); the gradient norms are those of the last backward pass.
        Activations output = _run.Model.Forward(input, training: false);
        _network = _readout.Label(NetworkSnapshotBuilder.Build(_run.Model, input, output, 0, _run.LastStep.Clipped),
            shape.TokenInput ? _sampleTokens.AsSpan(0, steps) : default);
        _wantNetwork = false;
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        _wantNetwork = true;
        EvaluationResult? v = _run.LastValidation;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (v is not null)
            foreach (string k in new[] { "loss", "accuracy", "mae", "rmse" })
                if (v.Metrics.TryGetValue(k, out double value)) metrics["val_" + k] = value;
        int[] confusion = v?.Confusion ?? [];
        StepResult last = _run.LastStep;
        float clip = _run.Trainer.ClipNorm is { } c ? (float)c : float.NaN;
        string message = _summary is null
            ? string.Create(CultureInfo.InvariantCulture, $"step {TrainingSteps} of {_run.TotalSteps}")
            : $"finished: {_summary.Message}";
        return new Snapshot(status.Sequence, Name, TrainingSteps, _run.Trainer.Epoch, last.Loss.Total, _run.Trainer.Optimizer.LearningRate,
            last.GradientNorm, status.StepsPerSecond, status.Paused, status.TicksPerSecond, _network, null,
            _history.ToSnapshot(_run.Definition.Data.Shape.ClassNames, confusion, metrics, clip), message,
            MeasuredTicksPerSecond: status.MeasuredTicksPerSecond)
        {
            Sample = LatestTextSample(),
        };
    }

    /// <summary>A text model's writing from its current weights, sampled afresh every <see cref="SampleEverySteps"/> steps and at the end (same seed each time, so only the weights change it).</summary>
    private TextSample? LatestTextSample()
    {
        if (_vocabulary is null || TrainingSteps == 0) return null;
        long since = TrainingSteps - (_textSample?.Step ?? 0);
        if (_textSample is null || since >= SampleEverySteps || (_summary is not null && since > 0))
        {
            string text = Generation.TextGenerator.Generate(_run.Model, _vocabulary, "", SampleLength, SampleTemperature, new RandomSource(7));
            _textSample = new TextSample(text, "", TrainingSteps, SampleTemperature);
        }
        return _textSample;
    }

    private double _lastClip;

    public string? Apply(TrainingControl control) => TrainingControls.Apply(_run.Trainer, control, ref _lastClip);

    public string Report() => _summary is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {TrainingSteps} steps, loss {_run.LastStep.Loss.Total:G4}")
        : $"{Name}: {_summary.Message}";
}
