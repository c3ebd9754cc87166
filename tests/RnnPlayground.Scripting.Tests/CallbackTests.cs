namespace RnnPlayground.Scripting.Tests;

public class CallbackTests
{
    private ScriptFolder _folder = null!;
    private LuaHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new ScriptFolder();
        _host = _folder.CreateHost();
    }

    [TearDown]
    public void TearDown()
    {
        _host.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void AScriptFileReturnsItsExperiment()
    {
        string path = _folder.WriteScript("scripts/weather.lua",
            "local steps = 0\nreturn {\n  name = 'weather',\n  on_step = function(ctx) steps = steps + 1 return steps end,\n}\n");
        using ScriptTable experiment = _host.LoadScript(path);
        Assert.That(_host.ScriptPath, Is.EqualTo("scripts/weather.lua"));
        Assert.That(experiment.HasFunction("on_step"), Is.True);
        Assert.That(experiment.HasFunction("name"), Is.False);
        Assert.That(_host.TryCall(experiment, "on_step").ReturnValue, Is.EqualTo(1L));
        Assert.That(_host.TryCall(experiment, "on_step").ReturnValue, Is.EqualTo(2L));
    }

    [Test]
    public void AGlobalExperimentWorksToo()
    {
        using ScriptTable experiment = _host.LoadScriptSource("experiment = { on_epoch = function() return 'done' end }", "scripts/x.lua");
        Assert.That(_host.TryCall(experiment, "on_epoch").ReturnValue, Is.EqualTo("done"));
    }

    [Test]
    public void AnExperimentFromAnEarlierScriptDoesNotLeakIntoTheNext()
    {
        _host.LoadScriptSource("experiment = { a = 1 }", "scripts/first.lua").Dispose();
        Assert.Throws<ScriptException>(() => _host.LoadScriptSource("local x = 1", "scripts/second.lua"));
    }

    [Test]
    public void CallbacksTheScriptLeavesOutAreNotCalled()
    {
        using ScriptTable experiment = _host.LoadScriptSource("return { on_step = function() end }", "scripts/x.lua");
        ScriptCallResult result = _host.TryCall(experiment, "on_draw");
        Assert.That(result.WasDefined, Is.False);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(_host.TryCall(experiment, "on_step").WasDefined, Is.True);
    }

    [Test]
    public void ACallbackThatIsNotAFunctionIsAnError()
    {
        using ScriptTable experiment = _host.LoadScriptSource("return { on_step = 3 }", "scripts/x.lua");
        ScriptCallResult result = _host.TryCall(experiment, "on_step");
        Assert.That(result.Error?.Message, Is.EqualTo("scripts/x.lua: 'on_step' must be a function (got 3)"));
    }

    [Test]
    public void TheContextTableIsFilledAndReused()
    {
        using ScriptTable experiment = _host.LoadScriptSource(
            "local seen = {}\nreturn {\n" +
            "  on_step = function(ctx)\n" +
            "    seen[#seen + 1] = ctx\n" +
            "    return string.format('%d %s %.2f %s %d %s', ctx.step, math.type(ctx.step), ctx.loss, ctx.phase, #ctx.prediction, tostring(ctx.training))\n" +
            "  end,\n" +
            "  same_table = function() return seen[1] == seen[2] end,\n}", "scripts/x.lua");
        using ScriptContext context = _host.CreateContext();
        context.Set("step", 1);
        context.Set("loss", 0.25);
        context.Set("phase", "train");
        context.Set("training", true);
        context.SetFloats("prediction", [0.1f, 0.2f, 0.3f]);
        Assert.That(_host.TryCall(experiment, "on_step", context).ReturnValue, Is.EqualTo("1 integer 0.25 train 3 true"));
        context.Set("step", 2);
        context.SetFloats("prediction", [0.5f]);
        context.Set("phase", null);
        Assert.That(_host.TryCall(experiment, "on_step", context).ReturnValue, Is.EqualTo("2 integer 0.25 nil 1 true"));
        Assert.That(_host.TryCall(experiment, "same_table").ReturnValue, Is.EqualTo(true));
    }

    [Test]
    public void TheContextCanCarryHandles()
    {
        HandleKind<ToyModel> model = ToyModule.Register(_host).Model;
        using ScriptTable experiment = _host.LoadScriptSource(
            "return { on_epoch = function(ctx) return ctx.model:info().hidden end }", "scripts/x.lua");
        using ScriptContext context = _host.CreateContext();
        context.SetHandle("model", model, new ToyModel(2, 9, 1, 0, "gru"));
        Assert.That(_host.TryCall(experiment, "on_epoch", context).ReturnValue, Is.EqualTo(9L));
    }

    [Test]
    public void FunctionsHandedToTheHostCanBeCalledLater()
    {
        ScriptFunctionReference? schedule = null;
        _host.RegisterFunction("rnn.schedule", "custom", call => schedule = call.Function(1, "rate"));
        _host.LoadScriptSource("rnn.schedule.custom(function(step, base) return base * 0.5 ^ step end) return {}", "scripts/x.lua").Dispose();
        Assert.That(_host.TryCall(schedule!, 3, 0.8).ReturnValue, Is.EqualTo(0.1).Within(1e-12));
        schedule!.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _host.TryCall(schedule, 1));
    }

    [Test]
    public void ReturnValuesComeBackAsCSharpValues()
    {
        using ScriptTable experiment = _host.LoadScriptSource(
            "return { i = function() return 3 end, f = function() return 2.5 end, s = function() return 'x' end,\n" +
            "  b = function() return false end, n = function() end, t = function() return {} end }", "scripts/x.lua");
        Assert.That(_host.TryCall(experiment, "i").ReturnValue, Is.EqualTo(3L));
        Assert.That(_host.TryCall(experiment, "f").ReturnValue, Is.EqualTo(2.5));
        Assert.That(_host.TryCall(experiment, "s").ReturnValue, Is.EqualTo("x"));
        Assert.That(_host.TryCall(experiment, "b").ReturnValue, Is.EqualTo(false));
        Assert.That(_host.TryCall(experiment, "n").ReturnValue, Is.Null);
        Assert.That(_host.TryCall(experiment, "t").ReturnValue, Is.Null);
    }

    [Test]
    public void HostValuesAreCheckedAgainstTheirHost()
    {
        using var other = _folder.CreateHost();
        using ScriptTable experiment = _host.LoadScriptSource("return {}", "scripts/x.lua");
        Assert.Throws<ArgumentException>(() => other.TryCall(experiment, "on_step"));
    }

    [Test]
    public void ADisposedHostRefusesCalls()
    {
        ScriptTable experiment = _host.LoadScriptSource("return {}", "scripts/x.lua");
        _host.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _host.TryCall(experiment, "on_step"));
        Assert.Throws<ObjectDisposedException>(() => _host.Evaluate("return 1"));
        experiment.Dispose();
    }
}
