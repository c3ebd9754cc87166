using System.Diagnostics;
using System.Text.Json;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Runs an <see cref="ExperimentDefinition"/>: trains for the set steps or epochs, evaluates on
/// the validation split on schedule (keeping the best model by the selection metric and
/// stopping early when asked), writes metrics.csv and checkpoints, and ends with the selected
/// model's scores on validation and test beside the dataset's baselines.
/// </summary>
public sealed class ExperimentRun
{
    public const string MetricsFile = "metrics.csv";
    public const string CheckpointFile = "checkpoint.safetensors";
    public const string BestWeightsFile = "best.safetensors";
    public const string SummaryFile = "summary.json";

    private readonly RunContext _context;
    private readonly Stopwatch _trainClock = new();
    private readonly Stopwatch _clock = new();
    private readonly bool _hasValidation;
    private string? _stopReason;
    private long _stepsThisRun;
    private bool _started;
    private MetricsLog? _log;
    private RunProgress _progress = new();
    private RunStatus _status = RunStatus.Completed;
    private string _message = "";
    private StepResult _last;
    private RunSummary? _summary;
    private float[]? _normScratch;

    public ExperimentRun(ExperimentDefinition definition, RunSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        settings ??= new RunSettings();
        if (settings.Steps is < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Steps, "steps must be ≥ 1");
        if (settings.Epochs is < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "epochs must be ≥ 1");
        Definition = definition;
        Settings = settings;
        Random = new RandomSource(settings.Seed ?? definition.Seed);
        Model = new SequenceModel(definition.Model);
        Model.ResetParameters(Random);
        Optimizer optimizer = definition.Optimizer.Create(Model.Parameters);
        Loss = new TaskLoss(definition.Data.Shape, definition.ClassificationLoss, definition.RegressionLoss, definition.ValueLossWeight);
        int trainCount = definition.Data.Count(Split.Train);
        if (trainCount < 1) throw new ArgumentException($"experiment '{definition.Name}': the dataset has no training samples");
        int batchesPerEpoch = (trainCount + definition.Training.BatchSize - 1) / definition.Training.BatchSize;
        TotalSteps = settings.Steps
            ?? (settings.Epochs is { } e ? e * (long)batchesPerEpoch : (long?)null)
            ?? definition.Steps
            ?? (definition.Epochs ?? 10) * (long)batchesPerEpoch;
        int seq = definition.Data.Shape.SequenceLength, chunk = definition.Training.TruncatedBptt ?? seq;
        long updatesPerStep = definition.Data.Shape.TargetEveryStep ? (seq + chunk - 1) / chunk : 1;
        LearningRateSchedule? schedule = definition.Schedule?.Create(definition.Optimizer.LearningRate, TotalSteps * updatesPerStep);
        Trainer = new Trainer(Model, definition.Data, optimizer, Loss, Random, definition.Training, schedule);
        Evaluator = new Evaluator(Model, definition.Data, Loss, Math.Max(definition.Training.BatchSize, 64));
        _context = new RunContext(this);
        _hasValidation = definition.Data.Count(Split.Validation) > 0;
        if (settings.ResumeFrom is { } resume)
        {
            SafeTensorsContents restored = TrainingCheckpoint.Restore(resume, Trainer);
            _progress = RunProgress.FromCheckpoint(resume, restored, Trainer.Step, Model.Parameters.Count, definition.Data.Shape.SequenceLength);
        }
    }

    public ExperimentDefinition Definition { get; }

    public RunSettings Settings { get; }

    public RandomSource Random { get; }

    public SequenceModel Model { get; }

    public TaskLoss Loss { get; }

    public Trainer Trainer { get; }

    public Evaluator Evaluator { get; }

    /// <summary>Training steps the run ends at.</summary>
    public long TotalSteps { get; }

    /// <summary>The latest validation evaluation.</summary>
    public EvaluationResult? LastValidation { get; private set; }

    /// <summary>Training steps per second of this run so far (evaluations excluded).</summary>
    public double StepsPerSecond => _trainClock.Elapsed.TotalSeconds > 0 ? _stepsThisRun / _trainClock.Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Closes the run's files (metrics.csv) without finishing it: no final evaluation, checkpoint or
    /// summary. For a run replaced by a fresh one (a weight reset); it trains no more.
    /// </summary>
    public void Discard()
    {
        _log?.Dispose();
        _log = null;
        IsOver = true;
    }

    /// <summary>Ends the run after the current step.</summary>
    public void RequestStop(string reason) => _stopReason ??= reason;

    /// <summary>Uses a fixed learning rate from the next update on.</summary>
    public void OverrideLearningRate(float learningRate) => Trainer.LearningRateOverride = learningRate;

    /// <summary>Evaluates the current model on a split.</summary>
    public EvaluationResult Evaluate(Split split) => Evaluator.Evaluate(split);

