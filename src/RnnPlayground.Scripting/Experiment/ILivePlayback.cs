namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// What plays the live experiment (the window's simulation driver, a recording's frame loop), as a
/// script's <c>ctx.pause()</c>, <c>ctx.resume()</c> and <c>ctx.step()</c> reach it. Called on the
/// simulation thread; an implementation only sets flags the player reads between ticks.
/// </summary>
public interface ILivePlayback
{
    void Pause();

    void Resume();

    /// <summary>One training step (forward, backward through time, update), paused before and after.</summary>
    void Step();
}
