using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The <c>ctx</c> a family of callbacks reuses, which belongs to one run: its <c>model</c> and
/// <c>name</c> are the run's. After <see cref="RunChanged"/> the next <see cref="Current"/> disposes
/// it and makes a fresh one; it is not replaced at once because the callback in progress (which may
/// have switched variant) is still using it. Runs on the simulation thread.
/// </summary>
internal sealed class RunScopedContext
{
    private readonly ScriptedExperiment _experiment;
    private readonly Action<ScriptContext>? _created;
    private ScriptContext? _context;
    private bool _stale;

    /// <param name="created">Fills what a fresh ctx has beside <see cref="ScriptedExperiment.NewContext"/>'s fields, once per ctx.</param>
    public RunScopedContext(ScriptedExperiment experiment, Action<ScriptContext>? created = null)
    {
        _experiment = experiment;
        _created = created;
    }

    /// <summary>The ctx of the current run, made when first needed.</summary>
    public ScriptContext Current
    {
        get
        {
            if (_stale)
            {
                _context?.Dispose();
                (_context, _stale) = (null, false);
            }
            if (_context is null)
            {
                _context = _experiment.NewContext();
                _created?.Invoke(_context);
            }
            return _context;
        }
    }

    /// <summary>Another run (or variant) is current: the next <see cref="Current"/> is a fresh ctx.</summary>
    public void RunChanged() => _stale = true;
}
