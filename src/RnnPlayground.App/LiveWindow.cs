using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.GlObjects;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// The live window: the experiment runs on the simulation thread (<see cref="SimulationDriver"/>),
/// the main thread draws its latest snapshot. The script's Lua state belongs to the simulation thread
/// from its first tick: variants follow one another inside <see cref="LiveSequence"/>, and reloading,
/// ending and disposing are posted to that thread; the main thread only reads snapshots and sets flags. Keys: Space pause/resume, N one training step
/// (or, while a diverged variant is held on screen, the next variant), +/− speed, Tab views, W fresh weights, R reload, S screenshot, T the
/// step-through of one pass, Esc quit; the free keys go to the script's <c>on_key</c> and clicks that press no button to its <c>on_click</c>,
/// both posted to the simulation thread.
/// Saving the script reloads it — only its view and <c>on_draw</c> when nothing else of the experiment changed, so training goes
/// on — and saving a data file it read reloads it all; saving a shader reloads the shaders. A script that fails to load shows its
/// error and the last good experiment keeps running.
/// </summary>
internal sealed class LiveWindow : IDisposable
{
    private const int WarmupFrames = 10;

    /// <summary>GLFW's code of the W key (fresh weights).</summary>
    private const int KeyW = 87;

    private readonly RunOptions _options;
    private readonly string _output;
    private readonly TextWriter _stdout;
    private readonly string _scriptPath;
    private readonly ScriptedExperimentOptions _scriptOptions;
    private readonly TextWriter _stderr;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ScriptWatcher _scriptWatcher;
    private readonly SimulationDriver _driver;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    // Touched only by the simulation thread once it has started.
    private ScriptedExperiment _script;
    private ScriptedExperiment? _presenter; // a later load that changed only the view and on_draw
    private LiveSequence _live;

    private volatile string? _problem;
    private volatile bool _reloadRequested, _shadersChanged;
    private int _screenshots;

    private LiveWindow(VariantSequence sequence, RunOptions options, TextWriter stdout, TextWriter stderr, string scriptPath, ScriptedExperimentOptions scriptOptions)
    {
        _script = sequence.Script;
        _options = options;
        _output = sequence.Output;
        _stdout = stdout;
        _stderr = stderr;
        _scriptPath = scriptPath;
        _scriptOptions = scriptOptions;
        _live = NewSequence(sequence);
        _scriptWatcher = new ScriptWatcher(scriptPath);
        _scriptWatcher.Watch(_script.FilesRead);
        _driver = new SimulationDriver(_live, options.Speed ?? _script.Live.TicksPerSecond)
        {
            ThreadStarted = () =>
            {
                ThreadAffinity.PinToLastCore();
                _script.MoveToCurrentThread(); // from here on the main thread leaves the script alone
            },
        };
        _driver.ControlApplied += change => stdout.WriteLine(change);
        _script.Stage.Playback = new DriverPlayback(_driver);
    }

    /// <summary>
    /// Opens the window for <paramref name="scriptPath"/> at the options' size; null (the reason
    /// written to <paramref name="stderr"/>) where no window can be opened.
    /// </summary>
    internal static GlfwWindowContext? OpenWindow(string scriptPath, RunOptions options, TextWriter stderr)
    {
        // Every window opens here, before Mesa reads LP_NUM_THREADS as the GL context starts.
        if (Environment.ProcessorCount <= 4) LimitRasterizerThreads();
        try
        {
            return new GlfwWindowContext($"rnnplay — {scriptPath}", options.Width, options.Height);
        }
        catch (GraphicsUnavailableException e)
        {
            stderr.WriteLine($"error: cannot open a window: {e.Message} (use --headless to train without one)");
            return null;
        }
    }

