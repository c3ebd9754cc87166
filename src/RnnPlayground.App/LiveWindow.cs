using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.GlObjects;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.App;

/// <summary>
/// The live window: the experiment runs on the simulation thread (<see cref="SimulationDriver"/>),
/// the main thread draws its latest snapshot. Keys: Space pause/resume, N one training step,
/// +/− speed, Tab views, R reload, S screenshot, Esc quit. Saving the script or a shader reloads
/// it; a script that fails to load shows its error and the last good experiment keeps running.
/// </summary>
internal sealed class LiveWindow : IDisposable
{
    private const int WarmupFrames = 10;

    private readonly RunOptions _options;
    private readonly string _output;
    private readonly TextWriter _stdout;
    private readonly string _scriptPath;
    private readonly ScriptedExperimentOptions _scriptOptions;
    private readonly List<ScriptedExperiment> _retired = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private ScriptedExperiment _script;
    private ExperimentRun _run;
    private ILiveExperiment _live;
    private SimulationDriver _driver;
    private volatile string? _problem;
    private volatile bool _scriptChanged, _shadersChanged;
    private int _screenshots;
    private int _variant;

    private LiveWindow(ScriptedExperiment script, RunOptions options, string output, TextWriter stdout, string scriptPath, ScriptedExperimentOptions scriptOptions)
    {
        _script = script;
        _options = options;
        _output = output;
        _stdout = stdout;
        _scriptPath = scriptPath;
        _scriptOptions = scriptOptions;
        (_run, _live) = Start(script);
        _driver = new SimulationDriver(_live, options.Speed ?? script.Live.TicksPerSecond) { ThreadStarted = ThreadAffinity.PinToLastCore };
    }

