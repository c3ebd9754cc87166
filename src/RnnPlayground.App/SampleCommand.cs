using RnnPlayground.Core;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary><c>rnnplay sample SCRIPT --checkpoint F --prime "…" --temperature T</c>: text from a character model.</summary>
internal static class SampleCommand
{
    public static int Execute(string? scriptArgument, string checkpoint, string prime, double temperature, int length, ulong seed, TextWriter stdout)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(scriptArgument);
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, Output = stdout });
        CharVocabulary vocabulary = script.Data.Vocabulary
            ?? throw new ArgumentException($"{script.ScriptPath} is not a text experiment (its data is {script.Data.Kind}); sample needs rnn.data.text");
        ExperimentRun run = script.CreateRun();
        TrainingCheckpoint.LoadWeights(checkpoint, run.Model);
        string text = TextGenerator.Generate(run.Model, vocabulary, prime, length, temperature, new RandomSource(seed));
        stdout.WriteLine(prime + text);
        return 0;
    }
}
