using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>The default instruction budget leaves the shipped scripts a wide margin: they run on a hundredth of it.</summary>
public class ShippedScriptBudgetTests
{
    private static readonly ScriptLimits Hundredth = new() { InstructionBudget = ScriptLimits.Default.InstructionBudget / 100 };

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RnnPlayground.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("no repository above the test folder");
        }
    }

    public static IEnumerable<string> Scripts() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "scripts"), "*.lua").Select(Path.GetFileName).Where(n => n != "rnn.d.lua").Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Scripts))]
    public void RunsOnAHundredthOfTheDefaultBudget(string script)
    {
        using var folder = new ScriptFolder();
        using ScriptedExperiment experiment = ScriptedExperiment.Load(Path.Combine(RepositoryRoot, "scripts", script), new ScriptedExperimentOptions
        {
            WorkingDirectory = RepositoryRoot,
            ReadRoots = ["scripts/data"],
            OutputDirectory = folder.OutputDirectory,
            Output = TextWriter.Null,
            Limits = Hundredth,
        });
        if (experiment.Seq2Seq is { } seq2seq) seq2seq.CreateRun(new RunSettings { Steps = 10 }).Run();
        else experiment.CreateRun(new RunSettings { Steps = 10 }).Run();
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
    }
}