    /// <summary>Opens the window and runs until it is closed; returns the exit code.</summary>
    /// <param name="measured">Given the frame and training rates at the end (when frames after the warm-up were drawn).</param>
    public static int Run(VariantSequence sequence, RunOptions options, string scriptPath,
        ScriptedExperimentOptions scriptOptions, TextWriter stdout, TextWriter stderr, Action<WindowFigures>? measured = null)
    {
        // Few cores: the last trains (ThreadAffinity), the others draw and share large products.
        if (Environment.ProcessorCount <= 4 && options.Threads is null)
            Core.Tensors.ComputeThreads.Count = Math.Max(1, Environment.ProcessorCount - 1);
        using var session = new LiveWindow(sequence, options, stdout, stderr, scriptPath, scriptOptions);
        ThreadAffinity.AvoidLastCore(); // before the GL context starts its threads
        if (OpenWindow(sequence.Script.ScriptPath, options, stderr) is not { } window) return 3;
        int code = 1;
        string shaders = ShaderProgram.SourceDirectory();
        using (window)
        using (var scene = new SceneRenderer(window.Gl, shaderDirectory: shaders) { UserScale = options.Scale })
        {
            var loop = new WindowLoop(window, scene, session.Latest) { MaxFramesPerSecond = options.Fps, Profile = options.FrameProfile ? new FrameProfile(WarmupFrames) : null };
            loop.Input += e => session.OnInput(e, loop);
            loop.ControlClicked += session.Apply;
            loop.Clicked += session.OnClick;
            loop.ScreenshotSaved += path =>
            {
                stdout.WriteLine($"screenshot: {SummaryPrinter.Relative(path)}");
                ScreenshotNotes.Write(Path.ChangeExtension(path, ".json"), scene, loop.LastSnapshot);
            };
            session.Watch(shaders);
            stdout.WriteLine("window open: Space pause · N step · +/− speed · [ ] learning rate · C clipping · , . clip threshold · Tab views · Ctrl+=/Ctrl+− scale · W fresh weights · R reload · S screenshot · T step through a pass · ? help · Esc quit; other keys go to on_key; mouse: hover reads a value, click a unit pins its trace, buttons at the bottom");
            session._driver.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            long frames = 0, firstSteps = -1, firstTicks = -1, firstSnapshots = 0;
            double firstTime = 0, firstSnapshotSeconds = 0;
            while (loop.RunFrame())
            {
                frames++;
                session.AfterFrame(scene);
                if (frames == WarmupFrames)
                {
                    // Rates are measured after the first frames (context, atlas and JIT warm-up).
                    firstSteps = session._driver.Experiment.TrainingSteps;
                    firstTicks = session._driver.Experiment.Ticks;
                    firstTime = clock.Elapsed.TotalSeconds;
                    (firstSnapshots, firstSnapshotSeconds) = (session._driver.SnapshotsPublished, session._driver.SnapshotSeconds);
                }
                if (options.Seconds is { } limit && clock.Elapsed.TotalSeconds >= limit) loop.Stop();
            }
            double elapsed = clock.Elapsed.TotalSeconds;
            loop.Profile?.Finish();
            session._driver.Post(() => code = session.End());
            session._driver.Stop();
            if (frames > WarmupFrames && elapsed > firstTime)
            {
                long steps = session._driver.Experiment.TrainingSteps - firstSteps;
                long ticks = session._driver.Experiment.Ticks - firstTicks;
                measured?.Invoke(new WindowFigures(window.Width, window.Height, (frames - WarmupFrames) / (elapsed - firstTime), steps / (elapsed - firstTime)));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"window {window.Width}×{window.Height}: {frames} frames in {elapsed:F1} s, {(frames - WarmupFrames) / (elapsed - firstTime):F1} FPS; training {steps / (elapsed - firstTime):F0} steps/s, {ticks / (elapsed - firstTime):F0} ticks/s while drawn"));
                if (loop.Profile is { } profile)
                {
                    foreach (string line in profile.Report()) stdout.WriteLine(line);
                    long snapshots = session._driver.SnapshotsPublished - firstSnapshots;
                    double snapshotSeconds = session._driver.SnapshotSeconds - firstSnapshotSeconds;
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  snapshots built on the simulation thread: {snapshots / (elapsed - firstTime):F1}/s, {(snapshots > 0 ? 1000 * snapshotSeconds / snapshots : 0):F2} ms each, {snapshotSeconds / (elapsed - firstTime):P1} of its time"));
                }
            }
        }
        if (session._driver.Error is { } failure) stderr.WriteLine($"error: the simulation stopped: {failure.Message}");
        return session._driver.Error is null ? code : 1;
    }

    /// <summary>
    /// Mesa's llvmpipe (the software GL of machines without a GPU, Xvfb's) rasterizes on
    /// <c>LP_NUM_THREADS</c> threads of its own, by default one per core the process may use (none on
    /// one core); 0 makes the thread that draws rasterize, so drawing takes no more than the window's
    /// thread and leaves the other cores to the products. Set before the GL context starts (Mesa reads
    /// it then) and in the native environment, which is the one Mesa reads; a value the user set wins.
    /// </summary>
    internal static void LimitRasterizerThreads() => NativeEnvironment.SetDefault("LP_NUM_THREADS", "0");

    /// <summary>On the simulation thread, after its last tick: ends the run shown and frees the script.</summary>
    private int End()
    {
        try
        {
            return _live.End();
        }
        finally
        {
            _presenter?.Dispose();
            _script.Dispose();
        }
    }

    /// <summary>The live form of a sequence, holding a diverged variant on screen by the window's clock.</summary>
    private LiveSequence NewSequence(VariantSequence sequence) =>
        new(sequence, _stdout, _stderr, () => _clock.Elapsed.TotalSeconds);

    /// <summary>
    /// Starts the variant shown again from its seeded initial weights and a fresh optimizer (step 0),
    /// without loading the script again (the W key; an on-screen button may call it too).
    /// </summary>
    public void RequestWeightReset() => _driver.Post(() => _stdout.WriteLine(_live.ResetWeights()));

    private Snapshot? Latest()
    {
        Snapshot? s = _driver.Latest;
        _driver.RequestSnapshot(); // the next frame gets a fresh one
        if (s is null) return null;
        if (_driver.Error is { } e) return s with { Error = $"simulation stopped: {e.Message}" };
        return _problem is { } p ? s with { Error = p } : s;
    }

    private void OnInput(InputEvent e, WindowLoop loop)
    {
        if (e is not KeyPressed k) return;
        switch (k.Key)
        {
            case Key.Escape:
                loop.Stop();
                break;
            case Key.Space when !k.IsRepeat:
                Apply(WindowControl.PauseResume);
                break;
            case Key.N when _driver.Latest?.Comparison?.HeldDivergence is not null:
                _driver.Post(() => _live.MoveOn()); // the room has seen the divergence: on to the next variant
                break;
            case Key.N:
                _driver.Paused = true;
                _driver.StepOnce();
                break;
            case Key.Plus:
                Apply(WindowControl.Faster);
                break;
            case Key.Minus:
                Apply(WindowControl.Slower);
                break;
            case Key.BracketLeft:
                Apply(WindowControl.HalveLearningRate);
                break;
            case Key.BracketRight:
                Apply(WindowControl.DoubleLearningRate);
                break;
            case Key.C when !k.IsRepeat:
                Apply(WindowControl.ToggleClipping);
                break;
            case Key.Comma:
                _driver.Control(TrainingControl.HalveClipThreshold);
                break;
            case Key.Period:
                _driver.Control(TrainingControl.DoubleClipThreshold);
                break;
            case Key.R when !k.IsRepeat:
                _reloadRequested = true;
                _shadersChanged = true;
                break;
            case Key.Other when k.NativeKey == KeyW && !k.IsRepeat && !k.Control:
                RequestWeightReset();
                break;
            case Key.S when !k.IsRepeat:
                loop.RequestScreenshot(Path.Combine(_output, string.Create(CultureInfo.InvariantCulture, $"screenshot-{++_screenshots:D3}.png")));
                break;
            case Key.Other when !k.IsRepeat && _driver.Experiment.World is { } world && WorldKeys.ChangeFor(k.NativeKey, world) is { } change:
                world.Request(change);
                _driver.RequestSnapshot();
                break;
            case Key.Other when k.NativeKey == ScriptKeyNames.KeyT && !k.Control:
                _driver.Post(() => StepThrough());
                break;
            case Key.Other when !k.IsRepeat && !k.Control && ScriptKeyNames.Of(k.NativeKey) is { } name:
                _driver.Post(() =>
                {
                    _script.OnKey(name);
                    _driver.RequestSnapshot();
                });
                break;
        }
    }

    /// <summary>On the simulation thread: the step-through's next step (T), starting one on the first unit when none runs.</summary>
    private void StepThrough()
    {
        try
        {
            _script.Stage.NextWalk();
        }
        catch (ScriptArgumentException e)
        {
            _stdout.WriteLine($"step-through: {e.Message}");
        }
        _driver.RequestSnapshot();
    }

    /// <summary>A click that pressed no button: the script's <c>on_click(ctx, target)</c> on the simulation thread.</summary>
    private void OnClick(Inspected? hit, ViewPanel? panel, Snapshot? snapshot)
    {
        if (ClickTargets.From(hit, panel, snapshot) is not { } target) return;
        _driver.Post(() =>
        {
            _script.OnClick(target);
            _driver.RequestSnapshot();
        });
    }

    /// <summary>Carries out a control asked for by its key or its on-screen button (the main thread only sets the driver's flags and requests).</summary>
    private void Apply(WindowControl control)
    {
        switch (control)
        {
            case WindowControl.PauseResume:
                _driver.Paused = !_driver.Paused;
                _driver.RequestSnapshot();
                break;
            case WindowControl.Faster:
                _driver.Faster();
                _driver.RequestSnapshot();
                break;
            case WindowControl.Slower:
                _driver.Slower();
                _driver.RequestSnapshot();
                break;
            case WindowControl.HalveLearningRate:
                _driver.Control(TrainingControl.HalveLearningRate);
                break;
            case WindowControl.DoubleLearningRate:
                _driver.Control(TrainingControl.DoubleLearningRate);
                break;
            case WindowControl.ToggleClipping:
                _driver.Control(TrainingControl.ToggleClipping);
                break;
            case WindowControl.ResetWeights:
                RequestWeightReset();
                break;
        }
    }

    /// <summary>Watches the shader folder (the script and its data files are watched by <see cref="ScriptWatcher"/>); changes are taken on the main thread after a frame.</summary>
    private void Watch(string shaders)
    {
        if (Directory.Exists(shaders))
        {
            var shaderWatcher = new FileSystemWatcher(shaders) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName, EnableRaisingEvents = true };
            shaderWatcher.Changed += (_, _) => _shadersChanged = true;
            shaderWatcher.Renamed += (_, _) => _shadersChanged = true;
            _watchers.Add(shaderWatcher);
        }
    }

    private void AfterFrame(SceneRenderer scene)
    {
        if (_shadersChanged)
        {
            _shadersChanged = false;
            try
            {
                scene.ReloadShaders();
                _problem = null;
                _stdout.WriteLine("shaders reloaded");
            }
            catch (ShaderException e)
            {
                _problem = $"shader error: {e.Message}";
                _stdout.WriteLine(_problem);
            }
        }
        bool requested = _reloadRequested, script = _scriptWatcher.TakeScriptChange(), data = _scriptWatcher.TakeDataChange();
        if (requested || script || data)
        {
            _reloadRequested = false;
            Thread.Sleep(50); // let the editor finish writing
            // R and a changed data file reload everything; a saved script may change only its view.
            bool whole = requested || data;
            _driver.Post(() => Reload(whole, data));
        }
    }

    /// <summary>
    /// On the simulation thread: loads the script again. When it defines the same experiment (only
    /// its view, <c>on_draw</c> or printing changed) and <paramref name="whole"/> is false, the new
    /// load only presents the running one, which keeps its weights and step count; otherwise it is
    /// swapped in and the old one freed at once (the driver takes the replacement before its next
    /// tick, so nothing calls the old one again).
    /// </summary>
    private void Reload(bool whole, bool dataChanged)
    {
        ScriptedExperiment? next = null;
        try
        {
            next = ScriptedExperiment.Load(_scriptPath, _scriptOptions);
            _scriptWatcher.Watch(next.FilesRead);
            if (!whole && _script.SameExperimentAs(next))
            {
                _script.PresentWith(next);
                _presenter?.Dispose();
                _presenter = next;
                _problem = null;
                _stdout.WriteLine($"reloaded the view of {next.ScriptPath}: the experiment is unchanged, training goes on at step {_live.TrainingSteps}");
                return;
            }
            next.Stage.Playback = new DriverPlayback(_driver);
            var live = NewSequence(new VariantSequence(next, _options, _output));
            _driver.Replace(live);
            _presenter?.Dispose();
            _script.Dispose();
            (_script, _presenter, _live) = (next, null, live);
            _problem = null;
            _stdout.WriteLine($"reloaded {next.ScriptPath}" + (dataChanged ? " (a data file it reads changed)" : ""));
        }
        catch (Exception e) when (e is ScriptException or IOException or ArgumentException or InvalidOperationException)
        {
            next?.Dispose();
            _problem = $"reload failed, still running the last good script:\n{e.Message}" + (e is ScriptException { Hint: { } hint } ? $"\nhint: {hint}" : "");
            _stdout.WriteLine(_problem);
        }
    }

    public void Dispose()
    {
        foreach (FileSystemWatcher w in _watchers) w.Dispose();
        _scriptWatcher.Dispose();
        _driver.Dispose(); // runs posted work (the end, a pending reload) on the simulation thread first
        _presenter?.Dispose();
        _script.Dispose(); // already freed on the simulation thread unless it never started; twice is harmless
    }
}
