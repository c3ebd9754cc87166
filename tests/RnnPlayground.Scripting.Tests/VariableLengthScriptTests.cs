using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// Sequences of different lengths from Lua: ragged <c>rnn.data.sequences</c>, the labelled-text
/// loader <c>rnn.data.labelled</c>, and the variational dropout options of the recurrent layers.
/// </summary>
public class VariableLengthScriptTests : RnnApiFixture
{
    /// <summary>Token lists of 1 … 20 tokens (ids 1 … 3); label 2 when token 1 is the most frequent, else 1.</summary>
    private const string Ragged =
        "local inputs, targets, seed = {}, {}, 7\n" +
        "longest = 0\n" +
        "local function nxt(n) seed = (seed * 1103515245 + 12345) % 2147483648 return 1 + seed % n end\n" +
        "for i = 1, 600 do\n" +
        "  local x, count = {}, { 0, 0, 0 }\n" +
        "  for t = 1, nxt(20) do local k = nxt(3) x[t] = k count[k] = count[k] + 1 end\n" +
        "  inputs[i], targets[i] = x, (count[1] > count[2] and count[1] > count[3]) and 2 or 1\n" +
        "  longest = math.max(longest, #x)\n" +
        "end\n";

    [Test]
    public void RaggedSequencesBecomeAVariableLengthDatasetThatTrains()
    {
        ScriptedExperiment experiment = Load(Ragged +
            "return { data = rnn.data.sequences{ inputs = inputs, targets = targets, vocab = 3, classes = 2 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.gru{ hidden = 16 }, rnn.nn.linear{} },\n" +
            "  optimizer = rnn.optim.adam{ lr = 0.02 }, batch = 16, epochs = 12 }\n");
        TaskShape shape = experiment.Data.Shape;
        Assert.That(shape.VariableLength, Is.True);
        int longest = Convert.ToInt32(Global(experiment, "longest"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(shape.SequenceLength, Is.EqualTo(longest), "padded to the longest");
        Assert.That(experiment.Data.ToString(), Does.Contain($"up to {longest} steps"));
        RunSummary summary = experiment.CreateRun().Run();
        double majority = summary.Baselines.Single(b => b.Name == "majority").Value;
        Assert.That(summary.Test!["accuracy"], Is.GreaterThan(0.85).And.GreaterThan(majority + 0.1), $"majority {majority}");
    }

    private void WriteLabelled(string name, params string[] lines) =>
        File.WriteAllLines(Path.Combine(Folder.Root, "scripts", "data", name), lines);

    [Test]
    public void ALabelledFileGivesTextsOfDifferentLengthsWithATrainingVocabulary()
    {
        string[] lines = [.. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"pos\t{new string('a', 1 + i % 7)}b" : $"neg\t{new string('c', 2 + i % 5)}")];
        lines[^1] = "neg\tzzz"; // 'z' appears once: in whichever split it falls outside training, it is the unknown token
        WriteLabelled("x.tsv", lines);
        var data = Make<ScriptDataset>("rnn.data.labelled{ path = 'data/x.tsv', level = 'char', split = { 0.5, 0.25, 0.25 } }");
        var labelled = (LabelledTextDataset)data.Data;
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "neg", "pos" }));
        Assert.That(data.Shape.VariableLength && data.Shape.TokenInput, Is.True);
        Assert.That(data.Shape.SequenceLength, Is.EqualTo(8), "the longest text: 7 a's and a b");
        Assert.That(labelled.Tokens[0], Is.EqualTo(LabelledTextDataset.UnknownToken));
        bool zTrained = labelled.Tokens.Contains("z");
        Assert.That(labelled.UnknownTokens(Split.Validation) + labelled.UnknownTokens(Split.Test), Is.EqualTo(zTrained ? 0 : 3),
            "tokens outside the training vocabulary become the unknown token");
        Assert.That(labelled.UnknownTokens(Split.Train), Is.Zero);
        Assert.That(data.Data.Count(Split.Train), Is.EqualTo(20));

        WriteLabelled("w.tsv", "a\tthe cat sat", "b\tthe dog", "a\ta cat", "b\tdogs bark loudly here");
        var words = Make<ScriptDataset>("rnn.data.labelled{ path = 'data/w.tsv', level = 'word', split = { 0.5, 0.25, 0.25 } }");
        Assert.That(words.Shape.SequenceLength, Is.EqualTo(4), "the longest text in words");
    }

    [Test]
    public void BadLabelledFilesAndRatesAreRefusedWithTheScriptLine()
    {
        WriteLabelled("bad.tsv", "pos\tgood", "neg\tbad", "pos no tab here", "neg\tworse");
        ScriptException e = LoadFails("local d = rnn.data.labelled{ path = 'data/bad.tsv' }\nreturn { data = d }\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.labelled: ").And.Contain("bad.tsv:3: no tab: each line is label<TAB>text"));
        WriteLabelled("empty.tsv", "pos\tgood", "neg\t   ", "pos\tfine");
        e = LoadFails("local d = rnn.data.labelled{ path = 'data/empty.tsv' }\nreturn { data = d }\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.Contain("empty.tsv:2: empty text after the tab"));
        WriteLabelled("one.tsv", "pos\tgood", "pos\tbad", "pos\tfine");
        e = LoadFails("local d = rnn.data.labelled{ path = 'data/one.tsv' }\nreturn { data = d }\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.Contain("every line has the label 'pos': a classifier needs at least 2 labels"));
        e = LoadFails("local d = rnn.data.labelled{ path = 'data/one.tsv', level = 'byte' }\nreturn { data = d }\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.labelled: 'level'"));
        e = LoadFails("local m = rnn.nn.lstm{ hidden = 4, recurrent_dropout = 1 }\nreturn {}\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Is.EqualTo("scripts/x.lua:1: rnn.nn.lstm: 'recurrent_dropout' must be a number in [0, 1) (got 1)"));
        e = LoadFails("local m = rnn.nn.gru{ hidden = 4, input_dropout = -0.5 }\nreturn {}\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.nn.gru: 'input_dropout' must be a number in [0, 1)"));
    }

    [Test]
    public void TheDropoutOptionsReachTheModel()
    {
        ScriptedExperiment experiment = Load(Ragged +
            "return { data = rnn.data.sequences{ inputs = inputs, targets = targets, vocab = 3, classes = 2 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 },\n" +
            "    rnn.nn.lstm{ hidden = 8, input_dropout = 0.1, recurrent_dropout = 0.25, output_dropout = 0.3 }, rnn.nn.linear{} } }\n");
        var spec = experiment.Definition.Model.Layers.OfType<RecurrentSpec>().Single();
        Assert.That((spec.InputDropout, spec.RecurrentDropout, spec.OutputDropout), Is.EqualTo((0.1f, 0.25f, 0.3f)));
    }
}
