using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>What a <c>rnn.data.*</c> call gives a script: the dataset and what goes with it.</summary>
/// <param name="Kind">"weather", "csv", "text", "sine", "adding", "copy", or "sequences" / "generate" (the script's own samples).</param>
/// <param name="Data">The dataset the trainer draws from.</param>
/// <param name="Metadata">Strings stored with every checkpoint (normalization, class names, vocabulary).</param>
/// <param name="Weather">For <c>rnn.data.weather</c>: the simulated world, which the live loop continues.</param>
/// <param name="Vocabulary">For <c>rnn.data.text</c>: the characters.</param>
/// <param name="World">For <c>rnn.world</c>: the script's world and its history, which the live loop continues.</param>
public sealed record ScriptDataset(
    string Kind,
    ISequenceDataset Data,
    IReadOnlyDictionary<string, string> Metadata,
    SimulatedWeather? Weather = null,
    CharVocabulary? Vocabulary = null,
    ScriptStream? World = null)
{
    /// <summary>Whether the live loop streams a world (the weather, or a script's) rather than stepping the training.</summary>
    public bool Streams => Weather is not null || World is not null;

    public TaskShape Shape => Data.Shape;

    /// <summary>The windowed series behind weather and CSV data (for normalization and raw units).</summary>
    public WindowedDataset? Windows => Data as WindowedDataset;

    public override string ToString()
    {
        TaskShape s = Shape;
        string input = s.TokenInput ? $"tokens of {s.VocabularySize}" : $"{s.InputFeatures} features";
        return $"Dataset({Kind}: {input} × {(s.VariableLength ? "up to " : "")}{s.SequenceLength} steps, {Data.Count(Split.Train)}/{Data.Count(Split.Validation)}/{Data.Count(Split.Test)} samples)";
    }
}
