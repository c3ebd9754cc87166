using RnnPlayground.Core;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Generation;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary><c>rnnplay sample SCRIPT --checkpoint F --prime "…" --temperature T</c>: text from a character model.</summary>
internal static class SampleCommand
{
    public static int Execute(string? scriptArgument, string checkpoint, string prime, double temperature, int length, ulong seed, TextWriter stdout, TextWriter stderr)
    {
        (string scriptPath, string workingDirectory) = ScriptLocator.Locate(scriptArgument);
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions { WorkingDirectory = workingDirectory, Output = stdout });
        CharVocabulary vocabulary = script.Data.Vocabulary
            ?? throw new ArgumentException($"{script.ScriptPath} is not a text experiment (its data is {script.Data.Kind}); sample needs rnn.data.text");
        foreach (char c in prime)
            if (!vocabulary.Contains(c))
                throw new ArgumentException($"--prime has '{c}', which is not in the vocabulary of {script.ScriptPath}'s text");
        ExperimentRun run = script.CreateRun();
        if (!TrainingCheckpoint.LoadWeights(checkpoint, run.Model).Verified) stderr.WriteLine(EvalCommand.UnverifiedNote(checkpoint));
        string text = TextGenerator.Generate(run.Model, vocabulary, prime, length, temperature, new RandomSource(seed));
        stdout.WriteLine(prime + text);
        return 0;
    }
}
