using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>A fresh project folder and a host on it for every test.</summary>
public abstract class HostFixture
{
    internal ScriptFolder Folder { get; private set; } = null!;
    protected LuaHost Host { get; private set; } = null!;

    [SetUp]
    public void CreateHost()
    {
        Folder = new ScriptFolder();
        Host = Folder.CreateHost();
        Configure(Host);
    }

    [TearDown]
    public void DisposeHost()
    {
        Host.Dispose();
        Folder.Dispose();
    }

    /// <summary>Registers what the tests of a class need (modules, handle kinds); by default the text-file functions.</summary>
    protected virtual void Configure(LuaHost host) => RnnModule.RegisterFiles(host);

    /// <summary>Runs <paramref name="source"/> as scripts/x.lua; it must fail with <paramref name="kind"/>.</summary>
    protected ScriptException Fails(string source, ScriptErrorKind kind, string scriptPath = "scripts/x.lua")
    {
        var error = Assert.Throws<ScriptException>(() => Host.LoadScriptSource(source, scriptPath))!;
        Assert.That(error.Kind, Is.EqualTo(kind), error.ToString());
        return error;
    }
}
