using System.CommandLine;
using System.Globalization;

namespace RnnPlayground.App.Testing;

/// <summary>The <c>rnnplay test</c> command's arguments and options, checked while parsing.</summary>
internal static class TestCommandLine
{
    public static Command Build(TextWriter stdout, TextWriter stderr, Func<TextWriter, Func<int>, int> guard)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Test files, or folders searched for *_test.lua (default: scripts/tests).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        // A word that looks like an option but is none would otherwise be taken for a path.
        paths.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-')) is { } unknown) result.AddError($"unknown option '{unknown.Value}'");
        });
        var select = new Option<string[]>("-k")
        {
            Description = "Run only the cases whose 'file::name' contains this text (ignoring case); may be given more than once.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var jobs = CheckedOptions.Integer("-j", 1, 64, "Cases run at once, in this process, each in a fresh Lua state on a thread of its own.", 1);
        jobs.Aliases.Add("--jobs");
        var junit = CheckedOptions.Text("--junit", "Also write the results as JUnit XML to this file (what CI systems read).");
        var output = CheckedOptions.Text("--out", "Output folder: each case's runs in FILE/NN-case/, and results.json (default: runs/tests-TIME).");
        var reports = new Option<bool>("--reports") { Description = "Draw report.png beside each run's metrics.csv (off by default: drawing one takes longer than the rest of a short case)." };
        var shard = Sharding.ShardOption.Create("Run only shard I of N of the selected cases (I from 1 to N; case p goes to shard p mod N + 1), or auto/N: the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (0-based).");
        var merge = new Option<string[]>("--merge")
        {
            Description = "Instead of running: combine the output folders of the shards of one suite into one report.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var test = new Command("test", "Run Lua test files: each case trains short experiments (rnn.run) and checks what they learned with expect(…); exit 0 only when all pass.")
        {
            paths, select, jobs, junit, output, reports, shard, merge,
        };
        test.SetAction(p => guard(stderr, () => TestCommand.Execute(new TestOptions
        {
            Paths = p.GetValue(paths) ?? [], Select = p.GetValue(select) ?? [], Jobs = p.GetValue(jobs) ?? 1, JUnit = p.GetValue(junit), Reports = p.GetValue(reports),
            Output = p.GetValue(output), Shard = p.GetValue(shard), Merge = p.GetValue(merge) ?? [],
        }, stdout, stderr)));
        return test;
    }
}
