using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// <c>rnn.params{…}</c>: the defaults a script declares, the overrides from outside parsed to each
/// default's type, the one-line refusals that name the parameter and the script, and the values
/// recorded in the experiment's definition.
/// </summary>
public class ParamsFunctionTests : RnnApiFixture
{
    private const string Script =
        "local p = rnn.params{ lr = 3e-3, hidden = 6, cell = 'gru', norm = false }\n" +
        "print(math.type(p.lr), math.type(p.hidden), p.cell, p.norm)\n" +
        "return {\n" +
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn[p.cell]{ hidden = p.hidden }, rnn.nn.linear{} },\n" +
        "  optimizer = rnn.optim.adam{ lr = p.lr }, steps = 2,\n" +
        "}\n";

    private ScriptedExperiment LoadWith(params (string Name, string Value)[] set)
    {
        Folder.WriteScript("scripts/x.lua", Script);
        var options = Options(null) with { Parameters = set.ToDictionary(s => s.Name, s => s.Value) };
        return ScriptedExperiment.Load(Path.Combine(Folder.Root, "scripts/x.lua"), options);
    }

    private ScriptException LoadFailsWith(params (string Name, string Value)[] set) =>
        Assert.Throws<ScriptException>(() => LoadWith(set).Dispose())!;

    [Test]
    public void TheDefaultsAreTheValuesWhenNothingIsSet()
    {
        using ScriptedExperiment e = LoadWith();
        Assert.That(PrintedLines, Is.EqualTo(new[] { "float\tinteger\tgru\tfalse" }));
        Assert.That(e.Parameters.Values, Is.EqualTo(new Dictionary<string, object> { ["cell"] = "gru", ["hidden"] = 6L, ["lr"] = 3e-3, ["norm"] = false }));
        Assert.That(e.Definition.Parameters, Is.EqualTo(e.Parameters.Values));
        Assert.That(((RnnPlayground.Core.Layers.RecurrentSpec)e.Definition.Model.Layers[0]).Hidden, Is.EqualTo(6));
    }

    [Test]
    public void OverridesAreParsedToTheDefaultsTypesAndBuildTheExperiment()
    {
        using ScriptedExperiment e = LoadWith(("lr", "1e-2"), ("hidden", "9"), ("cell", "lstm"), ("norm", "true"));
        Assert.That(PrintedLines, Is.EqualTo(new[] { "float\tinteger\tlstm\ttrue" }));
        Assert.That(e.Definition.Optimizer.LearningRate, Is.EqualTo(1e-2f));
        Assert.That(((RnnPlayground.Core.Layers.RecurrentSpec)e.Definition.Model.Layers[0]).Hidden, Is.EqualTo(9));
        Assert.That(e.Model.ToString(), Does.StartWith("Model(lstm(hidden 9"));
        Assert.That(e.Parameters.Defaults["hidden"], Is.EqualTo(6L), "the defaults stay what the script declared");
        Assert.That(e.Parameters.Values["lr"], Is.EqualTo(1e-2));
    }

    [Test]
    public void AnIntegerOverrideOfANumberIsANumber()
    {
        using ScriptedExperiment e = LoadWith(("lr", "1"));
        Assert.That(e.Parameters.Values["lr"], Is.EqualTo(1.0).And.TypeOf<double>());
    }

    [TestCase("hidden", "abc", "scripts/x.lua:1: rnn.params: --set hidden=abc: 'hidden' must be an integer (its default is 6)")]
    [TestCase("hidden", "6.5", "scripts/x.lua:1: rnn.params: --set hidden=6.5: 'hidden' must be an integer (its default is 6)")]
    [TestCase("lr", "fast", "scripts/x.lua:1: rnn.params: --set lr=fast: 'lr' must be a number (its default is 0.003)")]
    [TestCase("lr", "inf", "scripts/x.lua:1: rnn.params: --set lr=inf: 'lr' must be a number (its default is 0.003)")]
    [TestCase("norm", "yes", "scripts/x.lua:1: rnn.params: --set norm=yes: 'norm' must be true or false (its default is false)")]
    public void AValueOfTheWrongTypeIsOneLineNamingTheParameterAndTheScript(string name, string value, string says)
    {
        ScriptException error = LoadFailsWith((name, value));
        Assert.That(error.ToString(), Is.EqualTo(says), "one line: no traceback, no hint");
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Argument));
    }

    [Test]
    public void AnUnknownNameIsRefusedWithTheDeclaredOnes()
    {
        ScriptException error = LoadFailsWith(("hiden", "8"));
        Assert.That(error.ToString(), Is.EqualTo(
            "scripts/x.lua: --set hiden=8: the script has no parameter 'hiden' (did you mean 'hidden'? it declares cell, hidden, lr, norm)"));
    }

    [Test]
    public void ASetForAScriptWithoutParametersIsRefused()
    {
        Folder.WriteScript("scripts/plain.lua", "return { data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} } }\n");
        var options = Options(null) with { Parameters = new Dictionary<string, string> { ["lr"] = "1" } };
        var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(Path.Combine(Folder.Root, "scripts/plain.lua"), options).Dispose())!;
        Assert.That(error.Message, Is.EqualTo("scripts/plain.lua: --set lr=1: the script declares no parameters (rnn.params{…} declares them)"));
    }

    [TestCase("rnn.params{ lr = 1, lr2 = {} }", "'params' must be a table of names to numbers, strings or booleans (got table")]
    [TestCase("rnn.params{ 3 }", "must be a table of names to numbers, strings or booleans (got 3 at [1])")]
    [TestCase("rnn.params{ a = 1 } rnn.params{ a = 2 }", "parameter 'a' is declared twice")]
    [TestCase("rnn.params{ ['bad name'] = 1 }", "'bad name' is not a parameter name")]
    [TestCase("rnn.params{ x = 0/0 }", "parameter 'x' must have a finite default")]
    [TestCase("rnn.params()", "argument #1 'params' is missing")]
    public void ADeclarationThatCannotBeAParameterIsRefused(string lua, string says)
    {
        ScriptException error = LoadFails(lua + "\nreturn {}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.params: ").And.Contain(says));
    }

    [Test]
    public void DeclaringFromACallbackIsRefused()
    {
        Folder.WriteScript("scripts/x.lua", Script.Replace("  optimizer", "  on_step = function(ctx) rnn.params{ late = 1 } end,\n  optimizer", StringComparison.Ordinal));
        using var e = ScriptedExperiment.Load(Path.Combine(Folder.Root, "scripts/x.lua"), Options(null));
        e.CreateRun().Run();
        Assert.That(e.CallbackError?.Message, Does.Contain("rnn.params: parameters are declared while the script loads (at its top), not from a callback"));
    }

    [Test]
    public void TheValuesGoIntoTheCheckpointMetadataAndTheSummary()
    {
        using ScriptedExperiment e = LoadWith(("hidden", "7"));
        ExperimentRun run = e.CreateRun(new RunSettings { OutputDirectory = Folder.OutputDirectory });
        RunSummary summary = run.Run();
        Assert.That(summary.Parameters, Is.EqualTo(e.Parameters.Values));
        Assert.That(run.CheckpointMetadata()[ExperimentParameters.MetadataKey], Is.EqualTo("{\"cell\":\"gru\",\"hidden\":7,\"lr\":0.003,\"norm\":false}"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Folder.OutputDirectory, ExperimentRun.SummaryFile)))!;
        Assert.That(json["params"]!.ToJsonString(), Is.EqualTo("{\"cell\":\"gru\",\"hidden\":7,\"lr\":0.003,\"norm\":false}"));
        Assert.That(ExperimentParameters.FromJson(json["params"]!.ToJsonString()), Is.EqualTo(e.Parameters.Values));
    }
}
