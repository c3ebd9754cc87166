using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// An experiment defined by a Lua script: the script runs sandboxed and returns an experiment
/// table (<c>data</c>, <c>model</c>, <c>optimizer</c>, <c>schedule</c>, <c>epochs</c>/<c>steps</c>,
/// callbacks…), which becomes an <see cref="ExperimentDefinition"/>. Owns the Lua host; call
/// everything from one thread at a time and dispose it.
/// </summary>
public sealed class ScriptedExperiment : IDisposable
{
    private static readonly string[] SelectModes = ["min", "max"];
    private static readonly string[] RegressionLosses = ["mse", "huber"];
    private static readonly string[] CallbackNames = ["on_step", "on_epoch", "on_eval", "on_finish", "on_draw"];

    private readonly LuaHost _host;
    private readonly ScriptTable _table;
    private readonly ScriptSession _session = new();
    private readonly HandleKind<ScriptModel> _modelKind;
    private readonly HandleKind<OverlayCanvas> _canvasKind;
    private readonly OverlayCanvas _canvas = new();
    private ScriptModel? _currentModel;
    private string _currentName = "";
    private ScriptCallbacks _callbacks = null!;
    private readonly HashSet<string> _failedCallbacks = new(StringComparer.Ordinal);
    private IReadOnlyList<OverlayItem>? _drawFailure;

