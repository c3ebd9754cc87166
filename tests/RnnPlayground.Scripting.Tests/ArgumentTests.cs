using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class ArgumentTests : HostFixture
{
    private HandleKind<ToyModel> _model = null!;

    protected override void Configure(LuaHost host) => _model = ToyModule.Register(host).Model;

    /// <summary>Runs <paramref name="line"/> as line 14 of scripts/weather.lua and returns the argument error.</summary>
    private ScriptException RefusedAtLine14(string line)
    {
        string source = string.Concat(Enumerable.Repeat("-- setting up\n", 13)) + line + "\nreturn {}\n";
        var error = Fails(source, ScriptErrorKind.Argument, "scripts/weather.lua");
        Assert.That(error.Line, Is.EqualTo(14));
        return error;
    }

    [Test]
    public void ANegativeSizeReadsInTheHouseFormat()
    {
        var error = RefusedAtLine14("local model = rnn.nn.lstm{ input = 4, hidden = -3 }");
        Assert.That(error.Message, Is.EqualTo("scripts/weather.lua:14: rnn.nn.lstm: 'hidden' must be a positive integer (got -3)"));
    }

    [Test]
    public void NonIntegersAndStringsAreShownAsGiven()
    {
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 2.5 }").Message,
            Does.EndWith("rnn.nn.lstm: 'hidden' must be a positive integer (got 2.5)"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = '8' }").Message,
            Does.EndWith("rnn.nn.lstm: 'hidden' must be a positive integer (got \"8\")"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = {}, hidden = 8 }").Message,
            Does.EndWith("rnn.nn.lstm: 'input' must be a positive integer (got table)"));
    }

    [Test]
    public void WholeFloatsCountAsIntegers()
    {
        Assert.That(Host.Evaluate("return rnn.nn.lstm{ input = 4, hidden = 16 / 2 }:info().hidden"), Is.EqualTo(8L));
    }

    [Test]
    public void AMissingRequiredFieldSaysWhatIsExpected()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4 }");
        Assert.That(error.Message, Is.EqualTo("scripts/weather.lua:14: rnn.nn.lstm: 'hidden' is missing (expected a positive integer)"));
    }

    [Test]
    public void AMissingFieldPointsAtItsTypo()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hiden = 8 }");
        Assert.That(error.Message, Is.EqualTo(
            "scripts/weather.lua:14: rnn.nn.lstm: 'hidden' is missing (expected a positive integer; the table has 'hiden': a typo?)"));
    }

    [Test]
    public void UnknownFieldsAreRefusedNamingTheKnownOnes()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, layerz = 2 }");
        Assert.That(error.Message, Is.EqualTo(
            "scripts/weather.lua:14: rnn.nn.lstm: unknown field 'layerz' (did you mean 'layers'? known fields: input, hidden, layers, dropout, cell)"));
        var unrelated = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, color = 'red' }");
        Assert.That(unrelated.Message, Does.EndWith("unknown field 'color' (known fields: input, hidden, layers, dropout, cell)"));
        var several = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, b = 1, a = 2 }");
        Assert.That(several.Message, Does.EndWith("unknown fields 'a', 'b' (known fields: input, hidden, layers, dropout, cell)"));
    }

    [Test]
    public void PositionalValuesInAnOptionsTableAreRefused()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ 7, input = 4, hidden = 8 }");
        Assert.That(error.Message, Does.EndWith(
            "rnn.nn.lstm: unexpected value at [1] in the options (give named fields: input, hidden, layers, dropout, cell)"));
    }

    [Test]
    public void RangesAreNamedInTheMessage()
    {
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, layers = 12 }").Message,
            Does.EndWith("rnn.nn.lstm: 'layers' must be an integer between 1 and 8 (got 12)"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, dropout = 1.5 }").Message,
            Does.EndWith("rnn.nn.lstm: 'dropout' must be a number between 0 and 1 (got 1.5)"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, dropout = 0/0 }").Message,
            Does.EndWith("'dropout' must be a number between 0 and 1 (got -nan)").Or.EndWith("(got nan)"));
    }

    [Test]
    public void OneOfListsTheAllowedValuesAndSuggests()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, cell = 'lsmt' }");
        Assert.That(error.Message, Does.EndWith(
            "rnn.nn.lstm: 'cell' must be one of \"rnn\", \"lstm\", \"gru\" (got \"lsmt\"; did you mean \"lstm\"?)"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm{ input = 4, hidden = 8, cell = 3 }").Message,
            Does.EndWith("'cell' must be one of \"rnn\", \"lstm\", \"gru\" (got 3)"));
    }

    [Test]
    public void OptionsMustBeATable()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm(4, 8)");
        Assert.That(error.Message, Does.EndWith("rnn.nn.lstm: argument #1 must be a table of options (got 4)"));
        Assert.That(RefusedAtLine14("local m = rnn.nn.lstm()").Message, Does.EndWith("argument #1 must be a table of options (got nil)"));
    }

    [Test]
    public void PositionalArgumentsAreNamedByNumberAndName()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 1, hidden = 2 }\nlocal n = rnn.train(m, -3)".Replace("\n", " "));
        Assert.That(error.Message, Does.EndWith("rnn.train: argument #2 'steps' must be a positive integer (got -3)"));
        var missing = RefusedAtLine14("local n = rnn.train()");
        Assert.That(missing.Message, Does.EndWith("rnn.train: argument #1 'model' is missing (expected a Model handle)"));
    }

    [Test]
    public void NestedTablesAreCheckedWithTheirPath()
    {
        const string make = "local m = rnn.nn.lstm{ input = 1, hidden = 2 } ";
        Assert.That(RefusedAtLine14(make + "rnn.train(m, 1, { optimizer = { lr = 0 } })").Message,
            Does.EndWith("rnn.train: 'optimizer.lr' must be a number > 0 (got 0)"));
        Assert.That(RefusedAtLine14(make + "rnn.train(m, 1, { optimizer = { lr = 0.1, momentun = 0.5 } })").Message,
            Does.EndWith("rnn.train: unknown field 'optimizer.momentun' (did you mean 'optimizer.momentum'? known fields: lr, momentum)"));
        Assert.That(RefusedAtLine14(make + "rnn.train(m, 1, { optimizer = 0.1 })").Message,
            Does.EndWith("rnn.train: 'optimizer' must be a table (got 0.1)"));
    }

    [Test]
    public void ListsReportTheBadElement()
    {
        var error = RefusedAtLine14("local m = rnn.nn.lstm{ input = 1, hidden = 2 } rnn.train(m, 1, { weights = { 1, 'x', 3 } })");
        Assert.That(error.Message, Does.EndWith("rnn.train: 'weights' must be a list of numbers (got \"x\" at [2])"));
    }

    [Test]
    public void GoodArgumentsComeThroughWithDefaults()
    {
        object? result = Host.Evaluate(
            "local m = rnn.nn.lstm{ input = 3, hidden = 5, cell = 'gru' }\n" +
            "local steps, factor = rnn.train(m, 10, { optimizer = { lr = 0.5 }, weights = { 1, 2 } })\n" +
            "local info = m:info()\n" +
            "return string.format('%d %s %d %.2f %s %g', steps, info.cell, info.hidden, factor, math.type(steps), info.dropout)");
        Assert.That(result, Is.EqualTo("10 gru 5 1.35 integer 0"));
    }

    [Test]
    public void ExperimentTablesAreReadWithTheSameChecks()
    {
        using ScriptTable experiment = Host.LoadScriptSource(
            "return { name = 'weather', modle = rnn.nn.lstm{ input = 1, hidden = 2 } }", "scripts/weather.lua");
        var error = Assert.Throws<ScriptException>(() =>
            experiment.Read("experiment", o => (o.RequiredString("name"), o.OptionalHandle("model", _model))))!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Argument));
        Assert.That(error.Message, Is.EqualTo(
            "scripts/weather.lua: experiment: unknown field 'modle' (did you mean 'model'? known fields: name, model)"));
    }

    [Test]
    public void ExperimentFieldsComeBackAsCSharpObjects()
    {
        using ScriptTable experiment = Host.LoadScriptSource(
            "experiment = { name = 'weather', model = rnn.nn.lstm{ input = 1, hidden = 2 } }", "scripts/weather.lua");
        (string name, ToyModel model) = experiment.Read("experiment", o => (o.RequiredString("name"), o.RequiredHandle("model", _model)));
        Assert.That(name, Is.EqualTo("weather"));
        Assert.That(model.Hidden, Is.EqualTo(2));
    }

    [Test]
    public void ReadingTheOptionsInTwoStepsKnowsAllTheirFields()
    {
        Host.RegisterFunction("rnn", "two_step", call =>
        {
            int a = call.Options(1).RequiredInt("a", IntRange.Any);
            int b = call.Options(1).RequiredInt("b", IntRange.Any);
            call.Return(a + b);
        });
        Assert.That(Host.Evaluate("return rnn.two_step{ a = 1, b = 2 }"), Is.EqualTo(3L));
    }
}
