using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>A script's <c>ctx.pause()</c>, <c>ctx.resume()</c> and <c>ctx.step()</c> in the window: the simulation driver's flags.</summary>
internal sealed class DriverPlayback(SimulationDriver driver) : ILivePlayback
{
    public void Pause()
    {
        driver.Paused = true;
        driver.RequestSnapshot();
    }

    public void Resume()
    {
        driver.Paused = false;
        driver.RequestSnapshot();
    }

    public void Step()
    {
        driver.Paused = true;
        driver.StepOnce();
    }
}
