using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class TextAndOutputTests
{
    private ScriptFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new ScriptFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void PrintGoesToTheHostWriter()
    {
        var output = new StringWriter();
        using LuaHost host = _folder.CreateHost(output: output);
        host.Evaluate("print('loss', 0.5, 3, nil, true)\nprint()");
        Assert.That(output.ToString(), Is.EqualTo("loss\t0.5\t3\tnil\ttrue" + Environment.NewLine + Environment.NewLine));
    }

    [Test]
    public void PrintUsesTostringOfHandles()
    {
        var output = new StringWriter();
        using LuaHost host = _folder.CreateHost(output: output);
        ToyModule.Register(host);
        host.Evaluate("print(rnn.nn.lstm{ input = 1, hidden = 2, cell = 'gru' })");
        Assert.That(output.ToString().TrimEnd(), Is.EqualTo("Model(gru 1->2)"));
    }

    [Test]
    public void Utf8StringsRoundTrip()
    {
        var output = new StringWriter();
        using LuaHost host = _folder.CreateHost(output: output);
        host.RegisterFunction("rnn", "echo", call => call.Return(call.String(1, "text") + "·✓"));
        Assert.That(host.Evaluate("return '天气 — température'"), Is.EqualTo("天气 — température"));
        Assert.That(host.Evaluate("return rnn.echo('温度')"), Is.EqualTo("温度·✓"));
        Assert.That(host.Evaluate("return utf8.len('温度')"), Is.EqualTo(2L));
        host.Evaluate("print('预测 ok')");
        Assert.That(output.ToString().TrimEnd(), Is.EqualTo("预测 ok"));
    }

    [Test]
    public void Utf8ErrorMessagesAndScriptNamesRoundTrip()
    {
        using LuaHost host = _folder.CreateHost();
        string path = _folder.WriteScript("scripts/天气.lua", "local x = 1\nerror('温度太高')\n");
        var error = Assert.Throws<ScriptException>(() => host.LoadScript(path))!;
        Assert.That(error.Message, Is.EqualTo("scripts/天气.lua:2: 温度太高"));
        Assert.That(error.ScriptPath, Is.EqualTo("scripts/天气.lua"));
    }

    [Test]
    public void ReadTextReturnsUtf8()
    {
        File.WriteAllText(Path.Combine(_folder.Root, "scripts", "data", "names.txt"), "北京\nParís\n");
        using LuaHost host = _folder.CreateHost();
        RnnModule.RegisterFiles(host);
        host.LoadScriptSource("experiment = { text = rnn.read_text('data/names.txt') }", "scripts/x.lua").Dispose();
        Assert.That(host.Evaluate("return experiment.text"), Is.EqualTo("北京\nParís\n"));
    }
}
