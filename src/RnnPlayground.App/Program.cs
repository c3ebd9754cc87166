using System.CommandLine;
using RnnPlayground.App;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Scripting.Host;

return Cli.Run(args, Console.Out, Console.Error);

namespace RnnPlayground.App
{
    /// <summary>The <c>rnnplay</c> command line: run (default), eval, sample, bench, sweep.</summary>
    internal static class Cli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            RootCommand root = Build(stdout, stderr);
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // One line per mistake, naming the option, instead of the parser's help dump.
                foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
                return UsageError;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        private static Argument<string?> ScriptArgument() => new("script")
        {
            Description = $"The experiment script (default: {ScriptLocator.DefaultScript}).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        /// <summary>Exit code of a command line that does not parse or has a value out of range.</summary>
        public const int UsageError = 2;

        private const long MaxSteps = 1_000_000_000_000;

        public static RootCommand Build(TextWriter stdout, TextWriter stderr)
        {
            var root = new RootCommand("RnnPlayground: train, watch and test recurrent networks defined in Lua scripts. With no command, runs scripts/weather.lua.");

            Argument<string?> script = ScriptArgument();
            var steps = CheckedOptions.Integer("--steps", 1L, MaxSteps, "Training steps (mini-batches) to run; overrides the script's steps/epochs. With --screenshot: steps before the picture.");
            var epochs = CheckedOptions.Integer("--epochs", 1, 1_000_000, "Epochs to run; overrides the script's steps/epochs.");
            var seed = CheckedOptions.Integer("--seed", 0UL, ulong.MaxValue, "Seed for weights, dropout and shuffling (default: the script's).");
            var output = CheckedOptions.Text("--out", "Output folder for metrics.csv, checkpoints and the summary (default: runs/NAME-TIME).");
            var headless = new Option<bool>("--headless") { Description = "Never open a window; train and report." };
            var ticks = CheckedOptions.Integer("--ticks", 1L, MaxSteps, "Run the live loop (the window's simulation) for this many ticks without a window, and report the live scores.");
            var screenshot = CheckedOptions.Text("--screenshot", "Render the live view offscreen (EGL, no display needed) to this PNG after --steps training steps.");
            var record = CheckedOptions.Text("--record", "Render --frames frames of the live view offscreen into this folder (frame_00001.png …).");
            var frames = CheckedOptions.Integer("--frames", 1, 100_000, "Frames to record with --record.", 60);
            var keys = CheckedOptions.Text("--keys", "With --record: keys to press, spread evenly over the frames, comma-separated: the names on_key receives (right, pagedown, a…) or t (the step-through's next step).");
            var resume = CheckedOptions.Text("--resume", "Continue from a training checkpoint written by an earlier run of the same script.");
            var threads = CheckedOptions.Integer("--threads", 1, Core.Tensors.ComputeThreads.MaxCount, "Cores the numeric core may use (default: all).");
            var speed = new Option<double?>("--speed")
            {
                Description = "Initial simulation speed in the window: ticks per second, or 'max' (as fast as it goes).",
                CustomParser = ParseSpeed,
            };
            var fps = CheckedOptions.Number("--fps", 1, 1000, "Most frames per second the window draws (default 30: on two cores, drawing faster slows training by more than a tenth).", 30, minInclusive: true);
            var seconds = CheckedOptions.Number("--seconds", 0, 1_000_000, "Close the window by itself after this many seconds and print frame and training rates.");
            var size = CheckedOptions.Size("--size", 64, MaxPictureSide, "Window or picture size WxH.", new PictureSize(1280, 800));
            var frameProfile = new Option<bool>("--frame-profile") { Description = "In the window: time each frame's phases (build, GL calls, rasterizing, swap), count what it draws and allocates, and print the breakdown with each thread's CPU at the end." };
            var scale = CheckedOptions.Number("--scale", 0.5, 3, "Presentation scale on top of the one that follows the window size (Ctrl+= / Ctrl+− in the window).", 1, minInclusive: true);
            var set = ParameterOption.Create();

            var run = new Command("run", "Train a script's experiment: a live window when a display is available, else headless with a progress bar, metrics.csv, a checkpoint and a summary against baselines.")
            {
                script, steps, epochs, seed, output, headless, ticks, screenshot, record, frames, keys, resume, threads, speed, seconds, fps, size, scale, frameProfile, set,
            };
            run.SetAction(p => Guard(stderr, () =>
            {
                (int w, int h) = p.GetValue(size) ?? new PictureSize(1280, 800);
                return RunCommand.Execute(new RunOptions
                {
                    Script = p.GetValue(script), Steps = p.GetValue(steps), Epochs = p.GetValue(epochs), Seed = p.GetValue(seed),
                    Output = p.GetValue(output), Headless = p.GetValue(headless), Ticks = p.GetValue(ticks), Screenshot = p.GetValue(screenshot),
                    Record = p.GetValue(record), Frames = p.GetValue(frames) ?? 60, Keys = RecordedKeys.Parse(p.GetValue(keys)), Resume = p.GetValue(resume), Threads = p.GetValue(threads),
                    Speed = p.GetValue(speed), Seconds = p.GetValue(seconds), Fps = p.GetValue(fps) ?? 30, Width = w, Height = h,
                    Scale = (float)(p.GetValue(scale) ?? 1), FrameProfile = p.GetValue(frameProfile), Parameters = p.GetValue(set)!,
                }, stdout, stderr);
            }));
            root.Subcommands.Add(run);
            root.SetAction(p => Guard(stderr, () => RunCommand.Execute(new RunOptions(), stdout, stderr)));

            Argument<string?> evalScript = ScriptArgument();
            var checkpoint = CheckedOptions.Text("--checkpoint", "Weights or checkpoint file (safetensors) to evaluate.", required: true);
            var evalSet = ParameterOption.Create();
            evalSet.Description = "Set a parameter the script declares, over the values the checkpoint recorded (which eval uses by default).";
            var eval = new Command("eval", "Score a checkpoint on the script's validation and test data, beside the baselines; the script is built with the parameter values the checkpoint recorded.")
            {
                evalScript, checkpoint, evalSet,
            };
            eval.SetAction(p => Guard(stderr, () => EvalCommand.Execute(p.GetValue(evalScript), p.GetValue(checkpoint)!, p.GetValue(evalSet)!, stdout, stderr)));
            root.Subcommands.Add(eval);

            Argument<string?> sampleScript = ScriptArgument();
            var sampleCheckpoint = CheckedOptions.Text("--checkpoint", "Weights or checkpoint of the text model.", required: true);
            var prime = new Option<string>("--prime") { Description = "Text to start from.", DefaultValueFactory = _ => "" };
            var temperature = CheckedOptions.Number("--temperature", 0, 100, "Sampling temperature (lower is more conservative).", 0.8);
            var length = CheckedOptions.Integer("--length", 0, 1_000_000, "Characters to generate.", 400);
            var sampleSeed = CheckedOptions.Integer("--seed", 0UL, ulong.MaxValue, "Seed for sampling.", 1UL);
            var sample = new Command("sample", "Generate text from a character model (rnn.data.text experiments).")
            {
                sampleScript, sampleCheckpoint, prime, temperature, length, sampleSeed,
            };
            sample.SetAction(p => Guard(stderr, () => SampleCommand.Execute(p.GetValue(sampleScript), p.GetValue(sampleCheckpoint)!,
                p.GetValue(prime)!, p.GetValue(temperature) ?? 0.8, p.GetValue(length) ?? 400, p.GetValue(sampleSeed) ?? 1UL, stdout, stderr)));
            root.Subcommands.Add(sample);

            var workload = CheckedOptions.Choice("--workload", [.. Core.Benchmarks.BenchmarkWorkload.Ids, BenchCommand.GemmWorkload],
                $"Run only this workload ({string.Join(", ", Core.Benchmarks.BenchmarkWorkload.Ids)}), or '{BenchCommand.GemmWorkload}' for the SGEMM figure at 1024³.");
            var benchThreads = CheckedOptions.Integer("--threads", 1, Core.Tensors.ComputeThreads.MaxCount, "Cores the numeric core may use (default: all).");
            var json = new Option<bool>("--json") { Description = "One JSON line per workload (the libtorch peer's keys plus alloc_bytes_per_step) instead of a table." };
            var benchSeconds = CheckedOptions.Number("--seconds", 0, 3600, "Time each workload for at least this many seconds, after 20 warm-up steps.", 2.0, minInclusive: true);
            var benchWindow = new Option<bool>("--window") { Description = "Instead: the live window's FPS and its training rate against the same simulation without a window, back to back (needs a display; e.g. under xvfb-run)." };
            var benchScript = CheckedOptions.Text("--script", $"With --window: the script to run at --speed max (default {ScriptLocator.DefaultScript}).");
            var benchSize = CheckedOptions.Size("--size", 64, MaxPictureSide, "With --window: the window size WxH.", new PictureSize(1280, 800));
            var benchScale = CheckedOptions.Number("--scale", 0.5, 3, "With --window: the presentation scale on top of the one that follows the window size.", 1, minInclusive: true);
            var benchFps = CheckedOptions.Number("--fps", 1, 1000, "With --window: the frame cap.", 60, minInclusive: true);
            var rounds = CheckedOptions.Integer("--rounds", 1, 100, "With --window: headless-then-window rounds (default 3; the medians are printed). Else: rounds of the 1-thread and N-thread runs of each workload, in alternating order (default 1; the median run and the median speed-up are printed).", 3);
            var benchProfile = new Option<bool>("--frame-profile") { Description = "With --window: print each window run's frame profile." };
            var stepProfile = new Option<bool>("--profile") { Description = "Also print each training workload's time per step by phase (input projections, forward and backward time loops, weight-gradient products, clipping, optimizer, the rest) and the cores the process kept busy." };
            var bench = new Command("bench", "Time the standard workloads (training steps/s, tokens/s, µs/step, bytes allocated per step) on this machine, or with --window the window's frame and training rates.")
            {
                workload, benchThreads, json, benchSeconds, benchWindow, benchScript, benchSize, benchScale, benchFps, rounds, benchProfile, stepProfile,
            };
            bench.SetAction(p => Guard(stderr, () =>
            {
                if (!p.GetValue(benchWindow))
                    return BenchCommand.Execute(p.GetValue(workload), p.GetValue(benchThreads), p.GetValue(json), p.GetValue(benchSeconds) ?? 2.0, p.GetValue(stepProfile), stdout, stderr,
                        p.GetResult(rounds) is { Implicit: false } ? p.GetValue(rounds) ?? 1 : 1);
                (int w, int h) = p.GetValue(benchSize) ?? new PictureSize(1280, 800);
                double windowSeconds = p.GetResult(benchSeconds) is { Implicit: false } ? p.GetValue(benchSeconds) ?? 10 : 10;
                return WindowBench.Execute(new WindowBench.Options(p.GetValue(benchScript), w, h, (float)(p.GetValue(benchScale) ?? 1), p.GetValue(benchFps) ?? 60,
                    Math.Max(1, windowSeconds), p.GetValue(rounds) ?? 3, p.GetValue(benchProfile)), stdout, stderr);
            }));
            root.Subcommands.Add(bench);
            root.Subcommands.Add(Testing.TestCommandLine.Build(stdout, stderr, Guard));
            root.Subcommands.Add(Sweeps.SweepCommandLine.Build(ScriptArgument(), action => Guard(stderr, action), stdout, stderr));
            return root;
        }

        /// <summary>The largest window or picture side: beyond it the offscreen buffers outgrow what a GL driver gives.</summary>
        private const int MaxPictureSide = 8192;

        private static double? ParseSpeed(System.CommandLine.Parsing.ArgumentResult result)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (text == "max") return double.PositiveInfinity;
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 0 && v <= 1e9)
                return v;
            result.AddError($"--speed must be a number of ticks per second above 0 and at most 1000000000, or 'max' (got '{text}')");
            return null;
        }

        /// <summary>Turns the errors a user can cause into one clear message and a non-zero exit, never a .NET stack trace.</summary>
        internal static int Guard(TextWriter stderr, Func<int> action)
        {
            try
            {
                return action();
            }
            catch (ScriptException e)
            {
                stderr.WriteLine($"error: {e}");
                return 1;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CheckpointException or ArgumentException
                or IOException or UnauthorizedAccessException or Rendering.Context.GraphicsUnavailableException or InvalidOperationException)
            {
                stderr.WriteLine($"error: {OneLine(e)}");
                return e is Rendering.Context.GraphicsUnavailableException ? 3 : 1;
            }
        }

        /// <summary>An exception's message on one line, without the parameter name and value .NET appends to argument errors.</summary>
        private static string OneLine(Exception e)
        {
            string message = e is ArgumentException a ? ArgumentReason(a) : e.Message;
            return string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        private static string ArgumentReason(ArgumentException a)
        {
            string message = a.Message;
            if (a is ArgumentOutOfRangeException { ActualValue: { } actual })
                message = message.Replace($"{Environment.NewLine}Actual value was {actual}.", "", StringComparison.Ordinal);
            return a.ParamName is { } name ? message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : message;
        }
    }
}
