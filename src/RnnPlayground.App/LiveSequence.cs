using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// The live form of a <see cref="VariantSequence"/>: one experiment that runs each entry's live
/// experiment in turn. When one finishes it is ended (summary, or live.txt and a checkpoint) and the
/// next one starts, inside <see cref="Advance"/> — so every run and Lua call happens on the thread
/// that drives the sequence (the simulation thread in the window), never beside it. Ticks and
/// training steps count across the whole sequence.
/// </summary>
internal sealed class LiveSequence : ILiveExperiment
{
    private readonly VariantSequence _sequence;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly List<(string Name, RunSummary Summary)> _results = [];
    private int _index;
    private ExperimentRun _run = null!;
    private ILiveExperiment _live = null!;
    private long _ticksBefore, _stepsBefore;
    private bool _failed;
    private bool _ended;

    /// <summary>Starts the first entry (on the thread that owns the script).</summary>
    public LiveSequence(VariantSequence sequence, TextWriter stdout, TextWriter stderr)
    {
        _sequence = sequence;
        _stdout = stdout;
        _stderr = stderr;
        Start(0);
    }

    public string Name => _live.Name;

    public long Ticks => _ticksBefore + _live.Ticks;

    public long TrainingSteps => _stepsBefore + _live.TrainingSteps;

    /// <summary>True when the last entry has finished (or a callback error stopped the sequence).</summary>
    public bool Finished => _live.Finished && !HasNext;

    /// <summary>Which entry runs now (0-based).</summary>
    public int Index => _index;

    private bool HasNext => _index + 1 < _sequence.Entries.Count && _sequence.Script.CallbackError is null;

    public void Advance()
    {
        NextIfDone();
        _live.Advance();
    }

    public void TrainOnce()
    {
        NextIfDone();
        _live.TrainOnce();
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        Snapshot s = _live.BuildSnapshot(status);
        if (!_sequence.IsComparison) return s;
        string variant = _sequence.Entries[_index].Variant!.Name;
        return s with { Variant = $"{variant} · {_index + 1} of {_sequence.Entries.Count}" };
    }

    public string Report() => _live.Report();

    public string? Apply(TrainingControl control) => _live.Apply(control);

    public System.Text.Json.Nodes.JsonObject? ReportJson() => _live.ReportJson();

    /// <summary>The world of the variant being shown (changes made to it stay with that variant).</summary>
    public ILiveWorld? World => _live.World;

    public LiveScoreCurves? ScoreCurves() => _live.ScoreCurves();

    /// <summary>
    /// Ends the entry that runs now (its summary, or live.txt and a checkpoint) and, for a comparison,
    /// prints the variants side by side; returns the exit code. Call once, from the driving thread.
    /// </summary>
    public int End()
    {
        if (_ended) throw new InvalidOperationException("the live sequence has already ended");
        _ended = true;
        EndCurrent();
        if (_sequence.IsComparison && _results.Count > 0) SummaryPrinter.PrintComparison(_stdout, _results);
        return RunCommand.Finish(_sequence.Script, !_failed, _stderr);
    }

    private void NextIfDone()
    {
        if (!_live.Finished || !HasNext) return;
        EndCurrent();
        _ticksBefore += _live.Ticks;
        _stepsBefore += _live.TrainingSteps;
        Start(_index + 1);
    }

    private void Start(int index)
    {
        _index = index;
        _run = _sequence.CreateRun(index, null);
        _stdout.WriteLine(_sequence.Describe(index, _run));
        _live = _sequence.Script.CreateLive(_run);
    }

    private void EndCurrent()
    {
        (bool succeeded, RunSummary? summary) = RunCommand.EndLive(_sequence.Script, _run, _live, _sequence.Entries[_index].Output, _stdout);
        if (summary is not null) _results.Add((_sequence.Entries[_index].Name(_sequence.Script), summary));
        bool acceptable = succeeded || (_sequence.IsComparison && summary?.Status == RunStatus.Diverged);
        _failed |= !acceptable;
    }
}
