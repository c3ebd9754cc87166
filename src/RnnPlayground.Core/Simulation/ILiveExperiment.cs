using System.Text.Json.Nodes;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>What the simulation thread reports about itself when asking for a snapshot.</summary>
/// <param name="TicksPerSecond">The speed asked for (∞: as fast as it goes).</param>
/// <param name="StepsPerSecond">Training steps per second of wall time, measured recently (NaN: not measured, e.g. offscreen).</param>
/// <param name="MeasuredTicksPerSecond">Ticks per second of wall time, measured recently (NaN: not measured).</param>
public readonly record struct LiveStatus(long Sequence, bool Paused, double TicksPerSecond, double StepsPerSecond, double MeasuredTicksPerSecond = double.NaN);

/// <summary>
/// An experiment that advances in ticks, for the live window and for headless runs of the same
/// loop: a weather world (a tick is a simulated interval; training happens on schedule) or a
/// plain training run (a tick is a training step). Called from one thread only.
/// </summary>
public interface ILiveExperiment
{
    string Name { get; }

    /// <summary>Ticks done so far.</summary>
    long Ticks { get; }

    /// <summary>Training steps done so far.</summary>
    long TrainingSteps { get; }

    /// <summary>True when there is nothing more to do (a run that reached its last step).</summary>
    bool Finished { get; }

    /// <summary>One tick.</summary>
    void Advance();

    /// <summary>One training step only (forward, then backward through time, then the update).</summary>
    void TrainOnce();

    /// <summary>An immutable picture of the experiment now (copies; safe to hand to another thread).</summary>
    Snapshot BuildSnapshot(LiveStatus status);

    /// <summary>A few lines that sum up the experiment so far (scores against baselines).</summary>
    string Report();

    /// <summary>Changes the training live (learning rate, clipping) without resetting it; returns what changed (null: nothing to change).</summary>
    string? Apply(TrainingControl control) => null;

    /// <summary>The same as <see cref="Report"/> as JSON, for a run's summary.json (null when there is nothing more than the run's own summary).</summary>
    JsonObject? ReportJson() => null;

    /// <summary>This experiment as the variant <paramref name="name"/> of a comparison (null when it has no training curves to compare).</summary>
    VariantSnapshot? DescribeVariant(string name) => null;

    /// <summary>The simulated world to play with (events, climate), or null when the experiment has none.</summary>
    ILiveWorld? World => null;

    /// <summary>The rolling scores day by day and the changes made to the world, for a plot (null when the experiment scores no days).</summary>
    LiveScoreCurves? ScoreCurves() => null;
}
