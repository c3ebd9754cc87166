using System.Globalization;

namespace RnnPlayground.App.Testing;

/// <summary>
/// <c>rnnplay test --merge DIR…</c>: combines the results.json of the shards of one suite (run with
/// <c>--shard I/N</c>, anywhere) into the report a single run gives: the cases in the suite's order,
/// the closing count, results.json in <c>--out</c> and the JUnit file. Shards of different suites,
/// a shard given twice or a missing shard are refused before anything is written.
/// </summary>
internal static class TestMerge
{
    public static int Execute(TestOptions options, TextWriter stdout, TextWriter stderr)
    {
        List<(string Folder, TestResultsFile.Contents Contents)> shards = [.. options.Merge.Select(f => (f, TestResultsFile.Read(f)))];
        var first = shards[0].Contents;
        foreach ((string folder, TestResultsFile.Contents c) in shards.Skip(1))
        {
            if (c.Suite != first.Suite || c.ShardCount != first.ShardCount || c.SuiteCases != first.SuiteCases)
            {
                stderr.WriteLine($"error: --merge: {folder} holds shard {c.ShardIndex}/{c.ShardCount} of another suite than {shards[0].Folder} (suite {c.Suite}, not {first.Suite})");
                return 1;
            }
        }
        foreach (var twice in shards.GroupBy(s => s.Contents.ShardIndex).Where(g => g.Count() > 1))
        {
            stderr.WriteLine($"error: --merge: shard {twice.Key}/{first.ShardCount} is given twice ({string.Join(", ", twice.Select(s => s.Folder))})");
            return 1;
        }
        int[] missing = [.. Enumerable.Range(1, first.ShardCount).Except(shards.Select(s => s.Contents.ShardIndex))];
        if (missing.Length > 0)
        {
            stderr.WriteLine($"error: --merge: shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} of {first.ShardCount} missing");
            return 1;
        }
        List<(int Order, TestCaseResult Result)> cases = [.. shards.SelectMany(s => s.Contents.Cases).OrderBy(c => c.Order)];
        if (cases.Count != first.SuiteCases)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --merge: the shards hold {cases.Count} cases of a suite of {first.SuiteCases} (an interrupted shard?)"));
            return 1;
        }
        string output = Path.GetFullPath(options.Output ?? ScriptLocator.DefaultOutput(Environment.CurrentDirectory, "tests-merged"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} cases from {shards.Count} shards"));
        for (int i = 0; i < cases.Count; i++)
        {
            TestCaseResult r = cases[i].Result;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{cases.Count}] {(r.Passed ? "pass" : "FAIL")}  {r.Id}  ({r.Seconds:F1} s)"));
        }
        TestResultsFile.Write(output, new TestResultsFile.Contents(first.Suite, 1, 1, first.SuiteCases, cases));
        IReadOnlyList<TestCaseResult> results = [.. cases.Select(c => c.Result)];
        return TestCommand.Finish(results, results.Sum(r => r.Seconds), options.JUnit, output, stdout);
    }
}
