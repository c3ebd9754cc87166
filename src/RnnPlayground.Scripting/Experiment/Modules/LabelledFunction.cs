using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.data.labelled{ path, level = 'char' | 'word', split, seed, lower, max_length }</c>:
/// sequence classification from <c>label&lt;TAB&gt;text</c> lines (<see cref="LabelledTextDataset"/>):
/// texts of different lengths as token ids, the vocabulary from the training split with an unknown token.
/// </summary>
internal static class LabelledFunction
{
    private static readonly string[] Levels = ["char", "word"];

    public static ScriptDataset Make(ScriptOptions o, ScriptCall call)
    {
        FileAccessPolicy files = call.Files;
        string path = files.ResolveRead(o.RequiredString("path"));
        string level = o.OptionalOneOf("level", Levels, "char");
        (double train, double validation) = DataModule.ReadSplit(o, 0.8, 0.1);
        var options = new LabelledTextOptions
        {
            Level = level == "word" ? TextLevel.Word : TextLevel.Char,
            TrainFraction = train,
            ValidationFraction = validation,
            Seed = DataModule.Seed(o),
            Lowercase = o.OptionalBool("lower", false),
            MaxLength = o.OptionalInt("max_length", IntRange.NonNegative, 0),
        };
        o.RejectUnknownFields(); // a misspelt option is named before the file is read
        DataModule.CheckFile(call, path, "this labelled text", 24);
        LabelledTextDataset data;
        try
        {
            data = LabelledTextDataset.Load(path, options);
        }
        catch (DataFormatException e)
        {
            throw new ScriptArgumentException(e.Message.Replace(path, ScriptPaths.ShowFile(files, path), StringComparison.Ordinal));
        }
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data.classes"] = string.Join('\n', data.Shape.ClassNames),
            ["data.tokens"] = string.Join('\n', data.Tokens),
            ["data.level"] = level,
        };
        return new ScriptDataset("labelled", data, meta);
    }
}
