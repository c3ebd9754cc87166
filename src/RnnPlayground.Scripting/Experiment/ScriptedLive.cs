using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>A live experiment with the script's view settings, <c>on_draw</c> overlay and stage (narration, highlights, step-through) added to every snapshot.</summary>
internal sealed class ScriptedLive(ScriptedExperiment script, ILiveExperiment inner) : ILiveExperiment
{
    private ScriptContext? _drawContext;
    private ScriptedExperiment? _drawContextOf;

    public string Name => inner.Name;

    public long Ticks => inner.Ticks;

    public long TrainingSteps => inner.TrainingSteps;

    public bool Finished => inner.Finished;

    public void Advance() => inner.Advance();

    public void TrainOnce() => inner.TrainOnce();

    public Snapshot BuildSnapshot(LiveStatus status)
    {
        Snapshot s = inner.BuildSnapshot(status);
        script.Stage.Observe(s);
        // The view and on_draw come from the presenting script (a reload that changed only those), the rest from this one.
        ScriptedExperiment presenter = script.Presenter;
        if (!ReferenceEquals(_drawContextOf, presenter)) (_drawContext, _drawContextOf) = (presenter.NewDrawContext(), presenter);
        IReadOnlyList<OverlayItem>? overlay = presenter.Draw(_drawContext!, s);
        script.RunPressedKeys();
        ScriptException? failure = script.CallbackError ?? presenter.CallbackError;
        string? error = failure is { } e ? $"script error: {e.Message}" + (e.Hint is { } hint ? $"\nhint: {hint}" : "") : s.Error;
        // What on_draw and the keys it pressed said or highlighted shows on this very snapshot.
        return script.Stage.Decorate(s with { ScriptName = script.ScriptPath, View = presenter.View, Overlay = overlay, Error = error, ScriptError = failure?.Message });
    }

    public string Report() => inner.Report();

    public string? Apply(TrainingControl control) => inner.Apply(control);

    public System.Text.Json.Nodes.JsonObject? ReportJson() => inner.ReportJson();

    public ILiveWorld? World => inner.World;

    public LiveScoreCurves? ScoreCurves() => inner.ScoreCurves();

    public VariantSnapshot? DescribeVariant(string name) => inner.DescribeVariant(name);
}
