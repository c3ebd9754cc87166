using RnnPlayground.Core.Simulation;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>What <c>rnn.world{…}</c> made: the world (<see cref="ScriptWorld"/>), its history and windows, and the steps per period of the live scores.</summary>
public sealed record ScriptStream(SimulatedStream Stream, int ReportEvery)
{
    internal ScriptWorld ScriptWorld => (ScriptWorld)Stream.World;
}
