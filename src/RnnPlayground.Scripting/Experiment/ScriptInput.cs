using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The script's input callbacks, each called only when defined: <c>on_key(ctx, key)</c> with a
/// free key's name (<see cref="ScriptKeys"/>) and <c>on_click(ctx, target)</c> with what a click
/// hit (<see cref="ClickTarget"/>, indices 1-based). Their <c>ctx</c> is reused; beside the usual
/// fields it has <c>training_step</c> and the functions that steer the view (pause, resume, step,
/// say, highlight, walk, walk_next, walk_stop, press). Keys a script presses with <c>ctx.press</c>
/// reach <c>on_key</c> after the callback that pressed them. Runs on the simulation thread.
/// </summary>
internal sealed class ScriptInput
{
    private const int MaxPressedPerCall = 16;

    private readonly ScriptedExperiment _experiment;
    private readonly Queue<string> _pressed = new();
    private readonly RunScopedContext _context;
    private ScriptContext? _target;

    public ScriptInput(ScriptedExperiment experiment)
    {
        _experiment = experiment;
        _context = new RunScopedContext(experiment, c => c.SetFunction("step", "rnn.step"));
    }

    private ScriptContext Context
    {
        get
        {
            ScriptContext c = _context.Current;
            c.Set("training_step", _experiment.TrainingStep);
            return c;
        }
    }

    /// <summary>The model or run changed (another variant): the next callback gets a fresh ctx.</summary>
    public void RunChanged() => _context.RunChanged();

    public void OnKey(string key)
    {
        if (_experiment.Defines("on_key")) _experiment.Call("on_key", Context, key);
        DrainPressed();
    }

    public void OnClick(ClickTarget target)
    {
        if (_experiment.Defines("on_click"))
        {
            _target ??= _experiment.Host.CreateContext();
            Fill(_target, target);
            _experiment.Call("on_click", Context, _target);
        }
        DrainPressed();
    }

    /// <summary>A key the script pressed (<c>ctx.press</c>), for <c>on_key</c> once the current callback returns.</summary>
    public void Press(string key)
    {
        if (_pressed.Count >= MaxPressedPerCall) throw new ScriptArgumentException($"at most {MaxPressedPerCall} keys may wait to be pressed");
        _pressed.Enqueue(key);
    }

    /// <summary>Calls <c>on_key</c> for the keys pressed by the script so far (and those they press, up to a bound).</summary>
    public void DrainPressed()
    {
        for (int i = 0; i < MaxPressedPerCall && _pressed.TryDequeue(out string? key); i++)
            if (_experiment.Defines("on_key")) _experiment.Call("on_key", Context, key);
        _pressed.Clear();
    }

    private static void Fill(ScriptContext t, ClickTarget target)
    {
        t.Set("kind", target.Kind);
        SetIndex(t, "layer", target.Layer);
        SetIndex(t, "step", target.Step);
        SetIndex(t, "unit", target.Unit);
        SetIndex(t, "index", target.Index);
        if (double.IsNaN(target.Value)) t.Set("value", (string?)null);
        else t.Set("value", target.Value);
        t.Set("name", target.Name);
        if (target.Kind == "weight") t.Set("recurrent", target.Recurrent);
        else t.Set("recurrent", (string?)null);
    }

    private static void SetIndex(ScriptContext t, string key, int zeroBased)
    {
        if (zeroBased < 0) t.Set(key, (string?)null);
        else t.Set(key, (long)zeroBased + 1);
    }
}
