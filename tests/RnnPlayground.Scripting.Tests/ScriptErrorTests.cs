using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class ScriptErrorTests : HostFixture
{


    [Test]
    public void SyntaxErrorsReadLikeLua()
    {
        string path = Folder.WriteScript("scripts/weather.lua",
            "return {\n  data = 1,\n  hidden = 8\n  unit = \"lstm\",\n}\n");
        var error = Assert.Throws<ScriptException>(() => Host.LoadScript(path))!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Syntax));
        Assert.That(error.Message, Is.EqualTo("scripts/weather.lua:4: '}' expected (to close '{' at line 1) near 'unit'"));
        Assert.That(error.ScriptPath, Is.EqualTo("scripts/weather.lua"));
        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.LuaTraceback, Is.Null);
    }

    [Test]
    public void AnAbsolutePathInsideTheWorkingFolderIsShownRelative()
    {
        Folder.WriteScript("scripts/bad.lua", "local = 3");
        var error = Assert.Throws<ScriptException>(() => Host.LoadScript(Path.Combine(Folder.Root, "scripts", "bad.lua")))!;
        Assert.That(error.Message, Does.StartWith("scripts/bad.lua:1: "));
    }

    [Test]
    public void RuntimeErrorsCarryPathLineAndAScriptOnlyTraceback()
    {
        string path = Folder.WriteScript("scripts/deep.lua",
            "local function inner()\n  error('boom')\nend\nlocal function outer()\n  inner()\nend\nouter()\nreturn {}\n");
        var error = Assert.Throws<ScriptException>(() => Host.LoadScript(path))!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(error.Message, Is.EqualTo("scripts/deep.lua:2: boom"));
        Assert.That(error.Line, Is.EqualTo(2));
        string[] frames = error.LuaTraceback!.Split('\n');
        Assert.That(frames[0], Is.EqualTo("stack traceback:"));
        Assert.That(frames[1], Does.StartWith("\tscripts/deep.lua:2: in "));
        Assert.That(frames[2], Does.StartWith("\tscripts/deep.lua:5: in "));
        Assert.That(frames[3], Does.StartWith("\tscripts/deep.lua:7: in main chunk"));
        Assert.That(frames, Has.Length.EqualTo(4), error.LuaTraceback);
        Assert.That(error.LuaTraceback, Does.Not.Contain("[C]").And.Not.Contain("[host]"));
    }

    [Test]
    public void ToStringShowsMessageHintAndTracebackButNoDotNetStack()
    {
        var error = Fails("local y\nlocal x = y + 1", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: attempt to perform arithmetic on a nil value (local 'y')"));
        string text = error.ToString();
        Assert.That(text, Does.StartWith(error.Message));
        Assert.That(text, Does.Contain("stack traceback:\n\tscripts/x.lua:2: in main chunk"));
        Assert.That(text, Does.Not.Contain(" at RnnPlayground").And.Not.Contain("Exception"));
    }

    [Test]
    public void CallingAnUndefinedGlobalGetsAHint()
    {
        var error = Fails("local m = lstm{ hidden = 8 }", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: attempt to call a nil value (global 'lstm')"));
        Assert.That(error.Hint, Does.Contain("not defined"));
    }

    [Test]
    public void AMisspelledHostFunctionNamesTheKnownOnes()
    {
        var error = Fails("local text = rnn.read_txt('a.csv')", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn has no field 'read_txt' (known: read_text, write_text)"));
    }

    [Test]
    public void NonStringErrorObjectsAreDescribed()
    {
        var error = Fails("error({ code = 3 })", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: (error object is a table value)"));
        Assert.That(error.Line, Is.EqualTo(1), "the line comes from the traceback, into the message too");
        var described = Assert.Throws<ScriptException>(() => Host.LoadScriptSource(
            "error(setmetatable({}, { __tostring = function() return 'custom failure' end }))", "scripts/x.lua"))!;
        Assert.That(described.Message, Is.EqualTo("scripts/x.lua:1: custom failure"));
    }

    [Test]
    public void ErrorsFromATailCallStillNameTheScript()
    {
        // `return f(x)` replaces the script's frame with f's, so Lua keeps no line for it.
        var error = Fails("return rnn.read_text('/etc/passwd')", ScriptErrorKind.Sandbox);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua: rnn.read_text: reading '/etc/passwd' is not allowed"));
    }

    [Test]
    public void AScriptWithoutAnExperimentIsAnError()
    {
        var error = Fails("local x = 1", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo(
            "scripts/x.lua: the script must return an experiment table or define a global 'experiment' table (it returned nothing)"));
        Assert.That(error.Hint, Does.Contain("return experiment"));
        var number = Fails("return 3", ScriptErrorKind.Runtime);
        Assert.That(number.Message, Does.EndWith("(it returned 3)"));
    }

    [Test]
    public void AMissingScriptFileIsNotAScriptError()
    {
        Assert.Throws<FileNotFoundException>(() => Host.LoadScript("scripts/none.lua"));
    }

    [Test]
    public void AShebangLineAndAByteOrderMarkAreAccepted()
    {
        string path = Folder.WriteScript("scripts/run.lua", "\uFEFF#!/usr/bin/env rnnplay\nlocal x = nil + 1\n");
        var error = Assert.Throws<ScriptException>(() => Host.LoadScript(path))!;
        Assert.That(error.Line, Is.EqualTo(2), "line numbers are kept");
    }

    [Test]
    public void ErrorsInCallbacksComeBackAsResults()
    {
        using ScriptTable experiment = Host.LoadScriptSource(
            "return {\n  on_epoch = function(ctx)\n    local model = ctx.model\n    return model.loss\n  end,\n}", "scripts/x.lua");
        ScriptCallResult result = Host.TryCall(experiment, "on_epoch", null);
        Assert.That(result.WasDefined, Is.True);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error!.Message, Is.EqualTo("scripts/x.lua:3: attempt to index a nil value (local 'ctx')"));
        Assert.That(result.Error.LuaTraceback, Does.Contain("scripts/x.lua:3: in "));
    }
}
