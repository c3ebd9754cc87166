using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// The live form of a <see cref="VariantSequence"/>: one experiment that runs each entry's live
/// experiment in turn. When one finishes it is ended (summary, or live.txt and a checkpoint) and the
/// next one starts, inside <see cref="Advance"/> — so every run and Lua call happens on the thread
/// that drives the sequence (the simulation thread in the window), never beside it. Ticks and
/// training steps count across the whole sequence. For a comparison every snapshot carries all the
/// variants (<see cref="VariantBoard"/>), and a variant that diverged holds the sequence for
/// <see cref="DivergenceHoldSeconds"/> (or until <see cref="MoveOn"/>) so the room sees it happen.
/// A script's <c>ctx.show_variant(name)</c> switches to another variant at once (<see cref="Show"/>):
/// the one shown is set aside with its weights, optimizer and step count, and the other continues
/// where it was (or starts); from then on the script chooses what is shown — a finished variant
/// stays on screen, no board of all variants is drawn, and <see cref="End"/> ends every run started.
/// </summary>
internal sealed class LiveSequence : ILiveExperiment
{
    private readonly VariantSequence _sequence;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly List<(string Name, RunSummary Summary)> _results = [];
    private readonly VariantBoard? _board;
    private readonly Func<double>? _clock;
    private readonly Dictionary<int, (ExperimentRun Run, ILiveExperiment Live)> _aside = [];
    private bool _switched;
    private double _holdStarted = double.NaN;
    private bool _released;
    private bool? _endedDiverged;
    private int _index;
    private ExperimentRun _run = null!;
    private ILiveExperiment _live = null!;
    private long _ticksBefore, _stepsBefore;
    private bool _failed;
    private bool _ended;

    /// <summary>Starts the first entry (on the thread that owns the script).</summary>
    /// <param name="clock">Seconds on the clock a divergence hold is measured by (wall time in the window,
    /// frames in a recording); null: a diverged variant hands on to the next at once (headless, a screenshot).</param>
    /// <param name="divergenceHoldSeconds">How long a diverged variant stays on screen before the next starts (∞: until <see cref="MoveOn"/>).</param>
    public LiveSequence(VariantSequence sequence, TextWriter stdout, TextWriter stderr, Func<double>? clock = null, double divergenceHoldSeconds = DefaultHoldSeconds)
    {
        _sequence = sequence;
        _stdout = stdout;
        _stderr = stderr;
        _clock = clock;
        DivergenceHoldSeconds = divergenceHoldSeconds;
        if (sequence.IsComparison)
        {
            _board = new VariantBoard([.. sequence.Entries.Select(e => e.Variant!.Name)],
                i => sequence.Options.Steps ?? sequence.Entries[i].Variant!.Definition.Steps ?? 0);
        }
        Start(0);
        if (sequence.IsComparison) sequence.Script.Stage.VariantSwitch = Show;
    }

    /// <summary>Seconds a diverged variant stays on screen by default before the next one starts.</summary>
    public const double DefaultHoldSeconds = 6;

    /// <summary>How long a diverged variant holds the sequence (with a clock).</summary>
    public double DivergenceHoldSeconds { get; }

    /// <summary>Whether the sequence waits on a variant that diverged (so its banner stays on screen).</summary>
    public bool IsHolding => _clock is not null && !_released && _live.Finished && HasNext && CurrentDiverged;

    /// <summary>Whether the variant shown diverged (asked once it has finished).</summary>
    private bool CurrentDiverged => _endedDiverged ??= _live.DescribeVariant("")?.State == VariantState.Diverged;

    public string Name => _live.Name;

    public long Ticks => _ticksBefore + _aside.Values.Sum(a => a.Live.Ticks) + _live.Ticks;

    public long TrainingSteps => _stepsBefore + _aside.Values.Sum(a => a.Live.TrainingSteps) + _live.TrainingSteps;

    /// <summary>True when the last entry has finished (or a callback error stopped the sequence).</summary>
    public bool Finished => _live.Finished && !HasNext;

    /// <summary>Which entry runs now (0-based).</summary>
    public int Index => _index;

    private bool HasNext => !_switched && _index + 1 < _sequence.Entries.Count && _sequence.Script.CallbackError is null;

