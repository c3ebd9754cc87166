using RnnPlayground.App.Sharding;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// <c>rnnplay sweep --merge DIR… --out DIR</c>: combines the folders of a sweep's shards (each run
/// with <c>--shard I/N</c>, anywhere) into the table, runs.csv and plot one machine would have
/// written. The shards must be of one sweep (the same fingerprint: script, space, seeds, run
/// length), each once, all of them, and each finished; anything else is one line and no output.
/// </summary>
internal static class SweepMerge
{
    public static int Execute(SweepOptions options, TextWriter stdout)
    {
        if (options.Output is not { } output) throw new ArgumentException("--merge needs --out DIR: the folder for the merged results");
        string folder = Path.GetFullPath(output);
        var shards = options.Merge.Select(d => (Folder: d, Manifest: SweepManifest.Read(d))).ToList();
        (string firstFolder, SweepManifest first) = shards[0];
        foreach ((string f, SweepManifest m) in shards.Skip(1))
        {
            if (m.Plan.Fingerprint != first.Plan.Fingerprint)
                throw new ArgumentException($"--merge: {f} and {firstFolder} are shards of different sweeps ({m.Plan.Script}: {m.Plan.Space} / {first.Plan.Script}: {first.Plan.Space})");
            if (m.Shard.Count != first.Shard.Count)
                throw new ArgumentException($"--merge: {f} is shard {m.Shard} and {firstFolder} shard {first.Shard}: the sweep was cut into different numbers of shards");
        }
        foreach (var twin in shards.GroupBy(s => s.Manifest.Shard).Where(g => g.Count() > 1))
            throw new ArgumentException($"--merge: {string.Join(" and ", twin.Select(s => s.Folder))} are both shard {twin.Key}");
        int count = first.Shard.Count;
        int[] missing = [.. Enumerable.Range(1, count).Where(i => shards.All(s => s.Manifest.Shard.Index != i))];
        if (missing.Length > 0)
            throw new ArgumentException($"--merge: shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} of the sweep {(missing.Length > 1 ? "are" : "is")} missing: give every shard's folder");

        var records = new List<SweepRunRecord>();
        foreach ((string f, SweepManifest m) in shards)
        {
            List<SweepRunRecord> own = SweepRecordsCsv.Read(Path.Combine(f, SweepRecordsCsv.FileName), first.Plan);
            int[] foreign = [.. own.Select(r => r.Index).Where(i => !m.Shard.Contains(i))];
            if (foreign.Length > 0) throw new ArgumentException($"--merge: {f}'s {SweepRecordsCsv.FileName} holds run {foreign[0]}, which is not shard {m.Shard}'s");
            if (own.Count < m.ShardRuns.Count)
                throw new ArgumentException($"--merge: shard {m.Shard} in {f} has finished {own.Count} of its {m.ShardRuns.Count} runs: run it again to finish, then merge");
            records.AddRange(own);
        }
        string metric = options.Metric ?? first.Metric;
        if (!records.Any(r => r.Validation.ContainsKey(metric)) && records.Any(r => r.Validation.Count > 0))
            throw new ArgumentException($"--metric {metric}: the runs report {string.Join(", ", records.First(r => r.Validation.Count > 0).Validation.Keys)}");
        bool maximize = metric == first.Metric ? first.Maximize : ModelSelection.HigherIsBetter(metric);
        var merged = new SweepManifest(first.Plan, ShardSpec.Whole, metric, maximize);
        SweepCommand.CheckFolder(folder, merged, "--out");
        Directory.CreateDirectory(folder);
        merged.Write(folder);
        stdout.WriteLine($"merged {shards.Count} shards of the sweep of {first.Plan.Script} ({first.Plan.Space}): {records.Count} runs");
        SweepCommand.WriteOutputs(new SweepTable(merged, records), merged, folder, stdout);
        return records.Any(r => r.Status == SweepRunRecord.FailedStatus) ? 1 : 0;
    }
}
