using RnnPlayground.Core;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Experiment.Sections;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// An experiment defined by a Lua script: the script runs sandboxed and returns an experiment
/// table (<c>data</c>, <c>model</c>, <c>optimizer</c>, <c>schedule</c>, <c>epochs</c>/<c>steps</c>,
/// callbacks…), which becomes an <see cref="ExperimentDefinition"/>. Owns the Lua host: call
/// everything from the thread that loaded it (or the one it was moved to with
/// <see cref="MoveToCurrentThread"/>) and dispose it there.
/// </summary>
public sealed class ScriptedExperiment : IDisposable
{
    private readonly LuaHost _host;
    private readonly ScriptTable _table;
    private readonly ScriptSession _session = new();
    private readonly HandleKind<ScriptModel> _modelKind;
    private readonly HandleKind<ScriptSeq2Seq> _seq2seqKind;
    private readonly HandleKind<OverlayCanvas> _canvasKind;
    private readonly HandleKind<ILiveWorld> _worldKind;
    private readonly OverlayCanvas _canvas = new();
    private ScriptModel? _currentModel;
    private ScriptDataset? _currentData;
    private string _currentName = "";
    private ScriptCallbacks _callbacks = null!;
    private readonly HashSet<string> _failedCallbacks = new(StringComparer.Ordinal);
    private readonly bool _definesDraw;
    private IReadOnlyList<OverlayItem>? _drawFailure;
    private ScriptedExperiment? _presenter;
    private readonly string _fingerprint;
    private readonly ScriptInput _input;
    private ScriptStage _stage;
    private readonly ScriptParameters _parameters;

    private ScriptedExperiment(string scriptPath, ScriptedExperimentOptions options)
    {
        _host = new LuaHost(new LuaHostOptions
        {
            WorkingDirectory = options.WorkingDirectory,
            ReadRoots = options.ReadRoots,
            OutputDirectory = options.OutputDirectory,
            Output = options.Output,
            Limits = options.Limits,
            Hints = ExperimentHints.Rnn,
        });
        _parameters = new ScriptParameters(options.Parameters, options.ParameterSource);
        try
        {
            HandleKind<RandomSource> random = RandomModule.Register(_host);
            HandleKind<ScriptDataset> data = DataModule.Register(_host, random, out HandleKind<ScriptPairs> pairs);
            (_, _modelKind) = NnModule.Register(_host);
            _seq2seqKind = Seq2SeqFunction.Register(_host);
            HandleKind<OptimizerSpec> optimizer = OptimModule.Register(_host);
            HandleKind<ScheduleSpec> schedule = ScheduleModule.Register(_host, _session);
            _session.FunctionFailed = (name, error) =>
            {
                Failed(name, error);
                _session.Run?.RequestStop($"{name} failed: {error.Message}");
            };
            RnnModule.Register(_host, _session, _modelKind);
            _stage = new ScriptStage(_session);
            _input = new ScriptInput(this);
            StageModule.Register(_host, () => _stage, () => _input);
            _canvasKind = OverlayCanvas.Register(_host, _session);
            _worldKind = WorldModule.Register(_host);
            StreamWorldModule.Register(_host, data, random);
            ParamsFunction.Register(_host, _parameters);
            _table = LoadWithParameters(scriptPath);
            ScriptPath = _host.ScriptPath ?? scriptPath;
            Name = Path.GetFileNameWithoutExtension(scriptPath);
            _parameters.Seal(ScriptPath);
            var kinds = new ExperimentKinds(data, _modelKind, optimizer, schedule, pairs, _seq2seqKind);
            object read = _table.Read("experiment", o => o.IsHandle("model", _seq2seqKind)
                ? Seq2SeqReader.Read(o, _table, kinds, Name, ScriptPath, _parameters.Values)
                : (object)ExperimentReader.Read(o, _table, kinds, Name, ScriptPath, _parameters.Values));
            Callbacks = _callbacks = new ScriptCallbacks(this);
            _definesDraw = Defines("on_draw");
            FilesRead = [.. _host.Files.Read];
            if (read is Seq2SeqTable seq2seq)
            {
                Seq2Seq = new ScriptedSeq2Seq(this, seq2seq);
                _fingerprint = "";
                return;
            }
            var experiment = (ExperimentTable)read;
            (_definition, _data, _model, _live, _variants) = (experiment.Definition, experiment.Data, experiment.Model, experiment.Live, experiment.Variants);
            if (experiment.View is { } view) _session.View = view;
            foreach (Variant v in Variants.Prepend(new Variant(Definition.Name, Definition, Model)))
            {
                v.Model.Data = v.Data ?? Data;
                v.Model.Seed = v.Definition.Seed;
            }
            _stage.VariantNames = [.. Variants.Select(v => v.Name)];
            _fingerprint = ExperimentFingerprint.Of(this, _table); // now, before any run can change what the data holds
        }
        catch
        {
            _host.Dispose();
            throw;
        }
    }

