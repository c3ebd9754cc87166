using System.Diagnostics;
using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// Trains a sweep folder's runs (its shard's) that have not finished, <c>-j N</c> at a time in this
/// process: each run loads the script into its own Lua state on its own thread, which alone uses
/// it (the project's threading rule), and writes its own folder under <c>runs/</c>. A run counts as
/// finished once its summary.json is complete, so a sweep killed at any point resumes by training
/// only the others again. One progress line per finished run; runs.csv rewritten after each.
/// </summary>
internal sealed class SweepRunner
{
    /// <summary>Sub-folder of the sweep folder holding one folder per run.</summary>
    public const string RunsFolder = "runs";

    /// <summary>Where a run's script prints go, in its folder.</summary>
    public const string OutputFile = "output.txt";

    private readonly SweepManifest _manifest;
    private readonly string _folder;
    private readonly string _scriptPath;
    private readonly string _workingDirectory;
    private readonly TextWriter _stdout;
    private readonly object _lock = new();

    public SweepRunner(SweepManifest manifest, string folder, string scriptPath, string workingDirectory, TextWriter stdout)
    {
        _manifest = manifest;
        _folder = folder;
        _scriptPath = scriptPath;
        _workingDirectory = workingDirectory;
        _stdout = stdout;
    }

    /// <summary>The runs that were already finished when <see cref="Run"/> started (resumed, not redone).</summary>
    public int Resumed { get; private set; }

    /// <summary>The runs trained by <see cref="Run"/>.</summary>
    public int Trained { get; private set; }

    /// <summary>Seconds from the first run started to the last one finished.</summary>
    public double WallSeconds { get; private set; }

    /// <summary>The sum of the seconds the runs trained now took, each by its own clock.</summary>
    public double RunSeconds { get; private set; }

    /// <summary>Runs whose script failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Trains the unfinished runs with <paramref name="jobs"/> threads; returns every finished run's record (old and new).</summary>
    public IReadOnlyList<SweepRunRecord> Run(int jobs, CancellationToken cancellation)
    {
        IReadOnlyList<SweepRunSpec> mine = _manifest.ShardRuns;
        var records = new List<SweepRunRecord>();
        var pending = new List<SweepRunSpec>();
        foreach (SweepRunSpec spec in mine)
        {
            if (SweepRunRecord.FromSummary(spec.Index, SummaryPath(spec)) is { } done) records.Add(done);
            else pending.Add(spec);
        }
        Resumed = records.Count;
        if (Resumed > 0) _stdout.WriteLine($"resuming: {Resumed} of {mine.Count} runs finished already, {pending.Count} to train");
        SweepRecordsCsv.Write(Path.Combine(_folder, SweepRecordsCsv.FileName), _manifest.Plan, records);
        int next = -1, finished = Resumed;
        var clock = Stopwatch.StartNew();
        void Work()
        {
            for (int i = Interlocked.Increment(ref next); i < pending.Count && !cancellation.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                (SweepRunRecord? record, string line) = TrainOne(pending[i], cancellation);
                lock (_lock)
                {
                    if (record is null) continue; // cancelled: left for the next time
                    records.Add(record);
                    Trained++;
                    RunSeconds += record.Seconds;
                    if (record.Status == SweepRunRecord.FailedStatus) Failed++;
                    SweepRecordsCsv.Write(Path.Combine(_folder, SweepRecordsCsv.FileName), _manifest.Plan, records);
                    finished++;
                    string width = mine.Count.ToString(CultureInfo.InvariantCulture);
                    _stdout.WriteLine($"[{finished.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width}] {line}");
                }
            }
        }
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(jobs, pending.Count)))
            .Select(n => new Thread(Work, 16 * 1024 * 1024) { Name = $"sweep run {n + 1}", IsBackground = true }).ToList();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        WallSeconds = clock.Elapsed.TotalSeconds;
        return records;
    }

    private string RunFolder(SweepRunSpec spec) => Path.Combine(_folder, RunsFolder, spec.Folder);

    private string SummaryPath(SweepRunSpec spec) => Path.Combine(RunFolder(spec), ExperimentRun.SummaryFile);

    /// <summary>One run, on the calling thread from loading the script to disposing it; null record when cancelled.</summary>
    private (SweepRunRecord? Record, string Line) TrainOne(SweepRunSpec spec, CancellationToken cancellation)
    {
        string folder = RunFolder(spec);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // what a killed attempt left
        Directory.CreateDirectory(folder);
        var parameters = new Dictionary<string, string>(_manifest.Plan.Fixed, StringComparer.Ordinal);
        foreach ((string k, string v) in spec.Config.AsText()) parameters[k] = v;
        string what = $"{spec.Config.Describe()} seed={spec.Seed.ToString(CultureInfo.InvariantCulture)}".TrimStart();
        var clock = Stopwatch.StartNew();
        using var output = new StreamWriter(Path.Combine(folder, OutputFile)) { AutoFlush = true };
        try
        {
            using ScriptedExperiment script = ScriptedExperiment.Load(_scriptPath, new ScriptedExperimentOptions
            {
                WorkingDirectory = _workingDirectory, OutputDirectory = folder, Output = output, Parameters = parameters,
            });
            ExperimentRun run = script.CreateRun(new RunSettings
            {
                OutputDirectory = folder, Steps = _manifest.Plan.Steps, Epochs = _manifest.Plan.Epochs, Seed = spec.Seed,
            });
            RunSummary summary = run.Run(cancellation);
            if (summary.Status == RunStatus.Cancelled) return (null, "");
            if (script.CallbackError is { } e) return Fail(spec, folder, what, e.Message, clock.Elapsed.TotalSeconds);
            SweepRunRecord record = SweepRunRecord.FromSummary(spec.Index, SummaryPath(spec))
                ?? throw new InvalidOperationException($"{SummaryPath(spec)} was not written");
            string metric = _manifest.Metric;
            string scores = record.Validation.TryGetValue(metric, out double v)
                ? string.Create(CultureInfo.InvariantCulture, $"val {metric} {v:G4}, test {record.Test.GetValueOrDefault(metric, double.NaN):G4}")
                : summary.Status.ToString().ToLowerInvariant();
            return (record, string.Create(CultureInfo.InvariantCulture, $"{what}: {scores} ({record.Seconds:F1} s)"));
        }
        catch (Exception e) when (e is Scripting.Host.ScriptException or ArgumentException or InvalidOperationException or IOException)
        {
            output.WriteLine($"error: {e}");
            return Fail(spec, folder, what, e.Message, clock.Elapsed.TotalSeconds);
        }
    }

    private (SweepRunRecord, string) Fail(SweepRunSpec spec, string folder, string what, string message, double seconds)
    {
        string oneLine = string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        SweepRunRecord.WriteFailed(SummaryPath(spec), oneLine);
        return (SweepRunRecord.Failed(spec.Index, seconds), $"{what}: failed: {oneLine} (see {Path.Combine(RunsFolder, spec.Folder, OutputFile)})");
    }
}
