using System.Globalization;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay bench --window [--script S] [--size WxH] [--scale F] [--fps N] [--seconds S] [--rounds N]</c>:
/// the window's frame rate and its training rate against the same simulation run without a window,
/// back to back in one process (headless, window, headless, window, …), at <c>--speed max</c>. The
/// headless run is the window's simulation thread alone (same thread, core and numeric threads), so
/// the ratio is what drawing costs the training. Prints one line per run and the medians.
/// </summary>
internal static class WindowBench
{
    /// <summary>What to measure.</summary>
    public sealed record Options(string? Script, int Width, int Height, float Scale, double Fps, double Seconds, int Rounds, bool FrameProfile);

    /// <summary>Seconds the headless simulation runs before it is timed (JIT and first batches).</summary>
    private const double HeadlessWarmupSeconds = 0.5;

    public static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        if (!GraphicsAvailability.CanOpenWindow().Available)
            throw new GraphicsUnavailableException($"bench --window needs a display: {GraphicsAvailability.CanOpenWindow().Reason} (run it under xvfb-run)");
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(o.Script);
        string output = Path.Combine(Path.GetTempPath(), $"rnnplay-bench-window-{Environment.ProcessId}");
        Directory.CreateDirectory(output);
        try
        {
            // As the window does on a small machine: the numeric core on all but one core.
            if (Environment.ProcessorCount <= 4) Core.Tensors.ComputeThreads.Count = Math.Max(1, Environment.ProcessorCount - 1);
            var scriptOptions = new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, OutputDirectory = output, Output = TextWriter.Null };
            var run = new RunOptions
            {
                Script = scriptPath, Output = output, Width = o.Width, Height = o.Height, Scale = o.Scale, Fps = o.Fps,
                Seconds = o.Seconds, Speed = double.PositiveInfinity, FrameProfile = o.FrameProfile,
            };
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{SummaryPrinter.Relative(scriptPath)} at --speed max, {o.Rounds} round(s) of {o.Seconds:0.#} s headless then {o.Seconds:0.#} s in a {o.Width}×{o.Height} window (presentation scale {Rendering.Views.PresentationScale.For(o.Width, o.Height, o.Scale):0.##}×, --fps {o.Fps:0.#}); load {Load()}"));
            var headless = new List<double>();
            var fps = new List<double>();
            var drawn = new List<double>();
            for (int round = 1; round <= o.Rounds; round++)
            {
                double alone = Headless(scriptPath, scriptOptions, run, o.Seconds);
                WindowFigures? figures = null;
                using (ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, scriptOptions))
                {
                    int code = LiveWindow.Run(new VariantSequence(script, run, output), run, scriptPath, scriptOptions,
                        o.FrameProfile ? stdout : TextWriter.Null, stderr, f => figures = f);
                    if (code != 0) throw new InvalidOperationException($"the window run of round {round} failed (exit code {code})");
                    if (figures is null) throw new InvalidOperationException($"the window drew too few frames in {o.Seconds:0.#} s to measure; give it more --seconds");
                }
                headless.Add(alone);
                fps.Add(figures.FramesPerSecond);
                drawn.Add(figures.StepsPerSecond);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: headless {alone:F0} steps/s; window {figures.Width}×{figures.Height} {figures.FramesPerSecond:F1} FPS, training {figures.StepsPerSecond:F0} steps/s ({100 * figures.StepsPerSecond / alone:F0} % of headless); load {Load()}"));
                stdout.Flush();
            }
            double h = RoundStatistics.Median(headless), d = RoundStatistics.Median(drawn);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: {RoundStatistics.Median(fps):F1} FPS, training {d:F0} steps/s while drawn = {100 * d / h:F0} % of headless ({h:F0} steps/s)"));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    /// <summary>Training steps per second of the live simulation at full speed on the window's simulation thread, with no window.</summary>
    private static double Headless(string scriptPath, ScriptedExperimentOptions scriptOptions, RunOptions run, double seconds)
    {
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, scriptOptions);
        var live = new LiveSequence(new VariantSequence(script, run, run.Output!), TextWriter.Null, TextWriter.Null);
        var driver = new SimulationDriver(live, double.PositiveInfinity)
        {
            ThreadStarted = () =>
            {
                ThreadAffinity.PinToLastCore();
                script.MoveToCurrentThread();
            },
        };
        driver.Start();
        Thread.Sleep(TimeSpan.FromSeconds(HeadlessWarmupSeconds));
        long before = driver.Experiment.TrainingSteps;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        long steps = driver.Experiment.TrainingSteps - before;
        double elapsed = clock.Elapsed.TotalSeconds;
        driver.Post(() =>
        {
            live.End();
            script.Dispose(); // on the thread that owns it; the using's second dispose is harmless
        });
        driver.Stop();
        if (driver.Error is { } e) throw new InvalidOperationException($"the headless run failed: {e.Message}");
        return steps / elapsed;
    }

    /// <summary>The one-minute load average (other work on the machine disturbs the figures).</summary>
    private static string Load()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
