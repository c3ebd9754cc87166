using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class NnModuleTests : RnnApiFixture
{
    private ModelSpec Resolve(string model, string data) => Make<ScriptModel>(model).Resolve(Make<ScriptDataset>(data));

    private ScriptArgumentException Unresolvable(string model, string data) =>
        Assert.Throws<ScriptArgumentException>(() => Resolve(model, data))!;

    [Test]
    public void AModelResolvedAgainstFloatDataHasTheLayersAsked()
    {
        ModelSpec spec = Resolve(
            "rnn.nn.sequential{ rnn.nn.lstm{ hidden = 16, layers = 2, dropout = 0.1 }, rnn.nn.dropout{ p = 0.3 }, rnn.nn.linear{} }",
            "rnn.data.adding{ seq = 10, train = 20 }");
        Assert.That(spec.InputFeatures, Is.EqualTo(2));
        Assert.That(spec.Vocabulary, Is.EqualTo(0));
        Assert.That(spec.Head, Is.EqualTo(HeadMode.LastStep));
        Assert.That(spec.Layers, Is.EqualTo(new LayerSpec[]
        {
            new RecurrentSpec(CellKind.Lstm, 16, 2, true, 0.1f), new DropoutSpec(0.3f), new LinearSpec(1),
        }));
    }

    [Test]
    public void SizesLeftOutAreInferredFromTheData()
    {
        // The copy task with 8 symbols: tokens 0…9 (symbols, blank, go), a symbol to recall at every step.
        ModelSpec spec = Resolve("rnn.nn.sequential{ rnn.nn.embedding{ dim = 5 }, rnn.nn.gru{ hidden = 7 }, rnn.nn.linear{} }",
            "rnn.data.copy{ symbols = 8, train = 20 }");
        Assert.That(spec.Vocabulary, Is.EqualTo(10));
        Assert.That(spec.InputFeatures, Is.EqualTo(0));
        Assert.That(spec.Head, Is.EqualTo(HeadMode.EveryStep));
        Assert.That(spec.Layers, Is.EqualTo(new LayerSpec[] { new EmbeddingSpec(5), new RecurrentSpec(CellKind.Gru, 7), new LinearSpec(8) }));
    }

    [Test]
    public void StatedSizesThatFitAreAccepted()
    {
        ModelSpec spec = Resolve(
            "rnn.nn.sequential{ rnn.nn.lstm{ input = 1, hidden = 6, bidirectional = true }, rnn.nn.linear{ input = 12, output = 4 }, rnn.nn.linear{ input = 4 } }",
            "rnn.data.sine{ seq = 8, train = 20 }");
        Assert.That(spec.Layers, Is.EqualTo(new LayerSpec[]
        {
            new RecurrentSpec(CellKind.Lstm, 6, Bidirectional: true), new LinearSpec(4), new LinearSpec(1),
        }));
    }

    [Test]
    public void AWrongInputIsRefusedNamingBothSizes()
    {
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.lstm{ input = 3, hidden = 8 }, rnn.nn.linear{} }", "rnn.data.adding{ train = 20 }").Message,
            Is.EqualTo("layer 1 (lstm): 'input' is 3 but the data gives 2"));
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{ input = 9 } }", "rnn.data.adding{ train = 20 }").Message,
            Is.EqualTo("layer 2 (linear): 'input' is 9 but the layer before gives 8"));
    }

    [Test]
    public void AWrongInputInAnExperimentPointsAtTheScript()
    {
        var error = LoadFails(
            "local data = rnn.data.adding{ seq = 10, train = 20 }\n" +
            "return { data = data, model = rnn.nn.sequential{ rnn.nn.lstm{ input = 3, hidden = 8 }, rnn.nn.linear{} }, steps = 1 }\n",
            ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua").And.EndWith("layer 1 (lstm): 'input' is 3 but the data gives 2"));
    }

    [Test]
    public void TheLastLayerMustGiveWhatTheDataNeeds()
    {
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{ output = 3 } }", "rnn.data.adding{ train = 20 }").Message,
            Is.EqualTo("the model's last layer gives 3 values per step but the data needs 1 (0 class logits + 1 values); end the model with rnn.nn.linear{}"));
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 } }", "rnn.data.adding{ train = 20 }").Message,
            Does.StartWith("the model's last layer gives 4 values per step but the data needs 1"));
    }

    [Test]
    public void ALinearLayerInsideTheModelNeedsItsOutput()
    {
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{}, rnn.nn.linear{} }", "rnn.data.adding{ train = 20 }").Message,
            Is.EqualTo("layer 2 (linear): 'output' is needed for a linear layer that is not the last"));
    }

    [Test]
    public void TokensAndEmbeddingsMustMatch()
    {
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} }", "rnn.data.copy{ train = 20 }").Message,
            Is.EqualTo("layer 1 (lstm): the data gives token ids (vocabulary 10); start the model with rnn.nn.embedding{dim = …}"));
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} }", "rnn.data.adding{ train = 20 }").Message,
            Is.EqualTo("layer 1 (embedding): an embedding needs token input, but the data gives 2 float features per step"));
        Assert.That(Unresolvable("rnn.nn.sequential{ rnn.nn.embedding{ dim = 4, vocab = 12 }, rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} }", "rnn.data.copy{ train = 20 }").Message,
            Is.EqualTo("layer 1 (embedding): 'vocab' is 12 but the data's vocabulary has 10 tokens"));
    }

    [Test]
    public void TheHeadCanBeChosen()
    {
        Assert.That(Resolve("rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} }", "rnn.data.sine{ train = 20 }").Head, Is.EqualTo(HeadMode.LastStep));
        Assert.That(Resolve("rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{}, head = 'every' }", "rnn.data.sine{ train = 20 }").Head, Is.EqualTo(HeadMode.EveryStep));
        var error = Fails("local m = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, head = 'first' }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.nn.sequential: 'head' must be one of"));
    }

    [Test]
    public void TheCellOptionsReachTheSpec()
    {
        Assert.That(Make<ScriptLayer>("rnn.nn.rnn{ hidden = 5, nonlinearity = 'relu', bias = false, name = 'plain' }").Spec,
            Is.EqualTo(new RecurrentSpec(CellKind.RnnRelu, 5, Bias: false) { Name = "plain" }));
        Assert.That(Make<ScriptLayer>("rnn.nn.rnn{ hidden = 5 }").Spec, Is.EqualTo(new RecurrentSpec(CellKind.RnnTanh, 5)));
        Assert.That(Make<ScriptLayer>("rnn.nn.lstm{ hidden = 5, forget_bias = 1.5 }").Spec, Is.EqualTo(new RecurrentSpec(CellKind.Lstm, 5, ForgetBias: 1.5f)));
    }

    [Test]
    public void OnlyTheLstmHasAForgetGateBias()
    {
        var error = Fails("local l = rnn.nn.gru{ hidden = 4, forget_bias = 1 }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.nn.gru: unknown field 'forget_bias' (known fields: hidden, input, layers, dropout, bidirectional, bias"));
        error = Fails("local l = rnn.nn.rnn{ hidden = 4, nonlinearity = 'sigmoid' }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.nn.rnn: 'nonlinearity' must be one of").And.Contain("\"sigmoid\""));
    }

    [Test]
    public void ANegativeHiddenSizeIsRefusedAtTheScriptsLine()
    {
        string source = string.Concat(Enumerable.Repeat("-- a comment\n", 13)) + "local layer = rnn.nn.lstm{ hidden = -3 }\nreturn {}\n";
        var error = Fails(source, ScriptErrorKind.Argument, "scripts/weather.lua");
        Assert.That(error.Message, Is.EqualTo("scripts/weather.lua:14: rnn.nn.lstm: 'hidden' must be a positive integer (got -3)"));
        Assert.That(error.Line, Is.EqualTo(14));
    }

    [Test]
    public void ASequentialTakesLayersOnly()
    {
        Assert.That(Fails("local m = rnn.nn.sequential{}", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.nn.sequential: a model needs at least one layer: rnn.nn.sequential{ rnn.nn.lstm{hidden = 32}, rnn.nn.linear{} }"));
        Assert.That(Fails("local m = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.data.adding{} }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.nn.sequential: layer 2 must be a Layer handle (got a Dataset handle)"));
    }

    [Test]
    public void LayersAndModelsDescribeThemselves()
    {
        Assert.That(Host.Evaluate("return tostring(rnn.nn.lstm{ hidden = 16, layers = 2 })"), Is.EqualTo("lstm(hidden 16, 2 layers)"));
        Assert.That(Host.Evaluate("return tostring(rnn.nn.sequential{ rnn.nn.embedding{ dim = 8 }, rnn.nn.gru{ hidden = 4 }, rnn.nn.dropout{ p = 0.5 }, rnn.nn.linear{} })"),
            Is.EqualTo("Model(embedding(8) → gru(hidden 4, 1 layer) → dropout(0.5) → linear)"));
    }

    [Test]
    public void TheModelWorksOnlyOnceTheExperimentRuns()
    {
        var error = Fails("local m = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} }\nlocal y = m:predict({ 1, 2 })", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: Model:predict: the model is built when the experiment starts; call model:predict from a callback (on_step, on_finish…)"));
    }

    [Test]
    public void AFloatModelPredictsRawValuesInACallback()
    {
        using ScriptedExperiment experiment = Load(
            "return {\n" +
            "  data = rnn.data.sine{ seq = 6, train = 64, validation = 8, test = 8 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },\n" +
            "  steps = 5,\n" +
            "  on_finish = function(ctx)\n" +
            "    local y = ctx.model:predict({ 0.1, 0.2, 0.3, 0.2, 0.1, 0.0 })\n" +
            "    print(#y.values, math.type(y.values[1]), y.class, y.probabilities, ctx.model:parameters())\n" +
            "    print(select(2, pcall(ctx.model.predict, ctx.model, {})))\n" +
            "  end,\n}\n");
        ExperimentRun run = experiment.CreateRun();
        run.Run();
        Assert.That(experiment.CallbackError, Is.Null);
        Assert.That(PrintedLines[0], Is.EqualTo($"1\tfloat\tnil\tnil\t{run.Model.Parameters.Count}"));
        Assert.That(run.Model.Parameters.Count, Is.EqualTo(3 * (8 * 1 + 8 * 8 + 2 * 8) + 8 + 1));
        Assert.That(PrintedLines[1], Is.EqualTo("Model:predict: 'x' must hold whole steps of 1 feature values, step after step (got 0 values)"));
    }

    [Test]
    public void AClassModelPredictsProbabilitiesAndAClassName()
    {
        using ScriptedExperiment experiment = Load(
            "return {\n" +
            "  data = rnn.data.weather{ days = 120, seq = 3, values = {} },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} },\n" +
            "  steps = 3,\n" +
            "  on_finish = function(ctx)\n" +
            "    local day = { 12, 8, 16, 80, 3, 7, 1012, -1, 0.5 }\n" +
            "    local x = {}\n" +
            "    for _ = 1, 3 do for _, v in ipairs(day) do x[#x + 1] = v end end\n" +
            "    local y = ctx.model:predict(x)\n" +
            "    print(y.class, #y.probabilities, y.probabilities[1] + y.probabilities[2], y.values)\n" +
            "    print(select(2, pcall(ctx.model.predict, ctx.model, { 1, 2, 3 })))\n" +
            "  end,\n}\n");
        experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
        string[] first = PrintedLines[0].Split('\t');
        Assert.That(first[0], Is.AnyOf("dry", "rain"));
        Assert.That(first[1], Is.EqualTo("2"));
        Assert.That(double.Parse(first[2], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1.0).Within(1e-5));
        Assert.That(first[3], Is.EqualTo("nil"));
        Assert.That(PrintedLines[1], Is.EqualTo("Model:predict: 'x' must hold whole steps of 9 feature values, step after step (got 3 values)"));
    }

    [Test]
    public void ATextModelPredictsAndSamplesCharacters()
    {
        WriteText();
        using ScriptedExperiment experiment = Load(
            "return {\n" +
            "  data = rnn.data.text{ path = 'data/poem.txt', seq = 8 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.lstm{ hidden = 8 }, rnn.nn.linear{} },\n" +
            "  steps = 3,\n" +
            "  on_finish = function(ctx)\n" +
            "    local y = ctx.model:predict('the c')\n" +
            "    print(#y.class, #y.probabilities)\n" +
            "    local a = ctx.model:sample{ prime = 'the', length = 30, temperature = 0.7, seed = 4 }\n" +
            "    local b = ctx.model:sample{ prime = 'the', length = 30, temperature = 0.7, seed = 4 }\n" +
            "    local c = ctx.model:sample{ prime = 'the', length = 30, temperature = 0.7, seed = 5 }\n" +
            "    print(#a, a == b, a ~= c, #a:gsub('[the casonm%.\\n]', ''))\n" +
            "    print(select(2, pcall(ctx.model.sample, ctx.model, { prime = 'XYZ' })))\n" +
            "    print(select(2, pcall(ctx.model.predict, ctx.model, 'the dog')))\n" +
            "  end,\n}\n");
        experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
        Assert.That(PrintedLines[0], Is.EqualTo("1\t12"), "the likeliest next character and the probability of each of the 12");
        Assert.That(PrintedLines[1], Is.EqualTo("30\ttrue\ttrue\t0"), "30 characters of the text's own, the same for the same seed");
        Assert.That(PrintedLines[2], Does.StartWith("Model:sample: ").And.Contain("X"));
        Assert.That(PrintedLines[3], Is.EqualTo("Model:predict: 'text' has 'd', which is not in the vocabulary"));
    }
}
