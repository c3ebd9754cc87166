using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>The messages that once showed the host's insides, each now one line at the script's line.</summary>
public class ErrorMessageTests : RnnApiFixture
{
    private static readonly ScriptLimits WithoutHostCap = new() { HostMemoryLimitBytes = null };

    [Test]
    public void RawsetOnAHandleNamesTheScriptsLine()
    {
        var error = Fails("local model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} }\nrawset(model, 'x', 1)", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: bad argument #1 to 'rawset' (table expected, got Model)"));
        var metatable = Fails("local n = 1\nsetmetatable(n, {})", ScriptErrorKind.Runtime);
        Assert.That(metatable.Message, Is.EqualTo("scripts/x.lua:2: bad argument #1 to 'setmetatable' (table expected, got number)"));
    }

    [Test]
    public void NestingTooDeepForTheParserNamesTheDeepestLine()
    {
        string deep = string.Concat(Enumerable.Repeat("{", 1000)) + string.Concat(Enumerable.Repeat("}", 1000));
        var error = Fails($"local a = 1\n-- {{{{{{ not counted }}\nlocal t = {deep}\nreturn {{}}", ScriptErrorKind.Syntax);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:3: the script nests too deeply (C stack overflow)"));
        Assert.That(error.Hint, Does.Contain("200 levels"));
    }

    [Test]
    public void RecursionThroughCFunctionsNamesTheScriptsLine()
    {
        var error = Fails("local function f(n)\n  return tostring(setmetatable({}, { __tostring = function() return f(n + 1) end }))\nend\nf(1)", ScriptErrorKind.Runtime);
        Assert.That(error.Message, Does.Match(@"^scripts/x\.lua:2: .*stack overflow"));
        Assert.That(error.Hint, Does.Contain("calls itself"));
    }

    [Test]
    public void HugeCountsAreRefusedWithoutOverflowEvenWithoutTheHostCap()
    {
        using LuaHost host = Folder.CreateHost(WithoutHostCap);
        Configure(host);
        var error = Assert.Throws<ScriptException>(() => host.LoadScriptSource("local d = rnn.data.sine{ seq = 10000, train = 2^31 - 1 }", "scripts/x.lua"))!;
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.data.sine: 2147483647 samples of 10000 values are more than an array holds"));
    }

    [TestCase("hidden = 30000", "a layer of 30000 units on 1 inputs is too large")]
    [TestCase("hidden = 1e9", "a layer of 1000000000 units on 1 inputs is too large")]
    public void HugeLayersAreRefusedWithoutOverflowEvenWithoutTheHostCap(string option, string expected)
    {
        Folder.WriteScript("scripts/x.lua", "return {\n  data = rnn.data.sine{ seq = 3, train = 4, validation = 2, test = 2 },\n" +
            $"  model = rnn.nn.sequential{{ rnn.nn.lstm{{ {option} }}, rnn.nn.linear{{}} }},\n}}");
        var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(Path.Combine(Folder.Root, "scripts/x.lua"), Options(WithoutHostCap)).Dispose())!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Argument));
        Assert.That(error.Message, Is.EqualTo($"scripts/x.lua: experiment: {expected}"));
    }

    [TestCase("hours_per_day = 2", "'climate.hours_per_day' must be an integer between 4 and 240 (got 2)")]
    [TestCase("storminess = 4.5", "'climate.storminess' must be a number between 0 and 4 (got 4.5)")]
    [TestCase("noise = 6", "'climate.noise' must be a number between 0 and 5 (got 6)")]
    [TestCase("daily_amplitude = 26", "'climate.daily_amplitude' must be a number between 0 and 25 (got 26)")]
    public void ClimateOptionsAreCheckedAgainstTheRangesTheSimulatorAccepts(string option, string expected)
    {
        var error = Fails($"local d = rnn.data.weather{{ days = 60, climate = {{ {option} }} }}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo($"scripts/x.lua:1: rnn.data.weather: {expected}"));
    }
}
