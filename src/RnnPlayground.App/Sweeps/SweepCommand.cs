using System.Globalization;
using System.Security.Cryptography;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// <c>rnnplay sweep SCRIPT --grid …|--random N --ranges … --seeds K -j N --out DIR</c>: trains the
/// script once per combination of parameter values and seed (or this shard's slice of them), then
/// writes runs.csv, results.csv, results.md and sweep.png and prints the table; rerun with the same
/// arguments, it resumes. <c>--merge DIR…</c> combines shard folders into the same outputs.
/// </summary>
internal static class SweepCommand
{
    public static int Execute(SweepOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Merge.Count > 0) return SweepMerge.Execute(options, stdout);
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(options.Script);
        SweepManifest manifest = Plan(options, scriptPath, workingDirectory);
        string name = Path.GetFileNameWithoutExtension(scriptPath);
        string shardSuffix = manifest.Shard.IsWhole ? "" : $"-shard{manifest.Shard.Index}of{manifest.Shard.Count}";
        string folder = Path.GetFullPath(options.Output ?? ScriptLocator.DefaultOutput(workingDirectory, $"sweep-{name}{shardSuffix}"));
        CheckFolder(folder, manifest, "--out");
        Directory.CreateDirectory(folder);
        manifest.Write(folder);

        SweepPlan plan = manifest.Plan;
        stdout.WriteLine($"{manifest.ShardLabel}sweep of {plan.Script}: {plan.Space}; {plan.Configs.Count} combinations × {plan.Seeds.Count} seeds = {plan.Runs.Count} runs"
            + (manifest.Shard.IsWhole ? "" : $", {manifest.ShardRuns.Count} in this shard") + $"; -j {options.Jobs}; outputs in {SummaryPrinter.Relative(folder)}");
        int threads = options.Threads ?? Math.Max(1, Environment.ProcessorCount / options.Jobs);
        Core.Tensors.ComputeThreads.Count = Math.Min(threads, Core.Tensors.ComputeThreads.MaxCount);

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var runner = new SweepRunner(manifest, folder, scriptPath, workingDirectory, stdout);
        IReadOnlyList<SweepRunRecord> records;
        try
        {
            records = runner.Run(options.Jobs, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var table = new SweepTable(manifest, records);
        WriteOutputs(table, manifest, folder, stdout);
        if (runner.Trained > 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{runner.Trained} runs trained in {runner.WallSeconds:F1} s wall time; their own times add up to {runner.RunSeconds:F1} s ({runner.RunSeconds / Math.Max(runner.WallSeconds, 1e-9):F2}× with -j {options.Jobs}, {threads} core{(threads == 1 ? "" : "s")} each)"));
        }
        if (cancel.IsCancellationRequested)
        {
            stderr.WriteLine($"error: the sweep was interrupted with {records.Count} of {manifest.ShardRuns.Count} runs finished; run the same command again to train the rest");
            return 130;
        }
        if (runner.Failed > 0 || records.Any(r => r.Status == SweepRunRecord.FailedStatus))
        {
            stderr.WriteLine($"error: {records.Count(r => r.Status == SweepRunRecord.FailedStatus)} runs failed (their errors are in runs/*/output.txt)");
            return 1;
        }
        return 0;
    }

    /// <summary>Writes results.csv, results.md and sweep.png and prints the table.</summary>
    internal static void WriteOutputs(SweepTable table, SweepManifest manifest, string folder, TextWriter stdout)
    {
        SweepRecordsCsv.Write(Path.Combine(folder, SweepRecordsCsv.FileName), manifest.Plan, table.Records);
        table.Write(folder);
        stdout.WriteLine();
        stdout.Write(table.Markdown());
        stdout.WriteLine();
        string written = $"{SweepManifest.FileName}, {SweepRecordsCsv.FileName}, {SweepTable.CsvFile}, {SweepTable.MarkdownFile}";
        try
        {
            if (SweepPlot.Save(table, manifest, Path.Combine(folder, SweepPlot.FileName))) written += ", " + SweepPlot.FileName;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or UnauthorizedAccessException)
        {
            stdout.WriteLine($"  {SweepPlot.FileName} not drawn: {(e.InnerException ?? e).Message}");
        }
        stdout.WriteLine($"outputs in {SummaryPrinter.Relative(folder)}: {written}");
    }

    /// <summary>
    /// Refuses a folder that holds something other than this sweep (another sweep, another shard,
    /// unrelated files), so nothing is overwritten; a folder of the same sweep and shard is resumed.
    /// </summary>
    internal static void CheckFolder(string folder, SweepManifest manifest, string option)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any()) return;
        if (!File.Exists(Path.Combine(folder, SweepManifest.FileName)))
            throw new ArgumentException($"{option} {folder} is not empty and holds no {SweepManifest.FileName}: give a new folder (nothing was changed)");
        SweepManifest existing = SweepManifest.Read(folder);
        if (existing.Plan.Fingerprint != manifest.Plan.Fingerprint)
            throw new ArgumentException($"{option} {folder} holds another sweep ({existing.Plan.Script}: {existing.Plan.Space}, {existing.Plan.Runs.Count} runs); give a new folder (nothing was changed)");
        if (existing.Shard != manifest.Shard)
            throw new ArgumentException($"{option} {folder} holds shard {existing.Shard} of this sweep, not {manifest.Shard}; give each shard its own folder (nothing was changed)");
    }

    /// <summary>Loads the script once to check the space, the fixed values and the metric against it, and makes the plan.</summary>
    private static SweepManifest Plan(SweepOptions options, string scriptPath, string workingDirectory)
    {
        if (options.Grid is not null && options.Random is not null) throw new ArgumentException("--grid and --random: give one (a grid lists values, --random N draws from --ranges)");
        if (options.Random is not null && options.Ranges is null) throw new ArgumentException("--random N draws from --ranges 'NAME=LOW..HIGH …': give the ranges");
        if (options.Ranges is not null && options.Random is null) throw new ArgumentException("--ranges is for --random N: give how many draws");
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions
        {
            WorkingDirectory = workingDirectory, Output = TextWriter.Null, Parameters = options.Fixed,
        });
        IReadOnlyList<SweepAxis> axes = options.Grid is { } grid ? SweepSpaceParser.Grid(grid, script.Parameters, script.ScriptPath)
            : options.Ranges is { } ranges ? SweepSpaceParser.Ranges(ranges, script.Parameters, script.ScriptPath)
            : [];
        foreach (SweepAxis a in axes)
            if (options.Fixed.ContainsKey(a.Name))
                throw new ArgumentException($"--set {a.Name} and {(options.Grid is null ? "--ranges" : "--grid")} {a.Name}: a parameter is either fixed or swept, not both");
        IReadOnlyList<SweepConfig> configs = options.Random is { } n ? SweepConfigs.Random(axes, n, options.SampleSeed) : SweepConfigs.Grid(axes);
        string space = options.Grid is { } g ? $"grid {string.Join(' ', g.Split(' ', StringSplitOptions.RemoveEmptyEntries))}"
            : options.Random is { } count ? string.Create(CultureInfo.InvariantCulture, $"random {count} (draw seed {options.SampleSeed}) over {string.Join(' ', options.Ranges!.Split(' ', StringSplitOptions.RemoveEmptyEntries))}")
            : "seeds only";
        if (options.Fixed.Count > 0) space += "; set " + string.Join(' ', options.Fixed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        if (options.Steps is { } st) space += string.Create(CultureInfo.InvariantCulture, $"; {st} steps");
        if (options.Epochs is { } ep) space += string.Create(CultureInfo.InvariantCulture, $"; {ep} epochs");
        string metric = options.Metric ?? script.Definition.Selection.Metric;
        if (!script.Metrics.Contains(metric))
            throw new ArgumentException($"--metric {metric}: {script.ScriptPath}'s validation reports {string.Join(", ", script.Metrics)}");
        bool maximize = metric == script.Definition.Selection.Metric ? script.Definition.Selection.Maximize : ModelSelection.HigherIsBetter(metric);
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(scriptPath)));
        var plan = new SweepPlan(script.ScriptPath, sha, [.. axes.Select(a => a.Name)], configs,
            [.. Enumerable.Range(1, options.Seeds).Select(s => (ulong)s)], options.Fixed, options.Steps, options.Epochs, space);
        return new SweepManifest(plan, options.Shard, metric, maximize);
    }
}
