using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>The host names no functions of its own: its refusals and errors point where <see cref="LuaHostOptions.Hints"/> says.</summary>
public class HostHintTests
{
    private ScriptFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new ScriptFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void WithoutHintsNoRefusalNamesTheExperimentTables()
    {
        using var host = new LuaHost(new LuaHostOptions { WorkingDirectory = _folder.Root });
        string[] messages =
        [
            Refusal(host, "io.open('x')", ScriptErrorKind.Sandbox),
            Refusal(host, "require('socket')", ScriptErrorKind.Sandbox),
            Refusal(host, "undefined_function()", ScriptErrorKind.Runtime),
        ];
        Assert.That(messages, Has.None.Contains("rnn"));
        Assert.That(messages[0], Does.Contain("io.open is not available in experiment scripts; files are reached only through the host's functions"));
    }

    [Test]
    public void TheGivenHintsAreUsed()
    {
        var hints = new ScriptHints { Files = "use files.read", Modules = "see lib.*", UndefinedFunction = "no such thing", Argument = "see the manual" };
        using var host = new LuaHost(new LuaHostOptions { WorkingDirectory = _folder.Root, Hints = hints });
        host.RegisterFunction("lib", "positive", call => call.Return(call.Int(1, "n", IntRange.Positive)));
        Assert.That(Refusal(host, "dofile('x.lua')", ScriptErrorKind.Sandbox), Does.Contain("dofile is not available in experiment scripts; use files.read"));
        Assert.That(Refusal(host, "require('x')", ScriptErrorKind.Sandbox), Does.Contain("; see lib.*"));
        Assert.That(Assert.Throws<ScriptException>(() => host.Evaluate("nothing()"))!.Hint, Is.EqualTo("no such thing"));
        Assert.That(Assert.Throws<ScriptException>(() => host.Evaluate("lib.positive(-1)"))!.Hint, Is.EqualTo("see the manual"));
    }

    private static string Refusal(LuaHost host, string source, ScriptErrorKind kind)
    {
        var error = Assert.Throws<ScriptException>(() => host.Evaluate(source))!;
        Assert.That(error.Kind, Is.EqualTo(kind), error.ToString());
        return error.Message + (error.Hint is null ? "" : " | " + error.Hint);
    }
}
