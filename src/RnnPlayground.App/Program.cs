using System.CommandLine;
using RnnPlayground.App;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Scripting.Host;

return Cli.Run(args, Console.Out, Console.Error);

namespace RnnPlayground.App
{
    /// <summary>The <c>rnnplay</c> command line: run (default), eval, sample, bench.</summary>
    internal static class Cli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            RootCommand root = Build(stdout, stderr);
            ParseResult parsed = root.Parse(args);
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        private static Argument<string?> ScriptArgument() => new("script")
        {
            Description = $"The experiment script (default: {ScriptLocator.DefaultScript}).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        public static RootCommand Build(TextWriter stdout, TextWriter stderr)
        {
            var root = new RootCommand("RnnPlayground: train, watch and test recurrent networks defined in Lua scripts. With no command, runs scripts/weather.lua.");

            Argument<string?> script = ScriptArgument();
            var steps = new Option<long?>("--steps") { Description = "Training steps (mini-batches) to run; overrides the script's steps/epochs. With --screenshot: steps before the picture." };
            var epochs = new Option<int?>("--epochs") { Description = "Epochs to run; overrides the script's steps/epochs." };
            var seed = new Option<ulong?>("--seed") { Description = "Seed for weights, dropout and shuffling (default: the script's)." };
            var output = new Option<string?>("--out") { Description = "Output folder for metrics.csv, checkpoints and the summary (default: runs/NAME-TIME)." };
            var headless = new Option<bool>("--headless") { Description = "Never open a window; train and report." };
            var ticks = new Option<long?>("--ticks") { Description = "Run the live loop (the window's simulation) for this many ticks without a window, and report the live scores." };
            var screenshot = new Option<string?>("--screenshot") { Description = "Render the live view offscreen (EGL, no display needed) to this PNG after --steps training steps." };
            var record = new Option<string?>("--record") { Description = "Render --frames frames of the live view offscreen into this folder (frame_00001.png …)." };
            var frames = new Option<int>("--frames") { Description = "Frames to record with --record.", DefaultValueFactory = _ => 60 };
            var resume = new Option<string?>("--resume") { Description = "Continue from a training checkpoint written by an earlier run of the same script." };
            var threads = new Option<int?>("--threads") { Description = "Cores the numeric core may use (default: all)." };
            var speed = new Option<string?>("--speed") { Description = "Initial simulation speed in the window: ticks per second, or 'max' (as fast as it goes)." };
            var fps = new Option<double>("--fps") { Description = "Most frames per second the window draws (default 30: on two cores, drawing faster slows training by more than a tenth).", DefaultValueFactory = _ => 30 };
            var seconds = new Option<double?>("--seconds") { Description = "Close the window by itself after this many seconds and print frame and training rates." };
            var size = new Option<string>("--size") { Description = "Window or picture size WxH.", DefaultValueFactory = _ => "1280x800" };

            var run = new Command("run", "Train a script's experiment: a live window when a display is available, else headless with a progress bar, metrics.csv, a checkpoint and a summary against baselines.")
            {
                script, steps, epochs, seed, output, headless, ticks, screenshot, record, frames, resume, threads, speed, seconds, fps, size,
            };
            run.SetAction(p => Guard(stderr, () =>
            {
                (int w, int h) = ParseSize(p.GetValue(size)!);
                return RunCommand.Execute(new RunOptions
                {
                    Script = p.GetValue(script), Steps = p.GetValue(steps), Epochs = p.GetValue(epochs), Seed = p.GetValue(seed),
                    Output = p.GetValue(output), Headless = p.GetValue(headless), Ticks = p.GetValue(ticks), Screenshot = p.GetValue(screenshot),
                    Record = p.GetValue(record), Frames = p.GetValue(frames), Resume = p.GetValue(resume), Threads = p.GetValue(threads),
                    Speed = ParseSpeed(p.GetValue(speed)), Seconds = p.GetValue(seconds), Fps = PositiveFps(p.GetValue(fps)), Width = w, Height = h,
                }, stdout, stderr);
            }));
            root.Subcommands.Add(run);
            root.SetAction(p => Guard(stderr, () => RunCommand.Execute(new RunOptions(), stdout, stderr)));

            Argument<string?> evalScript = ScriptArgument();
            var checkpoint = new Option<string>("--checkpoint") { Description = "Weights or checkpoint file (safetensors) to evaluate.", Required = true };
            var eval = new Command("eval", "Score a checkpoint on the script's validation and test data, beside the baselines.") { evalScript, checkpoint };
            eval.SetAction(p => Guard(stderr, () => EvalCommand.Execute(p.GetValue(evalScript), p.GetValue(checkpoint)!, stdout)));
            root.Subcommands.Add(eval);

            Argument<string?> sampleScript = ScriptArgument();
            var sampleCheckpoint = new Option<string>("--checkpoint") { Description = "Weights or checkpoint of the text model.", Required = true };
            var prime = new Option<string>("--prime") { Description = "Text to start from.", DefaultValueFactory = _ => "" };
            var temperature = new Option<double>("--temperature") { Description = "Sampling temperature (> 0; lower is more conservative).", DefaultValueFactory = _ => 0.8 };
            var length = new Option<int>("--length") { Description = "Characters to generate.", DefaultValueFactory = _ => 400 };
            var sampleSeed = new Option<ulong>("--seed") { Description = "Seed for sampling.", DefaultValueFactory = _ => 1UL };
            var sample = new Command("sample", "Generate text from a character model (rnn.data.text experiments).")
            {
                sampleScript, sampleCheckpoint, prime, temperature, length, sampleSeed,
            };
            sample.SetAction(p => Guard(stderr, () => SampleCommand.Execute(p.GetValue(sampleScript), p.GetValue(sampleCheckpoint)!,
                p.GetValue(prime)!, p.GetValue(temperature), p.GetValue(length), p.GetValue(sampleSeed), stdout)));
            root.Subcommands.Add(sample);

            var workload = new Option<string?>("--workload") { Description = $"Run only this workload ({string.Join(", ", Core.Benchmarks.BenchmarkWorkload.Ids)}), or '{BenchCommand.GemmWorkload}' for the SGEMM figure at 1024³." };
            var benchThreads = new Option<int?>("--threads") { Description = "Cores the numeric core may use (default: all)." };
            var json = new Option<bool>("--json") { Description = "One JSON line per workload (the libtorch peer's keys plus alloc_bytes_per_step) instead of a table." };
            var benchSeconds = new Option<double>("--seconds") { Description = "Time each workload for at least this many seconds, after 20 warm-up steps.", DefaultValueFactory = _ => 2.0 };
            var bench = new Command("bench", "Time the standard workloads (training steps/s, tokens/s, µs/step, bytes allocated per step) on this machine.")
            {
                workload, benchThreads, json, benchSeconds,
            };
            bench.SetAction(p => Guard(stderr, () => BenchCommand.Execute(p.GetValue(workload), p.GetValue(benchThreads), p.GetValue(json),
                p.GetValue(benchSeconds), stdout, stderr)));
            root.Subcommands.Add(bench);
            return root;
        }

        private static double PositiveFps(double fps) =>
            fps is >= 1 and <= 1000 ? fps : throw new ArgumentException($"--fps must be between 1 and 1000 (got {fps})");

        private static double? ParseSpeed(string? text)
        {
            if (text is null) return null;
            if (text == "max") return double.PositiveInfinity;
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v))
                return v;
            throw new ArgumentException($"--speed must be a number of ticks per second > 0 or 'max' (got '{text}')");
        }

        private static (int, int) ParseSize(string text)
        {
            string[] parts = text.Split('x');
            if (parts.Length == 2 && int.TryParse(parts[0], out int w) && int.TryParse(parts[1], out int h) && w is >= 64 and <= 16384 && h is >= 64 and <= 16384)
                return (w, h);
            throw new ArgumentException($"--size must be WIDTHxHEIGHT, e.g. 1280x800 (got '{text}')");
        }

        /// <summary>Turns the errors a user can cause into one clear message and a non-zero exit, never a .NET stack trace.</summary>
        private static int Guard(TextWriter stderr, Func<int> action)
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
                stderr.WriteLine($"error: {e.Message}");
                return e is Rendering.Context.GraphicsUnavailableException ? 3 : 1;
            }
        }
    }
}
