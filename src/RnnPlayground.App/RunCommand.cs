using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

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
        var scriptOptions = new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, OutputDirectory = output, Output = stdout, Parameters = options.Parameters };
        bool graphics = options.Screenshot is not null || options.Record is not null;
        bool window = !options.Headless && !graphics && options.Ticks is null && GraphicsAvailability.CanOpenWindow().Available;

        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, scriptOptions);
        if (script.Seq2Seq is not null) return Seq2SeqCommand.Execute(script, options, output, window, stdout, stderr);
        stdout.WriteLine($"{script.ScriptPath}: {script.Data}");
        stdout.WriteLine($"  model {script.Model}; {Describe(script.Definition)}");
        if (script.Parameters.Values.Count > 0) stdout.WriteLine($"  params {DescribeParameters(script.Parameters.Values)}");

        if (options.Screenshot is not null && options.Steps is null && options.Epochs is null && script.Variants.Count > 0) options = options with { Steps = 200 };
        var sequence = new VariantSequence(script, options, output);
        if (window) return LiveWindow.Run(sequence, options, scriptPath, scriptOptions, stdout, stderr);
        if (graphics) return Offscreen(sequence, options, stdout, stderr);
        if (options.Ticks is { } ticks) return LiveHeadless(sequence, ticks, stdout, stderr);
        return Train(sequence, stdout, stderr);
    }

    /// <summary>
    /// Trains the experiment, or every variant of a comparison in turn (outputs in one folder each,
    /// then printed side by side), with a progress bar.
    /// </summary>
    private static int Train(VariantSequence sequence, TextWriter stdout, TextWriter stderr)
    {
        ScriptedExperiment script = sequence.Script;
        var results = new List<(string Name, RunSummary Summary)>();
        for (int i = 0; i < sequence.Entries.Count; i++)
        {
            VariantSequence.Entry entry = sequence.Entries[i];
            var progress = new ConsoleProgress(stdout);
            ExperimentRun run = sequence.CreateRun(i, progress);
            stdout.WriteLine(sequence.Describe(i, run));
            RunSummary summary = progress.Show($"training {entry.Name(script)}", run.TotalSteps, () => run.Run());
            SummaryPrinter.Print(stdout, summary, entry.Output);
            if (RunReport.TrySave(summary, entry.Output, stdout) is not null) stdout.WriteLine($"  report: {SummaryPrinter.Relative(Path.Combine(entry.Output, RunReport.FileName))}");
            results.Add((entry.Name(script), summary));
            if (script.CallbackError is not null) break;
        }
        if (!sequence.IsComparison) return Finish(script, results[0].Summary.Succeeded, stderr);
        SummaryPrinter.PrintComparison(stdout, results);
        return Finish(script, results.All(r => r.Summary.Succeeded || r.Summary.Status == RunStatus.Diverged), stderr);
    }

    internal static string Describe(ExperimentDefinition d)
    {
        var parts = new List<string> { $"{d.Optimizer.Kind} lr {d.Optimizer.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}" };
        if (d.Schedule is { } s) parts.Add($"{s.Kind} schedule");
        if (d.Training.ClipNorm is { } c) parts.Add($"clip {c.ToString(CultureInfo.InvariantCulture)}");
        if (d.Training.TruncatedBptt is { } k) parts.Add($"truncated BPTT {k}");
        return string.Join(", ", parts);
    }

    /// <summary>The parameters' values as a script would write them: <c>cell='lstm', hidden=32, lr=0.003</c>.</summary>
    internal static string DescribeParameters(IReadOnlyDictionary<string, object> values) =>
        string.Join(", ", values.Select(kv => $"{kv.Key}={ScriptParameters.Show(kv.Value)}"));

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
    private static int LiveHeadless(VariantSequence sequence, long ticks, TextWriter stdout, TextWriter stderr)
    {
        var live = new LiveSequence(sequence, stdout, stderr);
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
        return live.End();
    }

    /// <summary>Why a run the window was training stopped when the window closed.</summary>
    internal const string LiveSessionEnded = "the live session ended";

    /// <summary>
    /// After a live session: a weather world prints its forecast scores against persistence and
    /// saves a checkpoint; a training run is finished (final evaluation, summary with baselines).
    /// Returns whether it succeeded, and the training run's summary.
    /// </summary>
    internal static (bool Succeeded, RunSummary? Summary) EndLive(ScriptedExperiment script, ScriptedExperiment.Variant? variant, ExperimentRun run, ILiveExperiment live, string output, TextWriter stdout)
    {
        if (!script.DataOf(variant).Streams)
        {
            if (!run.IsOver) run.RequestStop(LiveSessionEnded);
            RunSummary summary = run.Finish();
            SummaryPrinter.Print(stdout, summary, output);
            return (summary.Succeeded, summary);
        }
        stdout.WriteLine();
        stdout.WriteLine(live.Report());
        Directory.CreateDirectory(output); // a variant shown by ctx.show_variant may not have written anything yet
        File.WriteAllText(Path.Combine(output, "live.txt"), live.Report() + "\n");
        string written = "live.txt";
        if (live.ReportJson() is { } json)
        {
            json["params"] = ExperimentParameters.ToJson(script.Parameters.Values);
            File.WriteAllText(Path.Combine(output, "summary.json"), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
            written += ", summary.json";
        }
        if (live.ScoreCurves() is { } curves)
        {
            try
            {
                if (LiveScoresPlot.Save(curves, $"{script.ScriptPath}: {live.Name}", Path.Combine(output, LiveScoresPlot.FileName)))
                    written += ", " + LiveScoresPlot.FileName;
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or UnauthorizedAccessException)
            {
                // The scores are written; a machine without the plot's native library (or a full disk) costs only the picture.
                stdout.WriteLine($"  {LiveScoresPlot.FileName} not drawn: {(e.InnerException ?? e).Message}");
            }
        }
        if (run.Trainer.Step > 0)
        {
            string checkpoint = Path.Combine(output, ExperimentRun.CheckpointFile);
            run.SaveCheckpoint(checkpoint);
            written += ", " + ExperimentRun.CheckpointFile;
        }
        stdout.WriteLine($"  outputs in {SummaryPrinter.Relative(output)}: {written}");
        return (true, null);
    }

    /// <summary>Renders the live view with EGL (no display needed): one screenshot, or a sequence of frames.</summary>
    private static int Offscreen(VariantSequence sequence, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        GraphicsProbe probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available)
        {
            stderr.WriteLine($"error: cannot render offscreen: {probe.Reason}");
            return 3;
        }
        ScriptedExperiment script = sequence.Script;
        // A recording keeps a diverged variant on screen for the hold's seconds of video (at 30 frames a second).
        long frame = 0;
        var live = new LiveSequence(sequence, stdout, stderr, options.Record is null ? null : () => frame / 30.0);
        using var scene = new OffscreenScene(options.Width, options.Height) { UserScale = options.Scale };
        var playback = new RecordingPlayback();
        Snapshot Snap() => live.BuildSnapshot(new LiveStatus(++frame, playback.Paused, script.Live.TicksPerSecond, double.NaN));
        if (options.Screenshot is { } shot)
        {
            // A comparison is pictured once every variant has run (each for --steps, 200 by default), all side by side;
            // one with a streaming variant (a lesson's weather world, which never ends) after --steps of its first.
            long steps = sequence.IsComparison && !sequence.Streams ? long.MaxValue : options.Steps ?? 200;
            while (live.TrainingSteps < steps && !live.Finished) live.Advance();
            SaveScreenshot(scene, Snap(), shot, $"{live.TrainingSteps} training steps ({live.Ticks} ticks)", stdout);
            if (scene.LastComparisonLayout is { } comparison)
            {
                stdout.WriteLine("  variants side by side: " + string.Join("; ", comparison.Legend.Select(v => $"{v.Name} ({v.Status})")));
                if (comparison.BannerText is { } banner) stdout.WriteLine($"  banner: {banner}");
            }
        }
        if (options.Record is { } dir)
        {
            var recorder = new FrameSequenceRecorder(Path.GetFullPath(dir));
            int ticksPerFrame = (int)Math.Max(1, Math.Round(script.Live.TicksPerSecond / 30.0));
            script.Stage.Playback = playback;
            // Key k of n is pressed before frame k·⌊frames/(n+1)⌋, so every stop of a guided tour gets as many frames.
            int every = Math.Max(1, options.Frames / (options.Keys.Count + 1)), pressed = 0;
            for (int f = 0; f < options.Frames; f++)
            {
                if (pressed < options.Keys.Count && f == (pressed + 1) * every) Press(script, options.Keys[pressed++], f, stdout);
                for (int t = 0; t < ticksPerFrame && !live.Finished && !playback.Paused; t++) live.Advance();
                while (playback.TakeStep()) live.TrainOnce();
                recorder.Write(scene.Render(Snap()));
            }
            stdout.WriteLine($"recorded {recorder.FrameCount} frames ({ticksPerFrame} ticks apart) in {SummaryPrinter.Relative(recorder.Directory)}");
        }
        return live.End();
    }

    /// <summary>Saves the picture of <paramref name="snapshot"/> as the PNG <paramref name="shot"/> and says so, with what the layout could not fit.</summary>
    internal static void SaveScreenshot(OffscreenScene scene, Snapshot snapshot, string shot, string when, TextWriter stdout)
    {
        string path = Path.GetFullPath(shot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        scene.SavePng(snapshot, path);
        stdout.WriteLine($"screenshot after {when}: {SummaryPrinter.Relative(path)}");
        // The layout reports what it could not fit, so a picture that lost text says so.
        foreach (string problem in scene.LayoutProblems()) stdout.WriteLine($"  layout: {problem}");
    }

    /// <summary>A key of <c>--keys</c> in a recording: the step-through's next step (t) or the script's <c>on_key</c>.</summary>
    private static void Press(ScriptedExperiment script, string key, int frame, TextWriter stdout)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {frame + 1}: key {key}"));
        if (key != RecordedKeys.StepThrough)
        {
            script.OnKey(key);
            return;
        }
        try
        {
            script.Stage.NextWalk();
        }
        catch (Scripting.Host.ScriptArgumentException e)
        {
            stdout.WriteLine($"step-through: {e.Message}");
        }
    }
}
