using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary><c>rnnplay eval SCRIPT --checkpoint F</c>: the checkpoint's scores on the script's data beside the baselines.</summary>
internal static class EvalCommand
{
    public static int Execute(string? scriptArgument, string checkpoint, TextWriter stdout, TextWriter stderr)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(scriptArgument);
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, Output = stdout });
        ExperimentRun run = script.CreateRun();
        SafeTensorsContents loaded = TrainingCheckpoint.LoadWeights(checkpoint, run.Model);
        if (!loaded.Verified) stderr.WriteLine(UnverifiedNote(checkpoint));
        stdout.WriteLine($"{script.ScriptPath} with weights from {checkpoint}");
        EvaluationResult validation = run.Evaluate(Split.Validation);
        EvaluationResult test = run.Evaluate(Split.Test);
        var summary = new RunSummary(script.Name, RunStatus.Completed, "evaluated", 0, 0, double.NaN, 0, validation, test,
            script.Data.Data is IHasBaselines b ? b.Baselines(Split.Test) : [], 0, 0, null);
        SummaryPrinter.Print(stdout, summary, null);
        return 0;
    }

    /// <summary>What is said of a weights file that no checksum of ours vouches for (a PyTorch <c>save_file</c>).</summary>
    internal static string UnverifiedNote(string path) =>
        $"note: {path} has no RnnPlayground checksum over its header (a file from elsewhere such as PyTorch's save_file, or of the earlier format /1): loaded as weights only";
}
