using System.Diagnostics;
using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.GlObjects;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay run</c> of an encoder–decoder script (<c>rnn.nn.seq2seq</c> on pairs): trains the
/// experiment, or each <c>compare</c> variant in turn (outputs in one folder each, then printed side
/// by side), with a progress line every few seconds and after each validation, the sample decoded
/// beside its target; each run writes its checkpoint and summary.json.
/// </summary>
internal static class Seq2SeqCommand
{
    /// <summary>
    /// Trains headless, or — in the window (<paramref name="window"/>) or offscreen (<c>--screenshot</c>,
    /// <c>--record</c>) — runs the live form, whose snapshots carry the sample's attention picture.
    /// </summary>
    /// <exception cref="ArgumentException">An option of the sequence models' that an encoder–decoder has no use for.</exception>
    public static int Execute(ScriptedExperiment script, RunOptions options, string output, bool window, TextWriter stdout, TextWriter stderr)
    {
        Refuse(script, options);
        bool offscreen = options.Screenshot is not null || options.Record is not null;
        if (!window && !offscreen) return Train(script, options, output, stdout, stderr);
        Describe(script, stdout);
        var live = new LiveSeq2Seq(script, variant => Settings(options, Folder(output, variant)))
        {
            RunFinished = (name, summary) => SummaryPrinter.Print(stdout, summary, Folder(output, script.Seq2Seq!.Variants.Count == 0 ? null : name)),
        };
        int code = offscreen ? Offscreen(live, options, stdout, stderr) : Window(live, script, options, stdout, stderr);
        if (code != 0) return code;
        if (live.Summaries.Count > 1) SummaryPrinter.PrintComparison(stdout, live.Summaries);
        return RunCommand.Finish(script, live.Summaries.All(r => r.Summary.Succeeded), stderr);
    }

    /// <summary>Refuses <c>--ticks</c>, <c>--resume</c> and <c>--keys</c>, which would otherwise be ignored, saying why.</summary>
    private static void Refuse(ScriptedExperiment script, RunOptions options)
    {
        string what = $"{script.ScriptPath} is an encoder–decoder experiment";
        if (options.Ticks is not null)
            throw new ArgumentException($"--ticks: {what}, which has no live loop to tick without a window (a tick is a sequence model's); give --steps to train so many steps");
        if (options.Resume is not null)
            throw new ArgumentException($"--resume: {what}, whose checkpoint holds the weights but not the optimizer's state, the step or the data order, so training cannot go on from it; train again (--steps), or score the checkpoint with rnnplay eval {script.ScriptPath} --checkpoint FILE");
        if (options.Keys.Count > 0)
            throw new ArgumentException($"--keys: {what}, whose live view has no on_key or step-through to press keys in");
    }

    /// <summary>The one control the encoder–decoder window carries out (Space does the same).</summary>
    private static readonly WindowControl[] WindowControls = [WindowControl.PauseResume];

    /// <summary>What a key does in the encoder–decoder window beside the window loop's own (Tab, ?, Ctrl+= / Ctrl+−).</summary>
    internal enum WindowKey { Quit, PauseResume }

    /// <summary>The window's action for <paramref name="key"/>; null for a key it does not handle.</summary>
    internal static WindowKey? KeyAction(KeyPressed key) => key switch
    {
        { Key: Key.Escape } => WindowKey.Quit,
        { Key: Key.Space, IsRepeat: false } => WindowKey.PauseResume,
        _ => null,
    };

    /// <summary>The keys the window's help (?) lists: those of <see cref="KeyAction"/>, the window loop's and the pointer's.</summary>
    internal static IReadOnlyList<(string Keys, string Action)> HelpKeys { get; } =
    [
        ("Space", "pause / resume training"),
        ("Tab", "cycle the panels: all, encoder–decoder, attention, training"),
        ("Ctrl+= / Ctrl+−", "presentation scale larger / smaller"),
        ("?", "this help on / off"),
        ("mouse over", "the exact value under the pointer: an encoder or decoder state, an attention weight, a chart point"),
        ("button", "along the bottom: pause / resume"),
        ("Esc", "quit: training stops and the run shown is finished (scores, checkpoint, summary.json)"),
    ];

