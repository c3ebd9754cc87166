using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class CallbackTests : HostFixture
{


    [Test]
    public void AScriptFileReturnsItsExperiment()
    {
        string path = Folder.WriteScript("scripts/weather.lua",
            "local steps = 0\nreturn {\n  name = 'weather',\n  on_step = function(ctx) steps = steps + 1 return steps end,\n}\n");
        using ScriptTable experiment = Host.LoadScript(path);
        Assert.That(Host.ScriptPath, Is.EqualTo("scripts/weather.lua"));
        Assert.That(experiment.HasFunction("on_step"), Is.True);
        Assert.That(experiment.HasFunction("name"), Is.False);
        Assert.That(Host.TryCall(experiment, "on_step").ReturnValue, Is.EqualTo(1L));
        Assert.That(Host.TryCall(experiment, "on_step").ReturnValue, Is.EqualTo(2L));
    }

    [Test]
    public void AGlobalExperimentWorksToo()
    {
        using ScriptTable experiment = Host.LoadScriptSource("experiment = { on_epoch = function() return 'done' end }", "scripts/x.lua");
        Assert.That(Host.TryCall(experiment, "on_epoch").ReturnValue, Is.EqualTo("done"));
    }

    [Test]
    public void AnExperimentFromAnEarlierScriptDoesNotLeakIntoTheNext()
    {
        Host.LoadScriptSource("experiment = { a = 1 }", "scripts/first.lua").Dispose();
        Assert.Throws<ScriptException>(() => Host.LoadScriptSource("local x = 1", "scripts/second.lua"));
    }

    [Test]
    public void CallbacksTheScriptLeavesOutAreNotCalled()
    {
        using ScriptTable experiment = Host.LoadScriptSource("return { on_step = function() end }", "scripts/x.lua");
        ScriptCallResult result = Host.TryCall(experiment, "on_draw");
        Assert.That(result.WasDefined, Is.False);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(Host.TryCall(experiment, "on_step").WasDefined, Is.True);
    }

    [Test]
    public void ACallbackThatIsNotAFunctionIsAnError()
    {
        using ScriptTable experiment = Host.LoadScriptSource("return { on_step = 3 }", "scripts/x.lua");
        ScriptCallResult result = Host.TryCall(experiment, "on_step");
        Assert.That(result.Error?.Message, Is.EqualTo("scripts/x.lua: 'on_step' must be a function (got 3)"));
    }

    [Test]
    public void TheContextTableIsFilledAndReused()
    {
        using ScriptTable experiment = Host.LoadScriptSource(
            "local seen = {}\nreturn {\n" +
            "  on_step = function(ctx)\n" +
            "    seen[#seen + 1] = ctx\n" +
            "    return string.format('%d %s %.2f %s %d %s', ctx.step, math.type(ctx.step), ctx.loss, ctx.phase, #ctx.prediction, tostring(ctx.training))\n" +
            "  end,\n" +
            "  same_table = function() return seen[1] == seen[2] end,\n}", "scripts/x.lua");
        using ScriptContext context = Host.CreateContext();
        context.Set("step", 1);
        context.Set("loss", 0.25);
        context.Set("phase", "train");
        context.Set("training", true);
        context.SetFloats("prediction", [0.1f, 0.2f, 0.3f]);
        Assert.That(Host.TryCall(experiment, "on_step", context).ReturnValue, Is.EqualTo("1 integer 0.25 train 3 true"));
        context.Set("step", 2);
        context.SetFloats("prediction", [0.5f]);
        context.Set("phase", null);
        Assert.That(Host.TryCall(experiment, "on_step", context).ReturnValue, Is.EqualTo("2 integer 0.25 nil 1 true"));
        Assert.That(Host.TryCall(experiment, "same_table").ReturnValue, Is.EqualTo(true));
    }

    [Test]
    public void TheContextCanCarryHandles()
    {
        HandleKind<ToyModel> model = ToyModule.Register(Host).Model;
        using ScriptTable experiment = Host.LoadScriptSource(
            "return { on_epoch = function(ctx) return ctx.model:info().hidden end }", "scripts/x.lua");
        using ScriptContext context = Host.CreateContext();
        context.SetHandle("model", model, new ToyModel(2, 9, 1, 0, "gru"));
        Assert.That(Host.TryCall(experiment, "on_epoch", context).ReturnValue, Is.EqualTo(9L));
    }

    [Test]
    public void FunctionsHandedToTheHostCanBeCalledLater()
    {
        ScriptFunctionReference? schedule = null;
        Host.RegisterFunction("rnn.schedule", "custom", call => schedule = call.Function(1, "rate"));
        Host.LoadScriptSource("rnn.schedule.custom(function(step, base) return base * 0.5 ^ step end) return {}", "scripts/x.lua").Dispose();
        Assert.That(Host.TryCall(schedule!, 3, 0.8).ReturnValue, Is.EqualTo(0.1).Within(1e-12));
        schedule!.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Host.TryCall(schedule, 1));
    }

    [Test]
    public void ReturnValuesComeBackAsCSharpValues()
    {
        using ScriptTable experiment = Host.LoadScriptSource(
            "return { i = function() return 3 end, f = function() return 2.5 end, s = function() return 'x' end,\n" +
            "  b = function() return false end, n = function() end, t = function() return {} end }", "scripts/x.lua");
        Assert.That(Host.TryCall(experiment, "i").ReturnValue, Is.EqualTo(3L));
        Assert.That(Host.TryCall(experiment, "f").ReturnValue, Is.EqualTo(2.5));
        Assert.That(Host.TryCall(experiment, "s").ReturnValue, Is.EqualTo("x"));
        Assert.That(Host.TryCall(experiment, "b").ReturnValue, Is.EqualTo(false));
        Assert.That(Host.TryCall(experiment, "n").ReturnValue, Is.Null);
        Assert.That(Host.TryCall(experiment, "t").ReturnValue, Is.Null);
    }

    [Test]
    public void HostValuesAreCheckedAgainstTheirHost()
    {
        using var other = Folder.CreateHost();
        using ScriptTable experiment = Host.LoadScriptSource("return {}", "scripts/x.lua");
        Assert.Throws<ArgumentException>(() => other.TryCall(experiment, "on_step"));
    }

    [Test]
    public void ADisposedHostRefusesCalls()
    {
        ScriptTable experiment = Host.LoadScriptSource("return {}", "scripts/x.lua");
        Host.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Host.TryCall(experiment, "on_step"));
        Assert.Throws<ObjectDisposedException>(() => Host.Evaluate("return 1"));
        experiment.Dispose();
    }
}
