using System.Diagnostics;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment.Testing;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.App.Testing;

/// <summary>
/// Finds the cases of test files and runs them: each case in a fresh Lua state of its own (the file
/// loaded anew, then the one case called), on one of <c>jobs</c> worker threads — every state made,
/// used and disposed on the thread that runs its case. Results come back in the cases' order,
/// whatever order they finished in.
/// </summary>
internal sealed class TestSuiteRunner(string workingDirectory, string output, Action<ExperimentRun, RunSummary, string>? runFinished)
{
    /// <summary>The cases of <paramref name="files"/>, in order; a file that does not load is a one-line error instead.</summary>
    public (IReadOnlyList<PlannedCase> Cases, IReadOnlyList<string> Errors) Collect(IReadOnlyList<string> files)
    {
        var cases = new List<PlannedCase>();
        var errors = new List<string>();
        foreach (string path in files)
        {
            try
            {
                using TestFile file = TestFile.Load(path, new TestFileOptions { WorkingDirectory = workingDirectory, Output = TextWriter.Null });
                if (file.Cases.Count == 0) errors.Add($"{file.ScriptPath}: defines no test (test('name', function() … end))");
                cases.AddRange(file.Cases.Select((c, i) => new PlannedCase(path, file.ScriptPath, c, i)));
            }
            catch (ScriptException e)
            {
                errors.Add(FirstLine(e.Message));
            }
        }
        return (cases, errors);
    }

    /// <summary>Runs <paramref name="cases"/> on <paramref name="jobs"/> threads; <paramref name="finished"/> hears of each as it ends (from its thread).</summary>
    public IReadOnlyList<TestCaseResult> Run(IReadOnlyList<PlannedCase> cases, int jobs, Action<TestCaseResult> finished)
    {
        var results = new TestCaseResult[cases.Count];
        int next = -1;
        void Work()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < cases.Count;)
            {
                results[i] = RunCase(cases[i]);
                finished(results[i]);
            }
        }
        // Lua's parser and the host's calls recurse on the C stack: workers get the main thread's 8 MiB.
        Thread[] workers = [.. Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, cases.Count)))
            .Select(w => new Thread(Work, 8 << 20) { IsBackground = true, Name = $"test worker {w + 1}" })];
        foreach (Thread t in workers) t.Start();
        foreach (Thread t in workers) t.Join();
        return results;
    }

    /// <summary>One case, in a fresh Lua state on this thread, writing only in its own folder.</summary>
    private TestCaseResult RunCase(PlannedCase c)
    {
        var clock = Stopwatch.StartNew();
        var printed = new StringWriter();
        string folder = c.Folder(output);
        Directory.CreateDirectory(folder);
        string? failure;
        TestOutcome? outcome = null;
        try
        {
            using TestFile file = TestFile.Load(c.FullPath, new TestFileOptions
            {
                WorkingDirectory = workingDirectory, OutputDirectory = folder, Output = printed, RunFinished = runFinished,
            });
            outcome = file.Run(c.Case.Name);
            failure = outcome.Error is { } e ? FirstLine(e.Message) : null;
        }
        catch (Exception e) when (e is ScriptException or ArgumentException or IOException)
        {
            failure = FirstLine(e.Message);
        }
        return new TestCaseResult(c.File, c.Case.Name, c.Case.Line, failure, printed.ToString(), clock.Elapsed.TotalSeconds,
            outcome?.RunSeconds ?? 0, outcome?.Runs ?? []);
    }

    private static string FirstLine(string message) =>
        message.Split('\n', 2, StringSplitOptions.TrimEntries)[0];
}
