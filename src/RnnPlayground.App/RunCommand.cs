using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay run</c>: trains a script's experiment headless (progress, metrics.csv, checkpoint,
/// summary with baselines), or runs its live loop for <c>--ticks</c>, or renders it offscreen
/// (<c>--screenshot</c>, <c>--record</c>), or opens the live window when a display is available.
/// </summary>
internal static class RunCommand
{
    public static int Execute(RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(options.Script);
        string name = Path.GetFileNameWithoutExtension(scriptPath);
        string output = Path.GetFullPath(options.Output ?? ScriptLocator.DefaultOutput(workingDirectory, name));
        Directory.CreateDirectory(output);
        if (options.Threads is { } threads) Core.Tensors.ComputeThreads.Count = threads;
        var scriptOptions = new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, OutputDirectory = output, Output = stdout };
        bool graphics = options.Screenshot is not null || options.Record is not null;
        bool window = !options.Headless && !graphics && options.Ticks is null && GraphicsAvailability.CanOpenWindow().Available;

        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, scriptOptions);
        stdout.WriteLine($"{script.ScriptPath}: {script.Data}");
        stdout.WriteLine($"  model {script.Model}; {Describe(script.Definition)}");

        if (window) return LiveWindow.Run(script, options, output, scriptPath, scriptOptions, stdout, stderr);
        if (script.Variants.Count > 0 && !graphics && options.Ticks is null) return Compare(script, options, output, stdout, stderr);

        var progress = new ConsoleProgress(stdout);
        ExperimentRun run = script.CreateRun(new RunSettings
        {
            OutputDirectory = output, Steps = options.Steps, Epochs = options.Epochs, Seed = options.Seed, ResumeFrom = options.Resume,
            Observer = graphics || options.Ticks is not null ? null : progress,
        });
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps of batch {script.Definition.Training.BatchSize}; seed {options.Seed ?? script.Definition.Seed}; outputs in {SummaryPrinter.Relative(output)}"));

        if (graphics) return Offscreen(script, run, options, output, stdout, stderr);
        if (options.Ticks is { } ticks) return LiveHeadless(script, run, ticks, output, stdout);

        RunSummary summary = progress.Show($"training {name}", run.TotalSteps, () => run.Run());
        SummaryPrinter.Print(stdout, summary, output);
        return Finish(script, summary.Succeeded, stderr);
    }

    /// <summary>Runs every variant of a comparison in turn (outputs in one folder each) and prints them side by side.</summary>
    private static int Compare(ScriptedExperiment script, RunOptions options, string output, TextWriter stdout, TextWriter stderr)
    {
        var results = new List<(string Name, RunSummary Summary)>();
        foreach (ScriptedExperiment.Variant v in script.Variants)
        {
            string dir = Path.Combine(output, v.Name);
            var progress = new ConsoleProgress(stdout);
            ExperimentRun run = script.CreateRun(new RunSettings
            {
                OutputDirectory = dir, Steps = options.Steps, Epochs = options.Epochs, Seed = options.Seed, Observer = progress,
            }, v);
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== {v.Name}: {v.Model}; {Describe(v.Definition)}; {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps"));
            RunSummary summary = progress.Show($"training {v.Name}", run.TotalSteps, () => run.Run());
            SummaryPrinter.Print(stdout, summary, dir);
            results.Add((v.Name, summary));
            if (script.CallbackError is not null) break;
        }
        SummaryPrinter.PrintComparison(stdout, results);
        return Finish(script, results.All(r => r.Summary.Succeeded || r.Summary.Status == RunStatus.Diverged), stderr);
    }

    private static string Describe(ExperimentDefinition d)
    {
        var parts = new List<string> { $"{d.Optimizer.Kind} lr {d.Optimizer.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}" };
        if (d.Schedule is { } s) parts.Add($"{s.Kind} schedule");
        if (d.Training.ClipNorm is { } c) parts.Add($"clip {c.ToString(CultureInfo.InvariantCulture)}");
        if (d.Training.TruncatedBptt is { } k) parts.Add($"truncated BPTT {k}");
        return string.Join(", ", parts);
    }

    /// <summary>Reports a callback's script error (which stopped the run) and gives the exit code.</summary>
    internal static int Finish(ScriptedExperiment script, bool succeeded, TextWriter stderr)
    {
        if (script.CallbackError is { } e)
        {
            stderr.WriteLine($"error: {e}");
            return 1;
        }
        return succeeded ? 0 : 1;
    }

    /// <summary>The live loop with no window, as fast as it goes: the same code path the window runs.</summary>
    private static int LiveHeadless(ScriptedExperiment script, ExperimentRun run, long ticks, string output, TextWriter stdout)
    {
        ILiveExperiment live = script.CreateLive(run);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastLine = System.Diagnostics.Stopwatch.StartNew();
        for (long i = 0; i < ticks && !live.Finished; i++)
        {
            live.Advance();
            if (lastLine.Elapsed.TotalSeconds >= 2)
            {
                lastLine.Restart();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tick {live.Ticks}/{ticks}  {live.TrainingSteps} training steps"));
            }
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{live.Ticks} ticks in {clock.Elapsed.TotalSeconds:F1} s ({live.Ticks / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} ticks/s)"));
        return EndLive(script, run, live, output, stdout, Console.Error);
    }

    /// <summary>
    /// After a live session: a weather world prints its forecast scores against persistence and
    /// saves a checkpoint; a training run is finished (final evaluation, summary with baselines).
    /// </summary>
    internal static int EndLive(ScriptedExperiment script, ExperimentRun run, ILiveExperiment live, string output, TextWriter stdout, TextWriter stderr)
    {
        if (script.Data.Weather is null)
        {
            if (!run.IsOver) run.RequestStop("the live session ended");
            RunSummary summary = run.Finish();
            SummaryPrinter.Print(stdout, summary, output);
            return Finish(script, summary.Succeeded, stderr);
        }
        stdout.WriteLine();
        stdout.WriteLine(live.Report());
        File.WriteAllText(Path.Combine(output, "live.txt"), live.Report() + "\n");
        if (run.Trainer.Step > 0)
        {
            string checkpoint = Path.Combine(output, ExperimentRun.CheckpointFile);
            Core.Checkpoints.TrainingCheckpoint.Save(checkpoint, run.Trainer, run.CheckpointMetadata());
            stdout.WriteLine($"  outputs in {SummaryPrinter.Relative(output)}: live.txt, {ExperimentRun.CheckpointFile}");
        }
        return Finish(script, true, stderr);
    }

    /// <summary>Renders the live view with EGL (no display needed): one screenshot, or a sequence of frames.</summary>
    private static int Offscreen(ScriptedExperiment script, ExperimentRun run, RunOptions options, string output, TextWriter stdout, TextWriter stderr)
    {
        GraphicsProbe probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available)
        {
            stderr.WriteLine($"error: cannot render offscreen: {probe.Reason}");
            return 3;
        }
        ILiveExperiment live = script.CreateLive(run);
        using var scene = new OffscreenScene(options.Width, options.Height);
        long sequence = 0;
        Snapshot Snap() => live.BuildSnapshot(new LiveStatus(++sequence, false, script.Live.TicksPerSecond, 0));
        if (options.Screenshot is { } shot)
        {
            long steps = options.Steps ?? 200;
            while (live.TrainingSteps < steps && !live.Finished) live.Advance();
            string path = Path.GetFullPath(shot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            scene.SavePng(Snap(), path);
            stdout.WriteLine($"screenshot after {live.TrainingSteps} training steps ({live.Ticks} ticks): {SummaryPrinter.Relative(path)}");
        }
        if (options.Record is { } dir)
        {
            var recorder = new FrameSequenceRecorder(Path.GetFullPath(dir));
            int ticksPerFrame = (int)Math.Max(1, Math.Round(script.Live.TicksPerSecond / 30.0));
            for (int f = 0; f < options.Frames; f++)
            {
                for (int t = 0; t < ticksPerFrame && !live.Finished; t++) live.Advance();
                recorder.Write(scene.Render(Snap()));
            }
            stdout.WriteLine($"recorded {recorder.FrameCount} frames ({ticksPerFrame} ticks apart) in {SummaryPrinter.Relative(recorder.Directory)}");
        }
        return Finish(script, true, stderr);
    }
}
