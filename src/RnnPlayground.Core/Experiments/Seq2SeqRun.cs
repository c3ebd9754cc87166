using System.Diagnostics;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Runs a <see cref="Seq2SeqDefinition"/>: trains step by step over length-bucketed batches (the
/// learning rate from the schedule, the teacher-forcing ratio from its schedule), scores the
/// validation split on schedule by decoding it, and ends with the scores on validation and test
/// (exact match, token accuracy, CER, and BLEU and chrF for word-level pairs), the checkpoint
/// (<see cref="Seq2SeqCheckpoint"/>, with the data's vocabularies) and summary.json.
/// </summary>
public sealed class Seq2SeqRun
{
    private readonly Stopwatch _trainClock = new();
    private readonly Stopwatch _clock = new();
    private readonly PairBatch _pairs;
    private readonly Seq2SeqBatch _batch = new();
    private readonly LearningRateSchedule? _schedule;
    private readonly bool _hasValidation;
    private int[][] _epochBatches = [];
    private int _position;
    private string? _stopReason;
    private RunStatus _status = RunStatus.Completed;
    private string _message = "";
    private RunSummary? _summary;
    private StreamWriter? _log;

    /// <param name="settings">Output folder, steps, epochs and seed over the definition's (its observer is not used: see the events).</param>
    public Seq2SeqRun(Seq2SeqDefinition definition, RunSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        settings ??= new RunSettings();
        if (settings.Observer is not null) throw new ArgumentException("an encoder–decoder run reports through its events, not an observer", nameof(settings));
        Definition = definition;
        Settings = settings;
        Random = new RandomSource(settings.Seed ?? definition.Seed);
        Model = new Seq2SeqModel(definition.Model);
        Model.ResetParameters(Random);
        PairDataset data = definition.Data;
        BatchesPerEpoch = (data.Count(Split.Train) + definition.BatchSize - 1) / definition.BatchSize;
        TotalSteps = settings.Steps
            ?? (settings.Epochs is { } e ? e * (long)BatchesPerEpoch : (long?)null)
            ?? definition.Steps
            ?? (definition.Epochs ?? 10) * (long)BatchesPerEpoch;
        Optimizer optimizer = definition.Optimizer.Create(Model.Parameters);
        _schedule = definition.Schedule?.Create(definition.Optimizer.LearningRate, TotalSteps);
        var teacherForcing = new TeacherForcingSchedule(definition.TeacherForcingFrom, definition.TeacherForcingTo,
            definition.TeacherForcingFrom == definition.TeacherForcingTo ? 0 : definition.TeacherForcingSteps ?? TotalSteps);
        Trainer = new Seq2SeqTrainer(Model, optimizer, Random, teacherForcing, definition.ClipNorm);
        _pairs = new PairBatch(definition.BatchSize, data.MaxSourceLength, data.MaxTargetSteps);
        _hasValidation = data.Count(Split.Validation) > 0;
    }

    public Seq2SeqDefinition Definition { get; }

    public RunSettings Settings { get; }

    public RandomSource Random { get; }

    public Seq2SeqModel Model { get; }

    public Seq2SeqTrainer Trainer { get; }

    public PairDataset Data => Definition.Data;

    /// <summary>Training steps the run ends at.</summary>
    public long TotalSteps { get; }

    public int BatchesPerEpoch { get; }

    public long Step => Trainer.Step;

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>The loss of the latest step (NaN before one).</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>The latest validation scores.</summary>
    public EvaluationResult? LastValidation { get; private set; }

    /// <summary>The step <see cref="LastValidation"/> was scored after (-1 before one).</summary>
    private long _validationStep = -1;

    /// <summary>Training steps per second so far (evaluations excluded).</summary>
    public double StepsPerSecond => _trainClock.Elapsed.TotalSeconds > 0 ? Trainer.Step / _trainClock.Elapsed.TotalSeconds : 0;

    /// <summary>True once the run has stopped training.</summary>
    public bool IsOver { get; private set; }

    /// <summary>After each training step.</summary>
    public Action<Seq2SeqRun>? StepTrained { get; set; }

    /// <summary>After the last step of each epoch (after its evaluation).</summary>
    public Action<Seq2SeqRun>? EpochEnded { get; set; }

    /// <summary>After each scheduled validation evaluation.</summary>
    public Action<Seq2SeqRun, EvaluationResult>? Evaluated { get; set; }

    /// <summary>Once, when the run is finished.</summary>
    public Action<Seq2SeqRun, RunSummary>? Finished { get; set; }

    /// <summary>Ends the run after the current step.</summary>
    public void RequestStop(string reason) => _stopReason ??= reason;

    /// <summary>Trains to the end (or until stopped, cancelled or diverged) and returns the summary.</summary>
    public RunSummary Run(CancellationToken cancellation = default)
    {
        while (!cancellation.IsCancellationRequested && StepOnce())
        {
        }
        if (cancellation.IsCancellationRequested && _status == RunStatus.Completed)
            (_status, _message) = (RunStatus.Cancelled, "cancelled");
        return Finish();
    }

    /// <summary>One training step with the evaluation due after it. Returns false when the run is over and <see cref="Finish"/> is due.</summary>
    public bool StepOnce()
    {
        if (IsOver) return false;
        if (!_clock.IsRunning) Start();
        if (Trainer.Step >= TotalSteps)
        {
            IsOver = true;
            return false;
        }
        if (_position == _epochBatches.Length)
        {
            _epochBatches = Data.Batches(Split.Train, Definition.BatchSize, Random);
            _position = 0;
        }
        Data.Fill(Split.Train, _epochBatches[_position++], _pairs);
        _batch.CopyFrom(_pairs);
        if (_schedule is not null) Trainer.Optimizer.LearningRate = _schedule.LearningRateAt(Trainer.Step + 1);
        try
        {
            _trainClock.Start();
            LastLoss = Trainer.TrainOn(_batch);
        }
        catch (TrainingDivergedException e)
        {
            (_status, _message, IsOver) = (RunStatus.Diverged, e.Message, true);
            return false;
        }
        finally
        {
            _trainClock.Stop();
        }
        StepTrained?.Invoke(this);
        bool epochEnded = _position == _epochBatches.Length;
        if (epochEnded) Epoch++;
        if (_hasValidation && (Definition.EvaluateEvery > 0 ? Trainer.Step % Definition.EvaluateEvery == 0 : epochEnded))
        {
            (LastValidation, _validationStep) = (Evaluate(Split.Validation), Trainer.Step);
            _schedule?.ReportMetric(LastValidation.Loss);
            Evaluated?.Invoke(this, LastValidation);
        }
        Log(LastValidation is { } v && ReferenceEquals(v, _loggedValidation) ? null : LastValidation);
        if (epochEnded) EpochEnded?.Invoke(this);
        if (_stopReason is not null || Trainer.Step >= TotalSteps) IsOver = true; // Finish labels it (RunEnding)
        return !IsOver;
    }

    private EvaluationResult? _loggedValidation;

    private static readonly string[] LoggedScores = ["loss", "exact", "token_accuracy", "cer"];

    private void Start()
    {
        _clock.Start();
        if (Settings.OutputDirectory is not { } outDir) return;
        Directory.CreateDirectory(outDir);
        _log = new StreamWriter(Path.Combine(outDir, ExperimentRun.MetricsFile));
        _log.WriteLine("step,epoch,loss,lr,teacher_forcing," + string.Join(',', LoggedScores.Select(n => "val_" + n)));
    }

    /// <summary>A row of metrics.csv: the step's loss, learning rate and teacher-forcing ratio, and the validation scores when it was evaluated.</summary>
    private void Log(EvaluationResult? validation)
    {
        if (_log is null) return;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        string scores = string.Join(',', LoggedScores.Select(n => validation is null ? "" : validation.Metrics[n].ToString("G6", c)));
        _log.WriteLine(string.Create(c, $"{Trainer.Step},{Epoch},{LastLoss:G6},{Trainer.Optimizer.LearningRate:G4},{Model.TeacherForcingRatio:G4},{scores}"));
        if (validation is not null) _loggedValidation = validation;
    }

    /// <summary>
    /// Scores the model on <paramref name="split"/>: the teacher-forced loss, and the outputs decoded
    /// (greedy, or beam search of the definition's width) against the targets: <c>exact</c> (also the
    /// accuracy), <c>token_accuracy</c>, <c>cer</c>, and for word-level pairs <c>bleu</c> and <c>chrf</c>.
    /// </summary>
    public EvaluationResult Evaluate(Split split)
    {
        int count = Data.Count(split);
        if (count == 0) throw new ArgumentException($"the {split} split has no pairs", nameof(split));
        string[] outputs = Decode(split);
        string[] targets = Enumerable.Range(0, count).Select(i => Data.Pair(split, i).Target).ToArray();
        string[][] outputTokens = outputs.Select(o => TokenText.Split(o, Data.Level)).ToArray();
        string[][] targetTokens = targets.Select(t => TokenText.Split(t, Data.Level)).ToArray();
        double loss = TeacherForcedLoss(split);
        double exact = SequenceMetrics.ExactMatch(outputs, targets);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = loss,
            ["exact"] = exact,
            ["token_accuracy"] = SequenceMetrics.TokenAccuracy(outputTokens, targetTokens),
            ["cer"] = SequenceMetrics.CharacterErrorRate(outputs, targets),
        };
        if (Data.Level == TokenLevel.Word)
        {
            metrics["bleu"] = Bleu.Corpus(outputs, targets).Score;
            metrics["chrf"] = ChrF.Corpus(outputs, targets);
        }
        return new EvaluationResult(split, count, loss, exact, double.NaN, double.NaN, [], [], metrics);
    }

    /// <summary>The decoded outputs of every pair of <paramref name="split"/>, in order (greedy sources of one length side by side).</summary>
    private string[] Decode(Split split)
    {
        int count = Data.Count(split);
        var outputs = new string[count];
        var options = new DecodingOptions(TokenVocabulary.Bos, TokenVocabulary.Eos, Data.MaxTargetSteps + 5, Definition.Beam);
        if (Definition.Beam > 1)
        {
            for (int i = 0; i < count; i++) outputs[i] = Data.DecodeTarget(Seq2SeqDecoder.Beam(Model, Data.SourceIds(split, i).ToArray(), options).Tokens);
            return outputs;
        }
        foreach (var group in Enumerable.Range(0, count).GroupBy(i => Data.SourceIds(split, i).Length))
        {
            foreach (int[] chunk in group.Chunk(256))
            {
                int steps = group.Key, b = chunk.Length;
                var sources = new int[steps * b];
                for (int r = 0; r < b; r++)
                {
                    ReadOnlySpan<int> ids = Data.SourceIds(split, chunk[r]);
                    for (int t = 0; t < steps; t++) sources[t * b + r] = ids[t];
                }
                Translation[] decoded = Seq2SeqDecoder.Greedy(Model, sources, steps, b, options);
                for (int r = 0; r < b; r++) outputs[chunk[r]] = Data.DecodeTarget(decoded[r].Tokens);
            }
        }
        return outputs;
    }

    /// <summary>The mean teacher-forced cross-entropy per target token over <paramref name="split"/>.</summary>
    private double TeacherForcedLoss(Split split)
    {
        double total = 0;
        long tokens = 0;
        foreach (int[] indices in Data.Batches(split, Definition.BatchSize))
        {
            Data.Fill(split, indices, _pairs);
            _batch.CopyFrom(_pairs);
            int n = 0;
            foreach (int i in indices) n += Data.TargetIds(split, i).Length + 1;
            total += Trainer.Evaluate(_batch) * n;
            tokens += n;
        }
        return tokens == 0 ? double.NaN : total / tokens;
    }

    /// <summary>
    /// Decodes <paramref name="text"/> (see <see cref="Seq2SeqPairs.Translate"/>): the output and the
    /// attention snapshot, labelled with <paramref name="target"/> and the run's step.
    /// </summary>
    public (string Output, AttentionSnapshot Attention) Translate(string text, int beam = 1, int maxLength = 0, float lengthPenalty = 0f, string target = "") =>
        Seq2SeqPairs.Translate(Model, Data, text, beam, maxLength, lengthPenalty, target, Trainer.Step);

    /// <summary>Metadata stored in this run's checkpoint.</summary>
    public Dictionary<string, string> CheckpointMetadata()
    {
        var meta = new Dictionary<string, string>(Definition.Metadata, StringComparer.Ordinal) { ["experiment"] = Definition.Name };
        if (Definition.Parameters.Count > 0) meta[ExperimentParameters.MetadataKey] = ExperimentParameters.ToJson(Definition.Parameters).ToJsonString();
        return meta;
    }

    /// <summary>
    /// Ends the run: saves the checkpoint, scores validation (unless the latest scores are of this
    /// step) and test, writes summary.json. Call once
    /// (later calls return the same summary).
    /// </summary>
    public RunSummary Finish()
    {
        if (_summary is not null) return _summary;
        if (!_clock.IsRunning) Start();
        IsOver = true;
        _log?.Dispose();
        _log = null;
        string? outDir = Settings.OutputDirectory;
        string? checkpoint = null;
        EvaluationResult? validation = null, test = null;
        if (_status != RunStatus.Diverged)
        {
            if (outDir is not null)
            {
                Directory.CreateDirectory(outDir);
                checkpoint = Path.Combine(outDir, ExperimentRun.CheckpointFile);
                Seq2SeqCheckpoint.Save(checkpoint, Model, CheckpointMetadata());
            }
            // Only training changes the weights: scores from this step are those of the final model.
            validation = !_hasValidation ? null : _validationStep == Trainer.Step ? LastValidation : Evaluate(Split.Validation);
            test = Data.Count(Split.Test) > 0 ? Evaluate(Split.Test) : null;
        }
        (_status, _message) = RunEnding.Label(_status, _message, _stopReason, Trainer.Step, TotalSteps);
        _summary = new RunSummary(Definition.Name, _status, _message, Trainer.Step, Epoch, LastLoss, Trainer.Step, validation, test, [],
            _clock.Elapsed.TotalSeconds, StepsPerSecond, checkpoint, null, Definition.Parameters);
        if (outDir is not null) ExperimentRun.WriteSummary(Path.Combine(outDir, ExperimentRun.SummaryFile), _summary);
        Finished?.Invoke(this, _summary);
        return _summary;
    }
}
