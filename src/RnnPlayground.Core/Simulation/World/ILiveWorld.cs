using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// The simulated world of a live experiment, to be played with while it runs (from the window's
/// thread or from script callbacks on the simulation thread): changes are queued and take effect
/// at the start of the next tick, each logged with its simulated time.
/// </summary>
public interface ILiveWorld
{
    /// <summary>The climate now (the latest change applied).</summary>
    WeatherClimate Climate { get; }

    /// <summary>The climate the world started with.</summary>
    WeatherClimate InitialClimate { get; }

    /// <summary>Queues <paramref name="change"/> for the next tick; thread-safe.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The change would give a climate out of range.</exception>
    void Request(WorldChange change);
}