    /// <summary>Metadata stored in this run's checkpoints.</summary>
    public Dictionary<string, string> CheckpointMetadata()
    {
        var meta = new Dictionary<string, string>(Definition.Metadata, StringComparer.Ordinal) { ["experiment"] = Definition.Name };
        if (Definition.Parameters.Count > 0) meta[ExperimentParameters.MetadataKey] = ExperimentParameters.ToJson(Definition.Parameters).ToJsonString();
        return meta;
    }

    /// <summary>
    /// Saves a training checkpoint of the run at <paramref name="path"/>: the trainer's state and
    /// the run's progress (model selection, best weights), after making metrics.csv hold every
    /// row so far on disk, so the checkpoint never gets ahead of the metrics.
    /// </summary>
    public void SaveCheckpoint(string path)
    {
        _log?.Flush(toDisk: true);
        var meta = CheckpointMetadata();
        (string progress, var tensors) = _progress.ToCheckpoint();
        meta[RunProgress.MetadataKey] = progress;
        TrainingCheckpoint.Save(path, Trainer, meta, tensors);
    }

    /// <summary>Trains to the end (or until stopped, cancelled or diverged) and returns the summary.</summary>
    public RunSummary Run(CancellationToken cancellation = default)
    {
        while (!cancellation.IsCancellationRequested && StepOnce())
        {
        }
        if (cancellation.IsCancellationRequested && _status == RunStatus.Completed)
        {
            _status = RunStatus.Cancelled;
            _message = "cancelled";
        }
        return Finish();
    }

    /// <summary>Called right after each training step, before observers and evaluation (the model's layers still hold the training batch).</summary>
    public Action? StepTrained { get; set; }

    /// <summary>True once the run has stopped training (reached its steps, stopped, or diverged).</summary>
    public bool IsOver { get; private set; }

    /// <summary>The last step's result.</summary>
    public StepResult LastStep => _last;

    /// <summary>
    /// One training step with what follows it on schedule (evaluation, model selection,
    /// checkpoint, observers). Returns false when the run is over and <see cref="Finish"/> is due.
    /// </summary>
    public bool StepOnce()
    {
        if (IsOver) return false;
        if (!_started) Start();
        if (Trainer.Step >= TotalSteps)
        {
            IsOver = true;
            return false;
        }
        IRunObserver? observer = Settings.Observer;
        string? outDir = Settings.OutputDirectory;
        ModelSelection selection = Definition.Selection;
        try
        {
            _trainClock.Start();
            _last = Trainer.TrainStep();
            _stepsThisRun++;
        }
        catch (TrainingDivergedException e)
        {
            _status = RunStatus.Diverged;
            _message = e.Message;
            IsOver = true;
            return false;
        }
        finally
        {
            _trainClock.Stop();
        }
        _context.Last = _last;
        _progress.LastLoss = _last.Loss.Total;
        if (Definition.Training.TrackGradientNorms) AverageGradientNorms();
        StepTrained?.Invoke();
        observer?.OnStep(_context);
        bool evaluate = _hasValidation && (Definition.EvaluateEvery > 0 ? _last.Step % Definition.EvaluateEvery == 0 : _last.EpochEnded);
        EvaluationResult? validation = null;
        if (evaluate)
        {
            validation = Evaluate(Split.Validation);
            LastValidation = validation;
            double score = validation[selection.Metric];
            Trainer.Schedule.ReportMetric(score);
            if (selection.IsBetter(score, _progress.Best))
            {
                _progress.Best = score;
                _progress.BestStep = _last.Step;
                _progress.BestParameters ??= new float[Model.Parameters.Count];
                Model.Parameters.Values.AsSpan(0, Model.Parameters.Count).CopyTo(_progress.BestParameters);
                _progress.EvaluationsWithoutImprovement = 0;
            }
            else
            {
                _progress.EvaluationsWithoutImprovement++;
            }
            observer?.OnEvaluation(_context, validation);
        }
        if (_last.EpochEnded) observer?.OnEpoch(_context);
        _log?.Write(_last, validation);
        if (outDir is not null && Definition.CheckpointEvery > 0 && _last.Step % Definition.CheckpointEvery == 0)
            SaveCheckpoint(Path.Combine(outDir, CheckpointFile));
        if (selection.Patience is { } patience && _progress.EvaluationsWithoutImprovement >= patience)
        {
            _status = RunStatus.StoppedEarly;
            _message = $"no improvement of validation {selection.Metric} in {patience} evaluations (best {_progress.Best:G4} at step {_progress.BestStep})";
            IsOver = true;
        }
        else if (_stopReason is not null || Trainer.Step >= TotalSteps)
        {
            IsOver = true; // Finish labels it (RunEnding): stopped short of the steps, or completed
        }
        return !IsOver;
    }