    /// <summary>
    /// Shows variant <paramref name="index"/> from now on (<c>ctx.show_variant</c>, on the driving
    /// thread): the variant shown now is set aside as it is, and the other takes up its own run again
    /// (started now if it never ran). Its training steps and ticks count on; nothing is ended.
    /// </summary>
    public void Show(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _sequence.Entries.Count);
        _switched = true;
        if (index == _index) return;
        _aside[_index] = (_run, _live);
        if (_aside.Remove(index, out var back))
        {
            _index = index;
            (_run, _live) = back;
            (_holdStarted, _released, _endedDiverged) = (double.NaN, false, null);
            _sequence.Script.Show(_run, _sequence.Entries[index].Variant);
        }
        else
        {
            Start(index);
        }
    }

    public void Advance()
    {
        NextIfDone();
        if (IsHolding) Thread.Sleep(1); // nothing to do while the room looks at the divergence: leave the core alone
        _live.Advance();
        StartHoldClock();
    }

    public void TrainOnce()
    {
        NextIfDone();
        _live.TrainOnce();
        StartHoldClock();
    }

    /// <summary>A hold lasts from the tick the variant diverged.</summary>
    private void StartHoldClock()
    {
        if (double.IsNaN(_holdStarted) && IsHolding) _holdStarted = _clock!();
    }

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        int index = _index; // on_draw may show another variant: this snapshot is of the one it drew
        Snapshot s = _live.BuildSnapshot(status);
        if (_board is null) return s;
        string variant = _sequence.Entries[index].Variant!.Name;
        if (_switched) return s with { Variant = $"{variant} · {index + 1} of {_sequence.Entries.Count}" };
        bool holding = IsHolding;
        double left = !holding ? double.PositiveInfinity
            : double.IsNaN(_holdStarted) ? DivergenceHoldSeconds : Math.Max(0, DivergenceHoldSeconds - (_clock!() - _holdStarted));
        return s with
        {
            Variant = $"{variant} · {index + 1} of {_sequence.Entries.Count}",
            Comparison = _board.Snapshot(index, _live, holding ? index : null, left),
        };
    }

    /// <summary>Ends a divergence hold: the next variant starts on the next tick.</summary>
    public void MoveOn() => _released = true;

    /// <summary>
    /// Starts the variant shown again from its seeded initial weights and a fresh optimizer (step 0),
    /// without loading the script again; its run so far is dropped (no summary, no checkpoint).
    /// Returns a line that says so, with the weights' checksum before and after.
    /// </summary>
    public string ResetWeights()
    {
        long steps = _live.TrainingSteps;
        ulong before = _run.Model.Parameters.Checksum();
        _run.Discard();
        Start(_index);
        _board?.Restart(_index, _run.TotalSteps);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"weights reset: {_live.Name} at step {_live.TrainingSteps}, weights checksum {_run.Model.Parameters.Checksum():X16} (were {before:X16} after {steps} steps)");
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
        foreach (int index in _aside.Keys.Order())
        {
            // Each run set aside by ctx.show_variant ends as the current one (its on_finish sees its own ctx.name).
            (_index, (_run, _live)) = (index, _aside[index]);
            _sequence.Script.Show(_run, _sequence.Entries[index].Variant);
            EndCurrent();
        }
        _aside.Clear();
        if (_sequence.IsComparison && _results.Count > 0) SummaryPrinter.PrintComparison(_stdout, _results);
        return RunCommand.Finish(_sequence.Script, !_failed, _stderr);
    }

    private void NextIfDone()
    {
        if (!_live.Finished || !HasNext) return;
        StartHoldClock();
        if (IsHolding && _clock!() - _holdStarted < DivergenceHoldSeconds) return;
        _board?.Keep(_index, _live.DescribeVariant(_sequence.Entries[_index].Variant!.Name));
        EndCurrent();
        _ticksBefore += _live.Ticks;
        _stepsBefore += _live.TrainingSteps;
        Start(_index + 1);
    }

    private void Start(int index)
    {
        _index = index;
        _holdStarted = double.NaN;
        _released = false;
        _endedDiverged = null;
        _run = _sequence.CreateRun(index, null);
        _stdout.WriteLine(_sequence.Describe(index, _run));
        _live = _sequence.Script.CreateLive(_run);
    }

    private void EndCurrent()
    {
        (bool succeeded, RunSummary? summary) = RunCommand.EndLive(_sequence.Script, _sequence.Entries[_index].Variant, _run, _live, _sequence.Entries[_index].Output, _stdout);
        if (summary is not null) _results.Add((_sequence.Entries[_index].Name(_sequence.Script), summary));
        bool acceptable = succeeded || (_sequence.IsComparison && summary?.Status == RunStatus.Diverged);
        _failed |= !acceptable;
    }
}
