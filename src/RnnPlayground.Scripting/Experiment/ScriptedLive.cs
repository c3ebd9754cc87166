using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>A live experiment with the script's view settings and <c>on_draw</c> overlay added to every snapshot.</summary>
internal sealed class ScriptedLive(ScriptedExperiment script, ILiveExperiment inner) : ILiveExperiment
{
    private ScriptContext? _drawContext;

    public string Name => inner.Name;

    public long Ticks => inner.Ticks;

    public long TrainingSteps => inner.TrainingSteps;

    public bool Finished => inner.Finished;

    public void Advance() => inner.Advance();

    public void TrainOnce() => inner.TrainOnce();

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        Snapshot s = inner.BuildSnapshot(status);
        IReadOnlyList<OverlayItem>? overlay = script.Draw(_drawContext ??= script.NewDrawContext(), s);
        string? error = script.CallbackError is { } e ? $"script error: {e.Message}" + (e.Hint is { } hint ? $"\nhint: {hint}" : "") : s.Error;
        return s with { ScriptName = script.ScriptPath, View = script.View, Overlay = overlay, Error = error, ScriptError = script.CallbackError?.Message };
    }

    public string Report() => inner.Report();

    public string? Apply(TrainingControl control) => inner.Apply(control);

    public System.Text.Json.Nodes.JsonObject? ReportJson() => inner.ReportJson();

    public ILiveWorld? World => inner.World;

    public LiveScoreCurves? ScoreCurves() => inner.ScoreCurves();
}
