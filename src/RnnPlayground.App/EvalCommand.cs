using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary><c>rnnplay eval SCRIPT --checkpoint F</c>: the checkpoint's scores on the script's data beside the baselines.</summary>
internal static class EvalCommand
{
    public static int Execute(string? scriptArgument, string checkpoint, TextWriter stdout)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(scriptArgument);
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, Output = stdout });
        ExperimentRun run = script.CreateRun();
        TrainingCheckpoint.LoadWeights(checkpoint, run.Model);
        stdout.WriteLine($"{script.ScriptPath} with weights from {checkpoint}");
        EvaluationResult validation = run.Evaluate(Split.Validation);
        EvaluationResult test = run.Evaluate(Split.Test);
        var summary = new RunSummary(script.Name, RunStatus.Completed, "evaluated", 0, 0, double.NaN, 0, validation, test,
            script.Data.Data is IHasBaselines b ? b.Baselines(Split.Test) : [], 0, 0, null);
        SummaryPrinter.Print(stdout, summary, null);
        return 0;
    }
}
