using System.Globalization;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Testing;

/// <summary>
/// <c>rnnplay test [PATH…]</c>: runs the cases of Lua test files (each in a fresh sandboxed Lua
/// state, <c>-j</c> at a time), one progress line per case, the failures with file:line and both
/// values, a closing count; writes results.json (and with <c>--junit</c> JUnit XML). Exit 0 only
/// when every case passed. <c>--shard I/N</c> runs a slice; <c>--merge DIR…</c> combines the slices.
/// </summary>
internal static class TestCommand
{
    public static int Execute(TestOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Merge.Count > 0) return TestMerge.Execute(options, stdout, stderr);
        string workingDirectory = Environment.CurrentDirectory;
        IReadOnlyList<string> files = TestDiscovery.Find(options.Paths.Count > 0 ? options.Paths : ["scripts/tests"]);
        string output = Path.GetFullPath(options.Output ?? ScriptLocator.DefaultOutput(workingDirectory, "tests"));
        var runner = new TestSuiteRunner(workingDirectory, output, options.Reports ? RunReport.TrySave : null);
        (IReadOnlyList<PlannedCase> all, IReadOnlyList<string> errors) = runner.Collect(files);
        if (errors.Count > 0)
        {
            foreach (string e in errors) stderr.WriteLine($"error: {e}");
            return 1;
        }
        List<(int Order, PlannedCase Case)> selected = [.. all.Where(c => options.Select.Count == 0
            || options.Select.Any(k => c.Id.Contains(k, StringComparison.OrdinalIgnoreCase))).Select((c, i) => (i, c))];
        if (selected.Count == 0)
        {
            stderr.WriteLine($"error: -k {string.Join(" -k ", options.Select.Select(k => $"'{k}'"))} selects none of the {all.Count} cases");
            return 1;
        }
        string suite = TestResultsFile.Fingerprint(selected.Select(s => s.Case.Id));
        int suiteCases = selected.Count;
        Sharding.ShardSpec shard = options.Shard ?? Sharding.ShardSpec.Whole;
        selected = [.. shard.Select(selected)];
        (int shardIndex, int shardCount) = (shard.Index, shard.Count);

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{selected.Count} cases in {selected.Select(s => s.Case.File).Distinct().Count()} files{(shardCount > 1 ? $" (shard {shardIndex}/{shardCount} of {suiteCases})" : "")}, {options.Jobs} at a time; outputs in {SummaryPrinter.Relative(output)}"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int done = 0;
        var gate = new Lock();
        IReadOnlyList<TestCaseResult> results = runner.Run([.. selected.Select(s => s.Case)], options.Jobs, r =>
        {
            lock (gate) Progress(stdout, ++done, selected.Count, r);
        });
        var ordered = selected.Select((s, i) => (s.Order, results[i])).ToList();
        TestResultsFile.Write(output, new TestResultsFile.Contents(suite, shardIndex, shardCount, suiteCases, ordered));
        return Finish(results, clock.Elapsed.TotalSeconds, options.JUnit, output, stdout);
    }

    /// <summary>The line for a finished case, with its failure under it.</summary>
    private static void Progress(TextWriter o, int done, int total, TestCaseResult r)
    {
        int width = total.ToString(CultureInfo.InvariantCulture).Length;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{total}] {(r.Passed ? "pass" : "FAIL")}  {r.Id}  ({r.Seconds:F1} s)"));
        if (r.Failure is { } f) o.WriteLine($"      {f}");
    }

    /// <summary>The failures again, the closing count and the runner's overhead per case; the JUnit file; the exit code.</summary>
    internal static int Finish(IReadOnlyList<TestCaseResult> results, double seconds, string? junit, string output, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        List<TestCaseResult> failed = [.. results.Where(r => !r.Passed)];
        if (failed.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("failures:");
            foreach (TestCaseResult r in failed) o.WriteLine($"  {r.Id}: {r.Failure}");
        }
        // What the runner, the Lua states and loading the scripts and their data cost beyond the runs' own time (training, evaluation, their files).
        double[] overhead = [.. results.Select(r => 1000 * Math.Max(0, r.Seconds - r.Runs.Sum(f => f.Seconds))).Order()];
        o.WriteLine();
        o.WriteLine(string.Create(c,
            $"{results.Count - failed.Count} passed, {failed.Count} failed in {seconds:F1} s; per case beyond its runs' own time: median {overhead[overhead.Length / 2]:F0} ms, most {overhead[^1]:F0} ms"));
        if (junit is not null)
        {
            JUnitReport.Write(junit, results);
            o.WriteLine($"JUnit XML: {SummaryPrinter.Relative(Path.GetFullPath(junit))}");
        }
        o.WriteLine($"results: {SummaryPrinter.Relative(Path.Combine(output, TestResultsFile.FileName))}");
        return failed.Count == 0 ? 0 : 1;
    }
}