    private static string Folder(string output, string? variant) => variant is null ? output : OutputFolder.Child(output, variant);

    /// <summary>The live view rendered with EGL: a screenshot after <c>--steps</c> (200 when not given; every variant of a comparison), or <c>--frames</c> frames.</summary>
    private static int Offscreen(LiveSeq2Seq live, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        GraphicsProbe probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available)
        {
            stderr.WriteLine($"error: cannot render offscreen: {probe.Reason}");
            return 3;
        }
        using var scene = new OffscreenScene(options.Width, options.Height) { UserScale = options.Scale, AvailableControls = WindowControls };
        long frame = 0;
        Snapshot Snap() => live.BuildSnapshot(new LiveStatus(++frame, false, double.PositiveInfinity, double.NaN));
        if (options.Screenshot is { } shot)
        {
            long steps = options.Steps ?? 200;
            while (!live.Finished && (live.Summaries.Count > 0 || live.TrainingSteps < steps)) live.Advance();
            RunCommand.SaveScreenshot(scene, Snap(), shot, $"{live.TrainingSteps} training steps", stdout);
        }
        if (options.Record is { } dir)
        {
            var recorder = new FrameSequenceRecorder(Path.GetFullPath(dir));
            for (int f = 0; f < options.Frames; f++)
            {
                for (int t = 0; t < 5 && !live.Finished; t++) live.Advance();
                recorder.Write(scene.Render(Snap()));
            }
            stdout.WriteLine($"recorded {recorder.FrameCount} frames (5 training steps apart) in {SummaryPrinter.Relative(recorder.Directory)}");
        }
        while (!live.Finished) live.Advance();
        return 0;
    }

    /// <summary>The window: training on the simulation thread, the latest snapshot drawn; Space pauses, Esc quits (training stops, and the run shown is finished: checkpoint, summary.json).</summary>
    private static int Window(LiveSeq2Seq live, ScriptedExperiment script, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        using var driver = new SimulationDriver(live, options.Speed ?? double.PositiveInfinity) { ThreadStarted = script.MoveToCurrentThread };
        if (LiveWindow.OpenWindow(script.ScriptPath, options, stderr) is not { } window) return 3;
        using (window)
        using (var scene = new SceneRenderer(window.Gl, shaderDirectory: ShaderProgram.SourceDirectory()) { UserScale = options.Scale })
        {
            scene.Inspector.Controls.Available = WindowControls;
            scene.HelpKeys = HelpKeys;
            var loop = new WindowLoop(window, scene, () => driver.Latest) { MaxFramesPerSecond = options.Fps };
            loop.Input += e =>
            {
                if (e is not KeyPressed key) return;
                switch (KeyAction(key))
                {
                    case WindowKey.Quit:
                        loop.Stop();
                        break;
                    case WindowKey.PauseResume:
                        TogglePause();
                        break;
                }
            };
            loop.ControlClicked += control =>
            {
                if (control == WindowControl.PauseResume) TogglePause();
            };
            void TogglePause() => driver.Paused = !driver.Paused;
            stdout.WriteLine("window open: Space pause · Tab views · Ctrl+=/Ctrl+− scale · ? help · Esc quit");
            driver.Start();
            var clock = Stopwatch.StartNew();
            while (loop.RunFrame())
                if (options.Seconds is { } limit && clock.Elapsed.TotalSeconds >= limit) loop.Stop();
            driver.Post(() => live.End(RunCommand.LiveSessionEnded));
            driver.Stop();
        }
        script.MoveToCurrentThread(); // the simulation thread has ended: the caller disposes the script
        if (driver.Error is { } failure) stderr.WriteLine($"error: the simulation stopped: {failure.Message}");
        return driver.Error is null ? 0 : 1;
    }

    public static int Train(ScriptedExperiment script, RunOptions options, string output, TextWriter stdout, TextWriter stderr)
    {
        ScriptedSeq2Seq s = script.Seq2Seq!;
        Describe(script, stdout);
        string?[] names = s.Variants.Count == 0 ? [null] : [.. s.Variants];
        var results = new List<(string Name, RunSummary Summary)>();
        for (int i = 0; i < names.Length; i++)
        {
            string folder = Folder(output, names[i]);
            Seq2SeqRun run = s.CreateRun(Settings(options, folder), names[i]);
            stdout.WriteLine(names[i] is null
                ? string.Create(CultureInfo.InvariantCulture, $"  {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps of batch {run.Definition.BatchSize}; seed {options.Seed ?? run.Definition.Seed}; outputs in {SummaryPrinter.Relative(folder)}")
                : string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}== {names[i]} ({i + 1} of {names.Length}): {s.CurrentModelName()}; {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps; outputs in {SummaryPrinter.Relative(folder)}"));
            RunSummary summary = Run(s, run, stdout);
            SummaryPrinter.Print(stdout, summary, folder);
            results.Add((names[i] ?? summary.Name, summary));
            if (script.CallbackError is not null) break;
        }
        if (names.Length > 1) SummaryPrinter.PrintComparison(stdout, results);
        return RunCommand.Finish(script, results.All(r => r.Summary.Succeeded || (names.Length > 1 && r.Summary.Status == RunStatus.Diverged)), stderr);
    }

    internal static RunSettings Settings(RunOptions options, string folder) =>
        new() { OutputDirectory = folder, Steps = options.Steps, Epochs = options.Epochs, Seed = options.Seed };

    /// <summary>The script's data, model, training and parameters, as the other experiments print them.</summary>
    internal static void Describe(ScriptedExperiment script, TextWriter stdout)
    {
        ScriptedSeq2Seq s = script.Seq2Seq!;
        Seq2SeqDefinition d = s.Definition;
        var parts = new List<string> { $"{d.Optimizer.Kind} lr {d.Optimizer.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}" };
        if (d.Schedule is { } schedule) parts.Add($"{schedule.Kind} schedule");
        if (d.ClipNorm > 0) parts.Add($"clip {d.ClipNorm.ToString(CultureInfo.InvariantCulture)}");
        if (d.TeacherForcingFrom != 1f || d.TeacherForcingTo != 1f)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"teacher forcing {d.TeacherForcingFrom:G3}{(d.TeacherForcingTo != d.TeacherForcingFrom ? $" → {d.TeacherForcingTo:G3}" : "")}"));
        if (d.Beam > 1) parts.Add($"beam {d.Beam}");
        stdout.WriteLine($"{script.ScriptPath}: {s.Pairs}");
        stdout.WriteLine($"  model {s.Model}; {string.Join(", ", parts)}");
        if (script.Parameters.Values.Count > 0) stdout.WriteLine($"  params {RunCommand.DescribeParameters(script.Parameters.Values)}");
    }

    /// <summary>Trains <paramref name="run"/> to its end with progress lines, and finishes it.</summary>
    private static RunSummary Run(ScriptedSeq2Seq s, Seq2SeqRun run, TextWriter stdout)
    {
        var sinceLine = Stopwatch.StartNew();
        string validation = "";
        Action<Seq2SeqRun>? onStep = run.StepTrained;
        run.StepTrained = r =>
        {
            onStep?.Invoke(r);
            if (sinceLine.Elapsed.TotalSeconds < 2 && r.Step != r.TotalSteps) return;
            sinceLine.Restart();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {r.Step}/{r.TotalSteps}  epoch {r.Epoch}  loss {r.LastLoss:F4}  teacher forcing {r.Model.TeacherForcingRatio:F2}  {r.StepsPerSecond:F0} steps/s{validation}"));
        };
        Action<Seq2SeqRun, EvaluationResult>? onEval = run.Evaluated;
        run.Evaluated = (r, e) =>
        {
            onEval?.Invoke(r, e);
            validation = $"  validation {ConsoleProgress.Describe(e)}";
            string output = s.Snapshot(r).Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {r.Step}: validation {ConsoleProgress.Describe(e)}; '{s.Sample.Source}' → '{output}'{(s.Sample.Target.Length > 0 ? $" (target '{s.Sample.Target}')" : "")}"));
        };
        return run.Run();
    }
}