    /// <summary>Runs the script; an override of the wrong type is its one line (where rnn.params is called), without the traceback.</summary>
    private ScriptTable LoadWithParameters(string scriptPath)
    {
        try
        {
            return _host.LoadScript(scriptPath);
        }
        catch (ScriptException e) when (_parameters.Refused)
        {
            throw new ScriptException(e.Kind, e.Message, e.ScriptPath, e.Line);
        }
    }

    /// <summary>Loads and checks the script at <paramref name="scriptPath"/>.</summary>
    /// <exception cref="ScriptException">A mistake in the script (syntax, runtime, a bad argument, the sandbox, a limit).</exception>
    /// <exception cref="FileNotFoundException">No such script.</exception>
    public static ScriptedExperiment Load(string scriptPath, ScriptedExperimentOptions? options = null) =>
        new(scriptPath, options ?? new ScriptedExperimentOptions());

    /// <summary>The script as named in messages (e.g. scripts/weather.lua).</summary>
    public string ScriptPath { get; }

    public string Name { get; }

    /// <summary>
    /// The encoder–decoder experiment, when the script's model is <c>rnn.nn.seq2seq</c> (then the
    /// sequence-model members — <see cref="Definition"/>, <see cref="Data"/>, <see cref="Model"/>,
    /// <see cref="Live"/>, <see cref="Variants"/>, <see cref="CreateRun"/> — do not apply); else null.
    /// </summary>
    public ScriptedSeq2Seq? Seq2Seq { get; }

    private readonly ExperimentDefinition? _definition;
    private readonly ScriptDataset? _data;
    private readonly ScriptModel? _model;
    private readonly LiveOptions? _live;
    private readonly IReadOnlyList<Variant>? _variants;

    public ExperimentDefinition Definition => _definition ?? throw SequenceModelOnly();

    public ScriptDataset Data => _data ?? throw SequenceModelOnly();

    public ScriptModel Model => _model ?? throw SequenceModelOnly();

    public LiveOptions Live => _live ?? throw SequenceModelOnly();

    private InvalidOperationException SequenceModelOnly() =>
        new($"{ScriptPath} is an encoder–decoder experiment (rnn.nn.seq2seq): use its Seq2Seq");

    internal ScriptSession Session => _session;

    /// <summary>The metrics its validation and test evaluations report (<c>loss</c>, <c>accuracy</c>, <c>rmse</c>…), as <c>select.metric</c> accepts them.</summary>
    public IReadOnlyList<string> Metrics => SelectionReader.KnownMetrics(Definition.Data.Shape);

    /// <summary>The script's <c>rnn.params</c>: the declared defaults and the values they took.</summary>
    public ScriptParameters Parameters => _parameters;

    /// <summary>
    /// Variants to compare (<c>compare = { {name = 'lstm', model = …}, … }</c>): the experiment
    /// with some fields replaced. Empty for a single experiment.
    /// </summary>
    public IReadOnlyList<Variant> Variants => _variants ?? throw SequenceModelOnly();

    /// <summary>The data <paramref name="variant"/> trains on (its own, or the experiment's; null: the experiment's).</summary>
    public ScriptDataset DataOf(Variant? variant) => variant?.Data ?? Data;

    /// <summary>One experiment of a comparison.</summary>
    /// <param name="Data">Its own data (<c>data = …</c> in its entry); null: the experiment's.</param>
    public sealed record Variant(string Name, ExperimentDefinition Definition, ScriptModel Model, ScriptDataset? Data = null);

    /// <summary>The script's callbacks (<c>on_step</c>, <c>on_epoch</c>, <c>on_eval</c>, <c>on_finish</c>) as a run observer.</summary>
    public IRunObserver Callbacks { get; }

    /// <summary>The view settings the script asked for.</summary>
    public ViewSettings? View => _session.View;

    /// <summary>
    /// The first error a callback raised. The run is stopped when one does, and a callback that
    /// failed is not called again (see <see cref="FailedCallbacks"/>): a callback stopped by the time
    /// limit costs that limit once, not on every step or frame.
    /// </summary>
    public ScriptException? CallbackError { get; private set; }

    /// <summary>The callbacks that raised an error, disabled for the rest of the experiment.</summary>
    public IReadOnlyCollection<string> FailedCallbacks => _failedCallbacks;

