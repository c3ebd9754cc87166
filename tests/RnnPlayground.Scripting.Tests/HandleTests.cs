using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class HandleTests : HostFixture
{
    private HandleKind<ToyModel> _model = null!;

    protected override void Configure(LuaHost host) => _model = ToyModule.Register(host).Model;

    private ScriptException Refused(string source, ScriptErrorKind kind = ScriptErrorKind.Runtime)
    {
        var error = Fails(source, kind);
        Assert.That(error.Line, Is.Not.Null, error.ToString());
        return error;
    }

    private ScriptException RefusedArgument(string source) => Refused(source, ScriptErrorKind.Argument);

    [Test]
    public void MethodsAreCalledWithColon()
    {
        object? result = Host.Evaluate(
            "local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal y = m:predict({ 1, 2.5 })\nreturn #y .. ' ' .. y[1] .. ' ' .. y[2]");
        Assert.That(result, Is.EqualTo("2 3.0 7.5"));
    }

    [Test]
    public void HandlesAreOpaqueUserdata()
    {
        Assert.That(Host.Evaluate("local m = rnn.nn.lstm{ input = 2, hidden = 3 } return type(m)"), Is.EqualTo("userdata"));
        Assert.That(Host.Evaluate("local m = rnn.nn.lstm{ input = 2, hidden = 3 } return tostring(m)"), Is.EqualTo("Model(lstm 2->3)"));
        Assert.That(Host.Evaluate("local m = rnn.nn.lstm{ input = 2, hidden = 3 } return getmetatable(m)"), Is.EqualTo(false));
    }

    [Test]
    public void NoDotNetMembersAreReachable()
    {
        var error = Refused("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal t = m:GetType()");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: Model has no field 'GetType' (known: info, predict, same)"));
        Assert.That(Refused("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal h = m.Hidden").Message,
            Does.Contain("Model has no field 'Hidden'"));
    }

    [Test]
    public void FieldsCannotBeSet()
    {
        var error = Refused("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nm.hidden = 99");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: cannot set field 'hidden' on a Model handle"));
    }

    [Test]
    public void AHandleOfTheWrongKindIsRefused()
    {
        var error = RefusedArgument("local d = rnn.data.toy('weather')\nrnn.train(d, 10)");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: rnn.train: argument #1 'model' must be a Model handle (got a Dataset handle)"));
    }

    [Test]
    public void APlainTableWhereAHandleIsExpectedIsRefused()
    {
        var error = RefusedArgument("rnn.train({ hidden = 8 }, 10)");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.train: argument #1 'model' must be a Model handle (got table)"));
        var fake = RefusedArgument("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal other = m:same({})");
        Assert.That(fake.Message, Is.EqualTo("scripts/x.lua:2: Model:same: argument #1 'other' must be a Model handle (got table)"));
    }

    [Test]
    public void CallingAMethodWithADotExplainsTheColon()
    {
        var error = RefusedArgument("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal y = m.predict({ 1 })");
        Assert.That(error.Message, Is.EqualTo(
            "scripts/x.lua:2: Model:predict: expected a Model handle as self (got table); call methods with ':' as in handle:predict(...)"));
    }

    [Test]
    public void MethodArgumentsAreChecked()
    {
        var error = RefusedArgument("local m = rnn.nn.lstm{ input = 2, hidden = 3 }\nlocal y = m:predict({ 1, true })");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: Model:predict: argument #1 'x' must be a list of numbers (got true at [2])"));
    }

    [Test]
    public void TwoHandlesOfOneObjectAreEqual()
    {
        Host.RegisterFunction("rnn", "shared", call => call.ReturnHandle(_model, Shared));
        Assert.That(Host.Evaluate("return rnn.shared() == rnn.shared()"), Is.EqualTo(true));
        Assert.That(Host.Evaluate("return rnn.nn.lstm{ input = 1, hidden = 1 } == rnn.nn.lstm{ input = 1, hidden = 1 }"), Is.EqualTo(false));
        Assert.That(Host.Evaluate("local a = rnn.shared() return a:same(rnn.shared())"), Is.EqualTo(true));
    }

    private static readonly ToyModel Shared = new(1, 1, 1, 0, "rnn");

    [Test]
    public void EvaluateGivesBackTheCSharpObject()
    {
        object? model = Host.Evaluate("return rnn.nn.lstm{ input = 2, hidden = 7, layers = 3 }");
        Assert.That(model, Is.TypeOf<ToyModel>());
        Assert.That(((ToyModel)model!).Layers, Is.EqualTo(3));
    }

    [Test]
    public void HandlesAreReleasedWhenLuaCollectsThem()
    {
        Host.Evaluate("for i = 1, 200 do local m = rnn.nn.lstm{ input = 1, hidden = i } end");
        Host.LoadScriptSource("experiment = { keep = rnn.nn.lstm{ input = 1, hidden = 1 } }", "scripts/x.lua");
        Host.CollectGarbage();
        Assert.That(Host.LiveHandleCount, Is.EqualTo(1), "only the handle the experiment keeps");
    }

    [Test]
    public void HandlesAreReleasedWhenTheHostIsDisposed()
    {
        Host.Evaluate("keep = {} for i = 1, 10 do keep[i] = rnn.nn.lstm{ input = 1, hidden = i } end");
        Assert.That(Host.LiveHandleCount, Is.EqualTo(10));
        Host.Dispose();
        Assert.That(Host.LiveHandleCount, Is.EqualTo(0));
    }

    [Test]
    public void AKindBelongsToItsHost()
    {
        using var other = new LuaHost(new LuaHostOptions { WorkingDirectory = Folder.Root });
        other.RegisterFunction("rnn", "steal", call => call.ReturnHandle(_model, Shared));
        var error = Assert.Throws<ScriptException>(() => other.Evaluate("local m = rnn.steal()"))!;
        Assert.That(error.Message, Does.Contain("rnn.steal: the handle kind 'Model' belongs to another host"));
    }

    [Test]
    public void RegistrationRejectsBadNamesAndDuplicates()
    {
        Assert.Throws<ArgumentException>(() => Host.RegisterFunction("rnn.nn", "lstm()", _ => { }));
        Assert.Throws<ArgumentException>(() => Host.RegisterFunction("rnn..nn", "x", _ => { }));
        Assert.Throws<InvalidOperationException>(() => Host.RegisterFunction("rnn.nn", "lstm", _ => { }));
        Assert.Throws<InvalidOperationException>(() => Host.RegisterHandleKind<ToyModel>("Model"));
        Assert.Throws<InvalidOperationException>(() => _model.RegisterMethod("predict", (_, _) => { }));
    }
}
