namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A <see cref="IStreamWorld"/> could not make a tick: <see cref="Exception.Message"/> says why in
/// the words of whatever defines the world (e.g. <c>scripts/x.lua:12: observe: 'x' must be a finite
/// number (got nan) (tick 3051)</c>), <see cref="Tick"/> which tick it was.
/// </summary>
public sealed class WorldFailedException : Exception
{
    public WorldFailedException(string message, long tick, Exception? inner = null) : base(message, inner) => Tick = tick;

    /// <summary>The tick the world failed at (0-based, since its last restart).</summary>
    public long Tick { get; }
}
