using System.CommandLine;
using RnnPlayground.App.Sharding;

namespace RnnPlayground.App.Sweeps;

/// <summary>The <c>rnnplay sweep</c> command: its options, checked while parsing, and its action.</summary>
internal static class SweepCommandLine
{
    public static Command Build(Argument<string?> script, Func<Func<int>, int> guard, TextWriter stdout, TextWriter stderr)
    {
        var grid = CheckedOptions.Text("--grid", "The values to try, every combination: 'lr=1e-3,3e-3,1e-2 hidden=16,32,64' (parameters the script declares with rnn.params).");
        var random = CheckedOptions.Integer("--random", 1, SweepConfigs.MaxConfigs, "Instead of a grid: this many combinations drawn from --ranges.");
        var ranges = CheckedOptions.Text("--ranges", "With --random: 'lr=log:1e-4..1e-2 hidden=16..128 cell=lstm,gru' (log: draws log-uniformly, for rates; a list draws among its values).");
        var drawSeed = CheckedOptions.Integer("--draw-seed", 0UL, ulong.MaxValue, "Seed of --random's draws.", 1UL);
        var seeds = CheckedOptions.Integer("--seeds", 1, 1000, "Runs per combination, with seeds 1 … K (the table shows mean ± std over them).", 1);
        var jobs = CheckedOptions.Integer("--jobs", 1, 256, "Runs at a time in this process, each on its own thread with its own Lua state.", 1);
        jobs.Aliases.Add("-j");
        var output = CheckedOptions.Text("--out", "The sweep's folder (default: runs/sweep-NAME-TIME); rerun with the same folder to resume.");
        var metric = CheckedOptions.Text("--metric", "The validation metric the table is sorted by (default: the script's select.metric).");
        var shard = ShardOption.Create("Run only shard I of N (1-based) of the sweep's runs, or auto/N: the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (0-based).");
        var steps = CheckedOptions.Integer("--steps", 1L, 1_000_000_000_000L, "Training steps of every run (overrides the script's steps/epochs).");
        var epochs = CheckedOptions.Integer("--epochs", 1, 1_000_000, "Epochs of every run (overrides the script's steps/epochs).");
        var set = ParameterOption.Create();
        set.Description = "Fix a parameter for every run: --set epochs=3 (repeatable).";
        var threads = CheckedOptions.Integer("--threads", 1, Core.Tensors.ComputeThreads.MaxCount, "Cores each run's numeric core may use (default: the machine's divided among --jobs).");
        var merge = new Option<string[]>("--merge")
        {
            Description = "Instead of running: combine the folders of a sweep's shards (DIR…) into --out.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var sweep = new Command("sweep", "Train a script over a grid or random draws of its rnn.params values and seeds; a table sorted by the validation metric (mean ± std over seeds, the test figure beside it), runs.csv, results.csv, results.md and sweep.png. Resumes when rerun; --shard splits it across machines, --merge joins the shards.")
        {
            script, grid, random, ranges, drawSeed, seeds, jobs, output, metric, shard, steps, epochs, set, threads, merge,
        };
        sweep.SetAction(p => guard(() => SweepCommand.Execute(new SweepOptions
        {
            Script = p.GetValue(script), Grid = p.GetValue(grid), Random = p.GetValue(random), Ranges = p.GetValue(ranges),
            SampleSeed = p.GetValue(drawSeed) ?? 1, Seeds = p.GetValue(seeds) ?? 1, Jobs = p.GetValue(jobs) ?? 1, Output = p.GetValue(output),
            Metric = p.GetValue(metric), Shard = p.GetValue(shard) ?? ShardSpec.Whole, Steps = p.GetValue(steps), Epochs = p.GetValue(epochs),
            Fixed = p.GetValue(set)!, Threads = p.GetValue(threads), Merge = p.GetValue(merge) ?? [],
        }, stdout, stderr)));
        return sweep;
    }
}
