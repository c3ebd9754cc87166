using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A C# exception in a host function must never become a Lua error raised from C#: on Linux a
/// second such error within one call aborted the process. These run the shapes that did.
/// </summary>
public class HostFunctionSafetyTests : HostFixture
{
    private int _calls;

    protected override void Configure(LuaHost host)
    {
        _calls = 0;
        host.RegisterFunction("rnn", "boom", _ =>
        {
            _calls++;
            throw new InvalidOperationException("kaboom");
        });
    }

    [Test]
    public void AThrowingCallbackInsidePcallTwiceInOneCallDoesNotAbort()
    {
        object? result = Host.Evaluate(
            "local ok1, e1 = pcall(rnn.boom)\nlocal ok2, e2 = pcall(rnn.boom)\nreturn tostring(ok1) .. ' ' .. tostring(ok2) .. ' ' .. e2");
        Assert.That(result, Is.EqualTo("false false rnn.boom: kaboom"));
        Assert.That(_calls, Is.EqualTo(2));
    }

    [Test]
    public void ManyCaughtFailuresInOneCallAndThenAnUncaughtOne()
    {
        var error = Assert.Throws<ScriptException>(() => Host.LoadScriptSource(
            "for i = 1, 1000 do pcall(rnn.boom) end\nlocal ok = pcall(function() rnn.boom() end)\nrnn.boom()", "scripts/x.lua"))!;
        Assert.That(_calls, Is.EqualTo(1002));
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:3: rnn.boom: kaboom"));
        Assert.That(error.LuaTraceback, Does.Contain("scripts/x.lua:3: in main chunk"));
    }

    [Test]
    public void FailuresInsideCoroutinesAreSafe()
    {
        object? result = Host.Evaluate(
            "local co = coroutine.create(function() pcall(rnn.boom) rnn.boom() end)\n" +
            "local ok, e = coroutine.resume(co)\nlocal ok2, e2 = coroutine.resume(coroutine.create(rnn.boom))\n" +
            "return tostring(ok) .. ' ' .. e .. ' | ' .. tostring(ok2)");
        Assert.That(result, Is.EqualTo("false eval:1: rnn.boom: kaboom | false"));
    }

    [Test]
    public void ACallbackThatCallsBackIntoAFailingScriptFunctionIsSafe()
    {
        Host.RegisterFunction("rnn", "apply", call =>
        {
            using ScriptFunctionReference f = call.Function(1, "f");
            ScriptCallResult inner = call.Host.TryCall(f, 3);
            if (inner.Error is not null) throw inner.Error;
            call.Return(Convert.ToDouble(inner.ReturnValue) * 2);
        });
        object? ok = Host.Evaluate("return rnn.apply(function(x) return x + 1 end)");
        Assert.That(ok, Is.EqualTo(8.0));
        object? caught = Host.Evaluate(
            "local ok1, e1 = pcall(rnn.apply, function(x) error('inner') end)\n" +
            "local ok2, e2 = pcall(rnn.apply, function(x) rnn.boom() end)\nreturn e1 .. ' | ' .. e2");
        Assert.That(caught, Is.EqualTo("rnn.apply: eval:1: inner | rnn.apply: eval:2: rnn.boom: kaboom"));
    }

    [Test]
    public void ArgumentErrorsInsidePcallAreSafeToo()
    {
        ToyModule.Register(Host);
        object? message = Host.Evaluate(
            "pcall(rnn.nn.lstm, { hidden = -1 })\nlocal ok, e = pcall(rnn.nn.lstm, { input = 1, hidden = -1 })\nreturn e");
        Assert.That(message, Is.EqualTo("rnn.nn.lstm: 'hidden' must be a positive integer (got -1)"));
    }

    [Test]
    public void ThePrintWriterFailingIsAScriptError()
    {
        using var host = Folder.CreateHost(output: new FailingWriter());
        var error = Assert.Throws<ScriptException>(() => host.LoadScriptSource("local x = 1\nprint('hello')", "scripts/x.lua"))!;
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: print: the console is gone"));
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void WriteLine(string? value) => throw new IOException("the console is gone");
    }
}
