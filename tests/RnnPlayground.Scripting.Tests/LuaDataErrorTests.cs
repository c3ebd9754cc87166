using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>A generator or table that gives a bad sample is named by the script's line and the sample's index.</summary>
public class LuaDataErrorTests : RnnApiFixture
{
    private const string Model = "model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} }";

    /// <summary>Loads scripts/gen.lua whose line 2 makes the dataset with <paramref name="sample"/>'s body on line 3.</summary>
    private ScriptException Generating(string sample, string options = "", ScriptErrorKind kind = ScriptErrorKind.Argument) => LoadFails(
        "-- a generator\n" +
        $"local d = rnn.data.generate{{ train = 6, validation = 3, test = 3, {options}\n" +
        $"  sample = function(rng, i, split) {sample} end }}\n" +
        $"return {{ data = d, {Model} }}\n", kind, "scripts/gen.lua");

    [Test]
    public void AWrongShapeNamesTheSample()
    {
        ScriptException e = Generating("if i == 4 then return { 1, 2 }, 0 end return { 1, 2, 3 }, 0");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 4 of train: x has 2 steps where sample 1 of train has 3"));
        Assert.That(e.Message, Does.Contain("a generator's sequences are of one length (rnn.data.sequences takes sequences of different lengths)"));
        e = Generating("if split == 'test' then return { 1, 2, 3 }, { 0, 1 } end return { 1, 2, 3 }, 0");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 1 of test: y has 2 values per target where sample 1 of train has 1"));
        e = Generating("return 5, 0");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 1 of train: x must be a list of steps"));
    }

    [Test]
    public void ANaNNamesTheSampleAndTheStep()
    {
        ScriptException e = Generating("if split == 'validation' and i == 2 then return { 1, 0/0, 3 }, 0 end return { 1, 2, 3 }, 0");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 2 of validation: input at step 2, feature 1 is nan"));
        e = Generating("return { 1, 2, 3 }, i == 5 and 1/0 or 0");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 5 of train: target value 1 is inf"));
    }

    [Test]
    public void ALabelOutOfRangeNamesTheSample()
    {
        ScriptException e = Generating("return { 1, 2, 3 }, i == 6 and 4 or 1", "classes = 3,");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 6 of train: y is 4, outside a label (1 … 3)"));
        e = Generating("return { 1, 2, 3 }, { 1, 2, i == 3 and -1 or 1 }", "classes = 2, every_step = true,");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 3 of train: y[3] is -1, outside a list of 3 labels (1 … 2, or 0 for none)"));
        e = Generating("return { 1, 9, 3 }, 1", "vocab = 4, classes = 2,");
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 1 of train: token at step 2 is 9, outside 1 … 4"));
    }

    [Test]
    public void AGeneratorThatFailsNamesItsOwnLineAndTheSample()
    {
        ScriptException e = Generating("if split == 'test' and i == 3 then error('no data today') end return { 1 }, 0", kind: ScriptErrorKind.Runtime);
        Assert.That(e.Message, Does.StartWith("scripts/gen.lua:2: rnn.data.generate: sample 3 of test: scripts/gen.lua:3: no data today"));
    }

    [Test]
    public void AGeneratorPastTheBudgetSaysWhereItStopped()
    {
        Generating("local s = 0 for k = 1, 1e9 do s = s + k end return { s }, 0", kind: ScriptErrorKind.Limit);
        Assert.That(Printed, Does.Contain("rnn.data.generate: the script's limit stopped sample 1 of train (0 of 12 samples made"));
    }

    [Test]
    public void InconsistentTablesNameTheSample()
    {
        ScriptException e = LoadFails(
            "local d = rnn.data.sequences{ inputs = { {1, 2}, {1, 2}, {1, 2}, {1, 2} },\n" +
            "  targets = { 1, 2, 3 } }\n" +
            $"return {{ data = d, {Model} }}\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.sequences: 'targets' has 3 samples where 'inputs' has 4"));
        e = LoadFails(
            "local d = rnn.data.sequences{ split = { 0.5, 0.25, 0.25 },\n" +
            "  inputs = { { {1, 2}, {3, 4} }, { {1, 2}, {3, 4} }, { {1, 2}, {3} }, { {1, 2}, {3, 4} } }, targets = { 1, 2, 3, 4 } }\n" +
            $"return {{ data = d, {Model} }}\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.sequences: inputs[3][2] has 1 numbers where inputs[3][1] has 2"));
        e = LoadFails(
            "local d = rnn.data.sequences{ split = { 0.5, 0.25, 0.25 }, every_step = true,\n" +
            "  inputs = { {1, 2}, {1, 2}, {1, 2, 3}, {1, 2} }, targets = { {1, 2}, {1, 2}, {1, 2, 3}, {1, 2} } }\n" +
            $"return {{ data = d, {Model} }}\n", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.sequences: sequences of different lengths take labels at every step (give 'classes'), not numbers"));
    }
}