    private ScriptedExperiment(string scriptPath, ScriptedExperimentOptions options)
    {
        _host = new LuaHost(new LuaHostOptions
        {
            WorkingDirectory = options.WorkingDirectory,
            ReadRoots = options.ReadRoots,
            OutputDirectory = options.OutputDirectory,
            Output = options.Output,
            Limits = options.Limits,
        });
        try
        {
            HandleKind<ScriptDataset> data = DataModule.Register(_host);
            (_, _modelKind) = NnModule.Register(_host);
            HandleKind<OptimizerSpec> optimizer = OptimModule.Register(_host);
            HandleKind<ScheduleSpec> schedule = ScheduleModule.Register(_host);
            RnnModule.Register(_host, _session, _modelKind);
            _canvasKind = OverlayCanvas.Register(_host, _session);
            _table = _host.LoadScript(scriptPath);
            ScriptPath = _host.ScriptPath ?? scriptPath;
            Name = Path.GetFileNameWithoutExtension(scriptPath);
            (Definition, Data, Model, Live, Variants) = _table.Read("experiment", o => ReadExperiment(o, data, optimizer, schedule));
            foreach (Variant v in Variants.Prepend(new Variant(Definition.Name, Definition, Model)))
            {
                v.Model.Data = Data;
                v.Model.Seed = v.Definition.Seed;
            }
            Callbacks = _callbacks = new ScriptCallbacks(this);
        }
        catch
        {
            _host.Dispose();
            throw;
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

    public ExperimentDefinition Definition { get; }

    public ScriptDataset Data { get; }

    public ScriptModel Model { get; }

    public LiveOptions Live { get; }

    /// <summary>
    /// Variants to compare (<c>compare = { {name = 'lstm', model = …}, … }</c>): the experiment
    /// with some fields replaced. Empty for a single experiment.
    /// </summary>
    public IReadOnlyList<Variant> Variants { get; }

    /// <summary>One experiment of a comparison.</summary>
    public sealed record Variant(string Name, ExperimentDefinition Definition, ScriptModel Model);

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

    /// <summary>
    /// Makes the run (the model is built now) of the experiment or of one of its
    /// <see cref="Variants"/>, with the script's callbacks before <paramref name="settings"/>' own observer.
    /// </summary>
    public ExperimentRun CreateRun(RunSettings? settings = null, Variant? variant = null)
    {
        settings ??= new RunSettings();
        ExperimentDefinition definition = variant?.Definition ?? Definition;
        ScriptModel model = variant?.Model ?? Model;
        var run = new ExperimentRun(definition, settings with { Observer = RunObservers.Combine(Callbacks, settings.Observer) });
        _session.Run = run;
        model.Built = run.Model;
        _currentModel = model;
        _currentName = variant?.Name ?? definition.Name;
        _callbacks.RunChanged();
        return run;
    }

    /// <summary>
    /// The live form of the run: the weather world for <c>rnn.data.weather</c> experiments, else
    /// the training run tick by tick; with the script's view settings and <c>on_draw</c> overlay.
    /// </summary>
    public ILiveExperiment CreateLive(ExperimentRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ILiveExperiment inner = Data.Weather is { } weather ? new LiveWeatherLoop(run, weather, Live) : new LiveTrainingRun(run);
        return new ScriptedLive(this, inner);
    }

    public void Dispose() => _host.Dispose();

    private (ExperimentDefinition, ScriptDataset, ScriptModel, LiveOptions, IReadOnlyList<Variant>) ReadExperiment(ScriptOptions o,
        HandleKind<ScriptDataset> dataKind, HandleKind<OptimizerSpec> optimizerKind, HandleKind<ScheduleSpec> scheduleKind)
    {
        string name = o.OptionalString("name", Name);
        ScriptDataset data = o.RequiredHandle("data", dataKind);
        ScriptModel model = o.RequiredHandle("model", _modelKind);
        OptimizerSpec optimizer = o.OptionalHandle("optimizer", optimizerKind) ?? new OptimizerSpec("adam", 1e-3f);
        ScheduleSpec? schedule = o.OptionalHandle("schedule", scheduleKind);
        int batch = o.OptionalInt("batch", IntRange.Between(1, 1_000_000), 32);
        int? epochs = o.Has("epochs") ? o.RequiredInt("epochs", IntRange.Positive) : null;
        int? steps = o.Has("steps") ? o.RequiredInt("steps", IntRange.Positive) : null;
        int? bptt = o.Has("bptt") ? o.RequiredInt("bptt", IntRange.Positive) : null;
        double? clip = o.Has("clip") ? o.RequiredNumber("clip", NumberRange.Positive) : null;
        double? clipValue = o.Has("clip_value") ? o.RequiredNumber("clip_value", NumberRange.Positive) : null;
        int evaluateEvery = o.OptionalInt("evaluate_every", IntRange.NonNegative, 0);
        int checkpointEvery = o.OptionalInt("checkpoint_every", IntRange.NonNegative, 0);
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);
        bool trackNorms = o.OptionalBool("track_gradient_norms", false);

        ScriptOptions loss = o.OptionalTable("loss");
        float[]? classWeights = loss.OptionalFloats("class_weights");
        int ignore = loss.OptionalInt("ignore_index", IntRange.Between(int.MinValue, -1), -1);
        string regression = loss.OptionalOneOf("regression", RegressionLosses, "mse");
        double delta = loss.OptionalNumber("delta", NumberRange.Positive, 1.0);
        double valueWeight = loss.OptionalNumber("value_weight", NumberRange.NonNegative, 1.0);

        ScriptOptions select = o.OptionalTable("select");
        string metric = select.OptionalString("metric", "loss");
        bool maximize = select.OptionalOneOf("mode", SelectModes, metric is "accuracy" || metric.StartsWith("precision_", StringComparison.Ordinal) || metric.StartsWith("recall_", StringComparison.Ordinal) ? "max" : "min") == "max";
        int? patience = select.Has("patience") ? select.RequiredInt("patience", IntRange.Positive) : null;
        double minDelta = select.OptionalNumber("min_delta", NumberRange.NonNegative, 0);
        bool restoreBest = select.OptionalBool("restore_best", true);
        CheckMetric(metric, data);

        ScriptOptions live = o.OptionalTable("live");
        var defaults = new LiveOptions();
        var liveOptions = new LiveOptions
        {
            TicksPerSecond = live.OptionalNumber("ticks_per_second", NumberRange.Between(0.01, 1e6), defaults.TicksPerSecond),
            TrainEveryTicks = live.OptionalInt("train_every", IntRange.Between(1, 1_000_000), defaults.TrainEveryTicks),
            ReplayDays = live.OptionalInt("replay_days", IntRange.Between(2, 1_000_000), defaults.ReplayDays),
            WorldSeed = (ulong)live.OptionalInt("world_seed", IntRange.NonNegative, (int)defaults.WorldSeed),
        };
        if (o.Has("view")) _session.View = ViewSettingsReader.Read(o.RequiredTable("view"));
        foreach (string callback in CallbackNames)
            if (o.Has(callback) && !_table.HasFunction(callback))
                throw new ScriptArgumentException($"'{callback}' must be a function");

        ModelSpec spec = model.Resolve(data);
        HostMemory.CheckModel(_host, spec, batch, data.Shape.SequenceLength);
        var definition = new ExperimentDefinition
        {
            Name = name,
            Data = data.Data,
            Model = spec,
            Optimizer = optimizer,
            Schedule = schedule,
            Training = new TrainerOptions { BatchSize = batch, TruncatedBptt = bptt, ClipNorm = clip, ClipValue = (float?)clipValue, TrackGradientNorms = trackNorms },
            ClassificationLoss = data.Shape.NumClasses > 0 ? Refusing.Arguments(() => new CrossEntropyLoss(ignore, classWeights)) : null,
            RegressionLoss = data.Shape.NumValues > 0 ? new RegressionLoss(regression == "huber" ? RegressionLossKind.Huber : RegressionLossKind.Mse, (float)delta) : null,
            ValueLossWeight = (float)valueWeight,
            Epochs = epochs,
            Steps = steps,
            EvaluateEvery = evaluateEvery,
            Selection = new ModelSelection(metric, maximize, patience, minDelta, restoreBest),
            CheckpointEvery = checkpointEvery,
            Seed = seed,
            Metadata = new Dictionary<string, string>(data.Metadata) { ["script"] = ScriptPath },
        };
        if (classWeights is not null && classWeights.Length != data.Shape.NumClasses)
            throw new ScriptArgumentException($"'loss.class_weights' has {classWeights.Length} weights but the data has {data.Shape.NumClasses} classes ({string.Join(", ", data.Shape.ClassNames)})");
        Refusing.Arguments(() =>
        {
            definition.Validate();
            var probe = new SequenceModel(spec);
            Trainer.CheckCompatible(probe, data.Shape, new TaskLoss(data.Shape));
            schedule?.Create(optimizer.LearningRate, 1000);
            return probe;
        });
        var variants = new List<Variant>();
        foreach (ScriptOptions v in o.OptionalTableList("compare"))
        {
            string variantName = v.RequiredString("name");
            if (variants.Any(x => x.Name == variantName)) throw new ScriptArgumentException($"two variants are named '{variantName}'");
            ScriptModel variantModel = v.OptionalHandle("model", _modelKind) ?? model;
            ModelSpec variantSpec = ReferenceEquals(variantModel, model) ? spec : variantModel.Resolve(data);
            HostMemory.CheckModel(_host, variantSpec, v.OptionalInt("batch", IntRange.Between(1, 1_000_000), batch), data.Shape.SequenceLength);
            double? variantClip = clip;
            if (v.Has("clip"))
            {
                double c = v.RequiredNumber("clip", NumberRange.NonNegative);
                variantClip = c > 0 ? c : null; // clip = 0 turns clipping off for this variant
            }
            var variant = definition with
            {
                Name = $"{name}-{variantName}",
                Model = variantSpec,
                Optimizer = v.OptionalHandle("optimizer", optimizerKind) ?? optimizer,
                Schedule = v.OptionalHandle("schedule", scheduleKind) ?? schedule,
                Training = definition.Training with
                {
                    ClipNorm = variantClip,
                    BatchSize = v.OptionalInt("batch", IntRange.Between(1, 1_000_000), batch),
                    TruncatedBptt = v.Has("bptt") ? v.RequiredInt("bptt", IntRange.Positive) : bptt,
                },
                Steps = v.Has("steps") ? v.RequiredInt("steps", IntRange.Positive) : steps,
                Epochs = v.Has("epochs") ? v.RequiredInt("epochs", IntRange.Positive) : epochs,
                Seed = (ulong)v.OptionalInt("seed", IntRange.NonNegative, (int)seed),
            };
            Refusing.Arguments(() =>
            {
                variant.Validate();
                Trainer.CheckCompatible(new SequenceModel(variantSpec), data.Shape, new TaskLoss(data.Shape));
                return variant;
            });
            variants.Add(new Variant(variantName, variant, variantModel));
        }
        return (definition, data, model, liveOptions, variants);
    }

    private static void CheckMetric(string metric, ScriptDataset data)
    {
        var known = new List<string> { "loss" };
        if (data.Shape.NumClasses > 0)
        {
            known.Add("accuracy");
            foreach (string c in data.Shape.ClassNames)
            {
                known.Add($"precision_{c}");
                known.Add($"recall_{c}");
            }
        }
        if (data.Shape.NumValues > 0) known.AddRange(["mae", "rmse"]);
        if (!known.Contains(metric))
            throw new ScriptArgumentException($"'select.metric' is \"{metric}\"; this data has: {string.Join(", ", known)}");
    }

    /// <summary>Runs a callback the script may define; a script error stops the run, is kept, and disables the callback.</summary>
    internal void Call(string callback, ScriptContext context)
    {
        if (_failedCallbacks.Contains(callback)) return;
        ScriptCallResult result = _host.TryCall(_table, callback, context);
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

    internal ScriptContext NewContext()
    {
        ScriptContext c = _host.CreateContext();
        c.SetFunction("stop", "rnn.stop");
        c.SetFunction("set_lr", "rnn.set_lr");
        c.SetHandle("model", _modelKind, _currentModel ?? Model);
        c.Set("name", _currentName.Length > 0 ? _currentName : Definition.Name);
        return c;
    }

    /// <summary>Calls <c>on_draw(ctx)</c> if defined and returns what it drew; once it failed, only its error.</summary>
    internal IReadOnlyList<OverlayItem>? Draw(ScriptContext context, Snapshot snapshot)
    {
        if (_drawFailure is not null) return _drawFailure;
        if (!Defines("on_draw")) return null;
        var items = new List<OverlayItem>();
        _session.Overlay = items;
        try
        {
            context.Set("step", snapshot.Step);
            context.Set("loss", snapshot.Loss);
            context.Set("lr", snapshot.LearningRate);
            context.Set("grad_norm", snapshot.GradientNorm);
            context.SetHandle("canvas", _canvasKind, _canvas);
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
