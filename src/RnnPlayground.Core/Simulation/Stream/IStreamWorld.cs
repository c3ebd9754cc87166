namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A world the live loop ticks (<see cref="LiveStreamLoop"/>): every tick it observes its
/// <see cref="Series"/> (what the strip charts draw), and every <see cref="TicksPerStep"/> ticks a
/// step of the model's stream is complete: a row of <see cref="Columns"/> (the model's features and
/// value targets are chosen from them) and a class label. The weather world
/// (<see cref="WeatherStreamWorld"/>: an hour a tick, a day a step) and a world whose ticks a script
/// computes are both one. Used from one thread only.
/// </summary>
public interface IStreamWorld
{
    /// <summary>What each tick observes, in order.</summary>
    IReadOnlyList<StreamSeries> Series { get; }

    /// <summary>The columns of a step's row, in order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The classes of a step's label; empty when the world has none.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Ticks per step of the model's stream.</summary>
    int TicksPerStep { get; }

    /// <summary>Ticks made since the last <see cref="Restart"/>.</summary>
    long Tick { get; }

    /// <summary>Starts the world again from tick 0 with its random source seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="WorldFailedException">The world could not start.</exception>
    void Restart(ulong seed);

    /// <summary>
    /// One tick: writes the tick's observation into <paramref name="observed"/> [<see cref="Series"/>]
    /// and returns true when it completes a step, whose row is then in <paramref name="row"/>
    /// [<see cref="Columns"/>] and class in <paramref name="label"/> (−1 without classes).
    /// </summary>
    /// <exception cref="WorldFailedException">The world could not make the tick (it stays as it was).</exception>
    bool Advance(Span<float> observed, Span<float> row, out int label);

    /// <summary>What the world announced at the tick just made (a change of regime), or null.</summary>
    string? Note { get; }
}