    /// <summary>Opens the window and runs until it is closed; returns the exit code.</summary>
    public static int Run(ScriptedExperiment script, RunOptions options, string output, string scriptPath,
        ScriptedExperimentOptions scriptOptions, TextWriter stdout, TextWriter stderr)
    {
        // Two cores: one trains, one draws. Mesa's llvmpipe would otherwise rasterize on every core
        // and the numeric core would spread large products over both, and each would slow the other.
        if (Environment.GetEnvironmentVariable("LP_NUM_THREADS") is null) Environment.SetEnvironmentVariable("LP_NUM_THREADS", "1");
        if (options.Threads is null && Environment.ProcessorCount <= 4) Core.Tensors.ComputeThreads.Count = Math.Max(1, Environment.ProcessorCount - 1);
        using var session = new LiveWindow(script, options, output, stdout, scriptPath, scriptOptions);
        ThreadAffinity.AvoidLastCore(); // before the GL context starts its threads
        GlfwWindowContext window;
        try
        {
            window = new GlfwWindowContext($"rnnplay — {script.ScriptPath}", options.Width, options.Height);
        }
        catch (GraphicsUnavailableException e)
        {
            stderr.WriteLine($"error: cannot open a window: {e.Message} (use --headless to train without one)");
            return 3;
        }
        using (window)
        using (var scene = new SceneRenderer(window.Gl))
        {
            var loop = new WindowLoop(window, scene, session.Latest) { MaxFramesPerSecond = options.Fps };
            loop.Input += e => session.OnInput(e, loop);
            loop.ScreenshotSaved += path => stdout.WriteLine($"screenshot: {SummaryPrinter.Relative(path)}");
            session.Watch();
            stdout.WriteLine("window open: Space pause · N step · +/− speed · Tab views · R reload · S screenshot · Esc quit");
            session._driver.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            long frames = 0, firstSteps = -1;
            double firstTime = 0;
            while (loop.RunFrame())
            {
                frames++;
                session.AfterFrame(scene);
                if (frames == WarmupFrames)
                {
                    // Rates are measured after the first frames (context, atlas and JIT warm-up).
                    firstSteps = session._driver.Experiment.TrainingSteps;
                    firstTime = clock.Elapsed.TotalSeconds;
                }
                if (options.Seconds is { } limit && clock.Elapsed.TotalSeconds >= limit) loop.Stop();
            }
            double elapsed = clock.Elapsed.TotalSeconds;
            session._driver.Stop();
            if (frames > WarmupFrames && elapsed > firstTime)
            {
                long steps = session._driver.Experiment.TrainingSteps - firstSteps;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"window {window.Width}×{window.Height}: {frames} frames in {elapsed:F1} s, {(frames - WarmupFrames) / (elapsed - firstTime):F1} FPS; training {steps / (elapsed - firstTime):F0} steps/s while drawn"));
            }
        }
        if (session._driver.Error is { } failure) stderr.WriteLine($"error: the simulation stopped: {failure.Message}");
        int code = RunCommand.EndLive(session._script, session._run, session._driver.Experiment, session._run.Settings.OutputDirectory ?? output, stdout, stderr);
        return session._driver.Error is null ? code : 1;
    }

    /// <summary>The experiment's run; a comparison shows its variants one after another, starting with the first.</summary>
    private (ExperimentRun Run, ILiveExperiment Live) Start(ScriptedExperiment script, int variant = 0)
    {
        _variant = variant;
        ScriptedExperiment.Variant? v = script.Variants.Count > 0 ? script.Variants[variant] : null;
        ExperimentRun run = script.CreateRun(new RunSettings
        {
            OutputDirectory = v is null ? _output : Path.Combine(_output, v.Name),
            Steps = _options.Steps, Epochs = _options.Epochs, Seed = _options.Seed, ResumeFrom = _options.Resume,
        }, v);
        if (v is not null) _stdout.WriteLine($"showing variant '{v.Name}' ({variant + 1} of {script.Variants.Count})");
        return (run, script.CreateLive(run));
    }

    private Snapshot? Latest()
    {
        Snapshot? s = _driver.Latest;
        _driver.RequestSnapshot(); // the next frame gets a fresh one
        if (s is null) return null;
        if (_driver.Error is { } e) return s with { Message = $"simulation stopped: {e.Message}" };
        return _problem is { } p ? s with { Message = p } : s;
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
                _driver.Paused = !_driver.Paused;
                _driver.RequestSnapshot();
                break;
            case Key.N:
                _driver.Paused = true;
                _driver.StepOnce();
                break;
            case Key.Plus:
                _driver.Faster();
                _driver.RequestSnapshot();
                break;
            case Key.Minus:
                _driver.Slower();
                _driver.RequestSnapshot();
                break;
            case Key.R when !k.IsRepeat:
                _scriptChanged = true;
                _shadersChanged = true;
                break;
            case Key.S when !k.IsRepeat:
                loop.RequestScreenshot(Path.Combine(_output, string.Create(CultureInfo.InvariantCulture, $"screenshot-{++_screenshots:D3}.png")));
                break;
        }
    }

    /// <summary>Watches the script's folder and the shader folder; changes are taken on the main thread after a frame.</summary>
    private void Watch()
    {
        string scriptDir = Path.GetDirectoryName(_scriptPath)!;
        var scriptWatcher = new FileSystemWatcher(scriptDir, "*.lua") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName, EnableRaisingEvents = true };
        scriptWatcher.Changed += (_, _) => _scriptChanged = true;
        scriptWatcher.Created += (_, _) => _scriptChanged = true;
        scriptWatcher.Renamed += (_, _) => _scriptChanged = true;
        _watchers.Add(scriptWatcher);
        string shaders = ShaderProgram.DefaultDirectory;
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
        if (_live.Finished && _variant + 1 < _script.Variants.Count && ReferenceEquals(_driver.Experiment, _live))
        {
            // A comparison: when one variant has finished, the next one takes the window.
            RunCommand.EndLive(_script, _run, _live, _run.Settings.OutputDirectory ?? _output, _stdout, Console.Error);
            (_run, _live) = Start(_script, _variant + 1);
            _driver.Replace(_live);
        }
        if (_scriptChanged)
        {
            _scriptChanged = false;
            Thread.Sleep(50); // let the editor finish writing
            Reload();
        }
        // Experiments swapped out are disposed once the simulation thread has let go of them.
        if (_retired.Count > 0 && ReferenceEquals(_driver.Experiment, _live))
        {
            foreach (ScriptedExperiment old in _retired) old.Dispose();
            _retired.Clear();
        }
    }

    private void Reload()
    {
        ScriptedExperiment? next = null;
        try
        {
            next = ScriptedExperiment.Load(_scriptPath, _scriptOptions);
            (ExperimentRun run, ILiveExperiment live) = Start(next);
            _retired.Add(_script);
            (_script, _run, _live) = (next, run, live);
            _driver.Replace(live);
            _problem = null;
            _stdout.WriteLine($"reloaded {next.ScriptPath}");
        }
        catch (Exception e) when (e is ScriptException or IOException or ArgumentException or InvalidOperationException)
        {
            next?.Dispose();
            _problem = $"reload failed, still running the last good script: {e.Message}";
            _stdout.WriteLine(_problem);
        }
    }

    public void Dispose()
    {
        foreach (FileSystemWatcher w in _watchers) w.Dispose();
        _driver.Dispose();
        foreach (ScriptedExperiment old in _retired) old.Dispose();
        _script.Dispose(); // the caller disposes the first script too; disposing twice is harmless
    }
}
