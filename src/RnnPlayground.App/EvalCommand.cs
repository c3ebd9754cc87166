using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// <c>rnnplay eval SCRIPT --checkpoint F</c>: the checkpoint's scores on the script's data beside the
/// baselines, with the script built from the parameter values the checkpoint recorded (and any
/// <c>--set</c> over them), so a model trained with <c>--set hidden=64</c> is rebuilt 64 wide.
/// </summary>
internal static class EvalCommand
{
    public static int Execute(string? scriptArgument, string checkpoint, IReadOnlyDictionary<string, string> set, TextWriter stdout, TextWriter stderr)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(scriptArgument);
        var parameters = new Dictionary<string, string>(RecordedParameters(checkpoint), StringComparer.Ordinal);
        foreach ((string name, string value) in set) parameters[name] = value;
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions
        {
            WorkingDirectory = workingDirectory, Output = stdout, Parameters = parameters,
            ParameterSource = set.Count > 0 ? "--set (or the checkpoint's params)" : "the checkpoint's params",
        });
        if (script.Seq2Seq is { } seq2seq) return EvaluateSeq2Seq(script, seq2seq, checkpoint, stdout);
        ExperimentRun run = script.CreateRun();
        SafeTensorsContents loaded = TrainingCheckpoint.LoadWeights(checkpoint, run.Model);
        if (!loaded.Verified) stderr.WriteLine(UnverifiedNote(checkpoint));
        stdout.WriteLine($"{script.ScriptPath} with weights from {checkpoint}");
        if (script.Parameters.Values.Count > 0) stdout.WriteLine($"  params {RunCommand.DescribeParameters(script.Parameters.Values)}");
        EvaluationResult validation = run.Evaluate(Split.Validation);
        EvaluationResult test = run.Evaluate(Split.Test);
        var summary = new RunSummary(script.Name, RunStatus.Completed, "evaluated", 0, 0, double.NaN, 0, validation, test,
            script.Data.Data is IHasBaselines b ? b.Baselines(Split.Test) : [], 0, 0, null);
        SummaryPrinter.Print(stdout, summary, null);
        return 0;
    }

    /// <summary>An encoder–decoder's checkpoint scored on the script's pairs (the vocabularies it was trained with must be the data's).</summary>
    private static int EvaluateSeq2Seq(ScriptedExperiment script, ScriptedSeq2Seq seq2seq, string checkpoint, TextWriter stdout)
    {
        Seq2SeqRun run = seq2seq.CreateRun();
        SafeTensorsContents loaded = Seq2SeqCheckpoint.Load(checkpoint, run.Model);
        foreach ((string key, string value) in ScriptPairs.MetadataOf(run.Data))
            if (loaded.Metadata.TryGetValue(key, out string? saved) && saved != value)
                throw new CheckpointException(checkpoint, $"its '{key}' is not that of {script.ScriptPath}'s pairs: it was trained on other data");
        stdout.WriteLine($"{script.ScriptPath} with weights from {checkpoint}");
        if (script.Parameters.Values.Count > 0) stdout.WriteLine($"  params {RunCommand.DescribeParameters(script.Parameters.Values)}");
        EvaluationResult? validation = run.Data.Count(Split.Validation) > 0 ? run.Evaluate(Split.Validation) : null;
        EvaluationResult? test = run.Data.Count(Split.Test) > 0 ? run.Evaluate(Split.Test) : null;
        SummaryPrinter.Print(stdout, new RunSummary(script.Name, RunStatus.Completed, "evaluated", 0, 0, double.NaN, 0, validation, test, [], 0, 0, null), null);
        return 0;
    }

    /// <summary>The parameter values a checkpoint recorded, as <c>--set</c> would give them (none for a file without them).</summary>
    private static Dictionary<string, string> RecordedParameters(string checkpoint)
    {
        IReadOnlyDictionary<string, string> metadata = SafeTensorsFile.Read(checkpoint).Metadata;
        if (!metadata.TryGetValue(ExperimentParameters.MetadataKey, out string? json)) return [];
        try
        {
            return ExperimentParameters.FromJson(json).ToDictionary(kv => kv.Key, kv => ExperimentParameters.Format(kv.Value), StringComparer.Ordinal);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(checkpoint, e.Message);
        }
    }

    /// <summary>What is said of a weights file that no checksum of ours vouches for (a PyTorch <c>save_file</c>).</summary>
    internal static string UnverifiedNote(string path) =>
        $"note: {path} has no RnnPlayground checksum over its header (a file from elsewhere such as PyTorch's save_file, or of the earlier format /1): loaded as weights only";
}
