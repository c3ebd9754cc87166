using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The live form of an encoder–decoder script: a tick is a training step of the current run (each
/// <c>compare</c> variant in turn, each finished — checkpoint, summary.json — before the next), and every
/// snapshot carries the loss curves and the attention picture of the script's fixed sample, decoded
/// afresh every <see cref="ScriptedSeq2Seq.FeedEvery"/> steps and at the end of each run, so the
/// heatmap sharpens as training proceeds, with the decoded output against its target.
/// </summary>
public sealed class LiveSeq2Seq : ILiveExperiment
{
    private readonly ScriptedExperiment _script;
    private readonly ScriptedSeq2Seq _seq2seq;
    private readonly Func<string?, RunSettings> _settings;
    private readonly string?[] _variants;
    private readonly List<(string Name, RunSummary Summary)> _summaries = [];
    private TrainingHistory _history = new();
    private int _index;
    private Seq2SeqRun _run;
    private AttentionSnapshot? _attention;
    private long _ticks;

    /// <param name="settings">The settings of the run of each variant (null: the experiment itself): its output folder, steps, seed.</param>
    public LiveSeq2Seq(ScriptedExperiment script, Func<string?, RunSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(settings);
        _script = script;
        _seq2seq = script.Seq2Seq ?? throw new ArgumentException($"{script.ScriptPath} is not an encoder–decoder experiment", nameof(script));
        _settings = settings;
        _variants = _seq2seq.Variants.Count == 0 ? [null] : [.. _seq2seq.Variants];
        _run = Start(0);
    }

    /// <summary>The summaries of the runs finished so far, by variant name (the experiment's name for a single run).</summary>
    public IReadOnlyList<(string Name, RunSummary Summary)> Summaries => _summaries;

    public string Name => _run.Definition.Name;

    public long Ticks => _ticks;

    public long TrainingSteps => _run.Step;

    public bool Finished { get; private set; }

    /// <summary>Called as each run finishes, with its summary and output folder.</summary>
    public Action<string, RunSummary>? RunFinished { get; set; }

    private Seq2SeqRun Start(int index)
    {
        Seq2SeqRun run = _seq2seq.CreateRun(_settings(_variants[index]), _variants[index]);
        _history = new TrainingHistory();
        _attention = null;
        Action<Seq2SeqRun, EvaluationResult>? evaluated = run.Evaluated;
        run.Evaluated = (r, e) =>
        {
            evaluated?.Invoke(r, e);
            _history.Validation.Add((float)e.Loss);
        };
        return run;
    }

    public void Advance()
    {
        _ticks++;
        TrainOnce();
    }

    public void TrainOnce()
    {
        if (Finished) return;
        bool more = _run.StepOnce();
        if (_run.Step > 0 && !double.IsNaN(_run.LastLoss))
            _history.Add(new StepResult(_run.Step, _run.Epoch, new LossValue(_run.LastLoss, _run.LastLoss, 0), double.NaN, _run.Trainer.Optimizer.LearningRate, false, false));
        if (more && _script.CallbackError is null)
        {
            if (_attention is null || _run.Step - _attention.Step >= _seq2seq.FeedEvery) _attention = _seq2seq.Snapshot(_run);
            return;
        }
        FinishRun();
        if (_index + 1 < _variants.Length && _script.CallbackError is null) _run = Start(++_index);
        else Finished = true;
    }

    /// <summary>
    /// Ends the session where it is (the window closed): the current run stops after the steps it has
    /// trained and is finished (checkpoint, summary.json); the variants after it are not run.
    /// </summary>
    public void End(string reason)
    {
        if (Finished) return;
        _run.RequestStop(reason);
        FinishRun();
        Finished = true;
    }

    private void FinishRun()
    {
        RunSummary summary = _run.Finish();
        _attention = _seq2seq.Snapshot(_run);
        _summaries.Add((_variants[_index] ?? summary.Name, summary));
        RunFinished?.Invoke(_variants[_index] ?? summary.Name, summary);
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        _attention ??= _seq2seq.Snapshot(_run);
        EvaluationResult? v = _run.LastValidation;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (v is not null)
            foreach ((string k, double value) in v.Metrics) metrics["val_" + k] = value;
        string message = string.Create(CultureInfo.InvariantCulture, $"step {_run.Step} of {_run.TotalSteps}");
        string? variant = _variants[_index] is { } name ? $"{name} · {_index + 1} of {_variants.Length}" : null;
        string? error = _script.CallbackError is { } e ? $"script error: {e.Message}" : null;
        return new Snapshot(status.Sequence, _script.ScriptPath, _run.Step, _run.Epoch, _run.LastLoss, _run.Trainer.Optimizer.LearningRate,
            double.NaN, status.StepsPerSecond, status.Paused, status.TicksPerSecond, null, null,
            _history.ToSnapshot([], [], metrics, _run.Definition.ClipNorm > 0 ? (float)_run.Definition.ClipNorm : float.NaN), message, Variant: variant, Error: error, ScriptError: _script.CallbackError?.Message,
            MeasuredTicksPerSecond: status.MeasuredTicksPerSecond)
        {
            Attention = _attention,
        };
    }

    public string Report() => string.Join(Environment.NewLine, _summaries.Select(s => $"{s.Name}: {s.Summary.Message}")
        .DefaultIfEmpty(string.Create(CultureInfo.InvariantCulture, $"{Name}: {_run.Step} steps, loss {_run.LastLoss:G4}")));
}