    /// <summary>Folds this step's per-step gradient norms (all recurrent stacks) into an exponential average.</summary>
    private void AverageGradientNorms()
    {
        int steps = Definition.Data.Shape.SequenceLength;
        float[] average = _progress.NormAverage ??= new float[steps];
        _normScratch ??= new float[steps];
        if (!Model.GradientNormPerStep(_normScratch)) return;
        float a = _progress.NormSamples == 0 ? 1f : 0.05f;
        for (int t = 0; t < steps; t++) average[t] += a * (_normScratch[t] - average[t]);
        _progress.NormSamples++;
    }

    private void Start()
    {
        _started = true;
        _clock.Start();
        if (Settings.OutputDirectory is { } outDir)
        {
            Directory.CreateDirectory(outDir);
            StaleTemporaryFiles.Remove(outDir);
            string metrics = Path.Combine(outDir, MetricsFile);
            _log = Settings.ResumeFrom is { } resume
                ? MetricsLog.Resume(metrics, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resume))!, MetricsFile), Trainer.Step)
                : new MetricsLog(metrics);
        }
    }

    /// <summary>
    /// Ends the run: saves the final checkpoint, puts back the best parameters (by the selection
    /// metric), scores validation and test and the baselines, writes summary.json. Call once.
    /// </summary>
    public RunSummary Finish()
    {
        if (_summary is not null) return _summary;
        if (!_started) Start();
        IsOver = true;
        string? outDir = Settings.OutputDirectory;
        string? checkpoint = null;
        if (outDir is not null && _status != RunStatus.Diverged)
        {
            checkpoint = Path.Combine(outDir, CheckpointFile);
            SaveCheckpoint(checkpoint);
        }
        _log?.Dispose();
        _log = null;
        long bestStep = _progress.BestStep;
        string? bestFile = outDir is null ? null : Path.Combine(outDir, BestWeightsFile);
        if (Definition.Selection.RestoreBest && _progress.BestParameters is { } best && bestStep != Trainer.Step)
        {
            best.CopyTo(Model.Parameters.Values, 0);
            if (bestFile is not null)
            {
                var meta = CheckpointMetadata();
                meta["step"] = bestStep.ToString(System.Globalization.CultureInfo.InvariantCulture);
                TrainingCheckpoint.SaveWeights(bestFile, Model, meta);
            }
        }
        else
        {
            bestStep = Trainer.Step;
            if (bestFile is not null && File.Exists(bestFile)) File.Delete(bestFile); // an earlier (interrupted) session's choice
        }
        EvaluationResult? finalValidation = null, test = null;
        IReadOnlyList<BaselineResult> baselines = [];
        if (_status != RunStatus.Diverged)
        {
            finalValidation = _hasValidation ? Evaluate(Split.Validation) : null;
            test = Definition.Data.Count(Split.Test) > 0 ? Evaluate(Split.Test) : null;
            if (Definition.Data is IHasBaselines b && test is not null) baselines = b.Baselines(Split.Test);
        }
        (_status, _message) = RunEnding.Label(_status, _message, _stopReason, Trainer.Step, TotalSteps);
        _summary = new RunSummary(Definition.Name, _status, _message, Trainer.Step, Trainer.Epoch, _progress.LastLoss, bestStep,
            finalValidation, test, baselines, _clock.Elapsed.TotalSeconds, StepsPerSecond, checkpoint,
            _progress.NormSamples > 0 ? (float[])_progress.NormAverage!.Clone() : null, Definition.Parameters);
        if (outDir is not null) WriteSummary(Path.Combine(outDir, SummaryFile), _summary);
        Settings.Observer?.OnFinish(_context, _summary);
        return _summary;
    }

    /// <summary>Writes a summary as JSON (non-finite numbers as null).</summary>
    public static void WriteSummary(string path, RunSummary s)
    {
        static object? N(double v) => double.IsFinite(v) ? v : null;
        static object? E(EvaluationResult? e) => e is null ? null : new
        {
            samples = e.Samples,
            metrics = e.Metrics.ToDictionary(kv => kv.Key, kv => N(kv.Value)),
            class_names = e.ClassNames,
            confusion = e.Confusion,
        };
        var doc = new
        {
            name = s.Name,
            status = s.Status.ToString().ToLowerInvariant(),
            message = s.Message,
            steps = s.Steps,
            epochs = s.Epochs,
            final_loss = N(s.FinalLoss),
            best_step = s.BestStep,
            validation = E(s.Validation),
            test = E(s.Test),
            baselines = s.Baselines.Select(b => new { name = b.Name, target = b.Target, metric = b.Metric, value = N(b.Value), samples = b.Samples }),
            seconds = s.Seconds,
            steps_per_second = s.StepsPerSecond,
            checkpoint = s.CheckpointPath,
            gradient_norm_per_step = s.GradientNormPerStep,
            @params = ExperimentParameters.ToJson(s.Parameters ?? ExperimentParameters.None),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }
}
