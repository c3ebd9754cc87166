using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>A script's <c>ctx.pause()</c>, <c>ctx.resume()</c> and <c>ctx.step()</c> in a recording (<c>--record</c>): flags its frame loop reads.</summary>
internal sealed class RecordingPlayback : ILivePlayback
{
    private int _steps;

    public bool Paused { get; private set; }

    public void Pause() => Paused = true;

    public void Resume() => Paused = false;

    public void Step()
    {
        Paused = true;
        _steps++;
    }

    /// <summary>Whether a step was asked for (and counts it off).</summary>
    public bool TakeStep()
    {
        if (_steps == 0) return false;
        _steps--;
        return true;
    }
}