    internal LuaHost Host => _host;

    /// <summary>The files the script read while loading (data files), resolved: what a watcher should watch beside the script.</summary>
    public IReadOnlyList<string> FilesRead { get; private set; } = [];

    /// <summary>
    /// Whether <paramref name="other"/> (a later load of the script) defines the same experiment: the
    /// same model, data, optimizer, training, live and compare settings and the same training
    /// callbacks — so it differs at most in its <c>view</c>, its <c>on_draw</c> or what it prints.
    /// </summary>
    public bool SameExperimentAs(ScriptedExperiment other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Fingerprint, other.Fingerprint, StringComparison.Ordinal);
    }

    private string Fingerprint => _fingerprint;

    /// <summary>The narration, highlights, step-through and playback of the live view (shared with a presenting reload).</summary>
    public ScriptStage Stage => _stage;

    /// <summary>The training step of the current run (0 before one).</summary>
    internal long TrainingStep => _session.Run?.Trainer.Step ?? 0;

    /// <summary>A free key was pressed in the window: the presenting script's <c>on_key(ctx, key)</c>, if defined.</summary>
    public void OnKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Presenter._input.OnKey(key);
    }

    /// <summary>A click in the window hit <paramref name="target"/>: the presenting script's <c>on_click(ctx, target)</c>, if defined.</summary>
    public void OnClick(ClickTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Presenter._input.OnClick(target);
    }

    /// <summary>Runs the keys scripts pressed with <c>ctx.press</c> from callbacks other than the input ones.</summary>
    internal void RunPressedKeys() => Presenter._input.DrainPressed();

    /// <summary>
    /// Shows this experiment's runs with <paramref name="presenter"/>'s <c>view</c> and <c>on_draw</c>
    /// (a later load of the same script that changed only those), keeping the runs, their weights and
    /// the training callbacks here; null goes back to this script's own. Both stay owned by the caller.
    /// </summary>
    public void PresentWith(ScriptedExperiment? presenter)
    {
        _presenter = presenter;
        presenter?.Follow(this);
    }

    /// <summary>The script whose view and <c>on_draw</c> the live snapshots show.</summary>
    internal ScriptedExperiment Presenter => _presenter ?? this;

    /// <summary>Points this (presenting) script's <c>ctx</c> at <paramref name="trainer"/>'s current run and model.</summary>
    private void Follow(ScriptedExperiment trainer)
    {
        _session.Run = trainer._session.Run;
        _currentName = trainer._currentName;
        Variant? variant = Variants.FirstOrDefault(v => v.Name == trainer._currentName);
        _currentModel = variant?.Model ?? Model;
        _currentModel.Built = trainer._currentModel?.Built;
        _stage = trainer._stage;
        _input.RunChanged();
    }

    /// <summary>
    /// Makes the run (the model is built now) of the experiment or of one of its
    /// <see cref="Variants"/>, with the script's callbacks before <paramref name="settings"/>' own observer.
    /// </summary>
    public ExperimentRun CreateRun(RunSettings? settings = null, Variant? variant = null)
    {
        settings ??= new RunSettings();
        ExperimentDefinition definition = variant?.Definition ?? Definition;
        var run = new ExperimentRun(definition, settings with { Observer = RunObservers.Combine(Callbacks, settings.Observer) });
        Show(run, variant, fresh: true);
        return run;
    }

    /// <summary>
    /// Makes <paramref name="run"/> (made by <see cref="CreateRun"/> for <paramref name="variant"/>) the
    /// current one again: <c>ctx.model</c>, <c>ctx.name</c>, the step-through and the callbacks follow it.
    /// A live comparison switches between its variants' runs with it (<c>ctx.show_variant</c>).
    /// </summary>
    public void Show(ExperimentRun run, Variant? variant) => Show(run, variant, fresh: false);

    private void Show(ExperimentRun run, Variant? variant, bool fresh)
    {
        ArgumentNullException.ThrowIfNull(run);
        _session.Run = run;
        _currentModel = variant?.Model ?? Model;
        _currentModel.Built = run.Model;
        _currentData = DataOf(variant);
        _currentName = variant?.Name ?? run.Definition.Name;
        _callbacks.RunChanged();
        _input.RunChanged();
        _stage.RunChanged(_currentName, fresh);
        _presenter?.Follow(this);
    }

    /// <summary>
    /// The live form of the run: the weather world for <c>rnn.data.weather</c> experiments, else
    /// the training run tick by tick; with the script's view settings and <c>on_draw</c> overlay, and
    /// <c>on_day(ctx)</c> called as each simulated day ends (with <c>ctx.world</c> to play with).
    /// </summary>
    public ILiveExperiment CreateLive(ExperimentRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ScriptDataset data = _currentData ?? Data;
        ILiveExperiment inner = data.Weather is { } weather ? new LiveWeatherLoop(run, weather, Live)
            : data.World is { } world ? StreamOf(run, world)
            : new LiveTrainingRun(run);
        if (inner is LiveWeatherLoop loop && Defines("on_day")) loop.DayEnded = new LiveDayCallback(this, loop, _worldKind).DayEnded;
        return new ScriptedLive(this, inner);
    }

    /// <summary>The live loop over the script's world; a failure of the world is kept as the script's error and stops the run.</summary>
    private LiveStreamLoop StreamOf(ExperimentRun run, ScriptStream world)
    {
        world.ScriptWorld.Failed = error =>
        {
            Failed("rnn.world", error);
            run.RequestStop($"the world failed: {error.Message}");
        };
        return new LiveStreamLoop(run, world.Stream, Live, world.ReportEvery);
    }

    /// <summary>
    /// Hands the script's Lua state to the calling thread, which alone may use the experiment from
    /// now on (runs, callbacks, <c>on_draw</c>, disposing); the thread that loaded it must let go.
    /// </summary>
    public void MoveToCurrentThread() => _host.MoveToCurrentThread();

    public void Dispose() => _host.Dispose();

    /// <summary>Runs a callback the script may define; a script error stops the run, is kept, and disables the callback.</summary>
    internal void Call(string callback, ScriptContext context, ScriptArgument? argument = null)
    {
        if (_failedCallbacks.Contains(callback)) return;
        ScriptCallResult result = _host.TryCall(_table, callback, context, argument);
        if (result.Error is { } error)
        {
            Failed(callback, error);
            _session.Run?.RequestStop($"{callback} failed: {error.Message}");
        }
    }

    private void Failed(string callback, ScriptException error)
    {
        _failedCallbacks.Add(callback);
        CallbackError ??= error;
    }

    internal bool Defines(string callback) => _table.HasFunction(callback);

    /// <summary>A context for <see cref="Draw"/>: <see cref="NewContext"/> with the overlay canvas, made once and reused every frame.</summary>
    internal ScriptContext NewDrawContext()
    {
        ScriptContext c = NewContext();
        c.SetHandle("canvas", _canvasKind, _canvas);
        return c;
    }

    /// <summary>The stage's functions every <c>ctx</c> has (<c>step</c> only in the input callbacks', where it is not the step count).</summary>
    private static readonly string[] StageFunctions = ["pause", "resume", "say", "highlight", "walk", "walk_next", "walk_stop", "press", "show_variant"];

    internal ScriptContext NewContext()
    {
        ScriptContext c = _host.CreateContext();
        c.SetFunction("stop", "rnn.stop");
        c.SetFunction("set_lr", "rnn.set_lr");
        foreach (string f in StageFunctions) c.SetFunction(f, "rnn." + f);
        if (Seq2Seq is { } seq2seq)
        {
            c.SetHandle("model", _seq2seqKind, seq2seq.CurrentModel);
            c.Set("name", seq2seq.CurrentName);
            return c;
        }
        c.SetHandle("model", _modelKind, _currentModel ?? Model);
        c.Set("name", _currentName.Length > 0 ? _currentName : Definition.Name);
        return c;
    }

    /// <summary>Calls <c>on_draw(ctx)</c> if defined and returns what it drew; once it failed, only its error.</summary>
    internal IReadOnlyList<OverlayItem>? Draw(ScriptContext context, Snapshot snapshot)
    {
        if (_drawFailure is not null) return _drawFailure;
        if (!_definesDraw) return null;
        var items = new List<OverlayItem>();
        _session.Overlay = items;
        try
        {
            context.Set("step", snapshot.Step);
            context.Set("loss", snapshot.Loss);
            context.Set("lr", snapshot.LearningRate);
            context.Set("grad_norm", snapshot.GradientNorm);
            foreach ((string k, double v) in snapshot.Training.Metrics) context.Set(k, v);
            ScriptCallResult r = _host.TryCall(_table, "on_draw", context);
            if (r.Error is { } e)
            {
                Failed("on_draw", e);
                return _drawFailure = [new OverlayText(ViewPanel.All, 0xFF6B6BFF, 0.01f, 0.94f, $"on_draw: {e.Message}", 13f)];
            }
            return items;
        }
        finally
        {
            _session.Overlay = null;
        }
    }
}
