using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class LimitTests
{
    // The time limit's tests have no instruction budget: a fast machine runs the default budget's
    // 10⁸ pattern-matcher steps in under 0.2 s, and the budget would stop them first.
    private static readonly ScriptLimits Tight = new()
    {
        TimeLimit = TimeSpan.FromSeconds(0.2),
        InstructionBudget = null,
        MemoryLimitBytes = 16L << 20,
    };

    // Memory tests must not be stopped by the clock first on a busy machine.
    private static readonly ScriptLimits TightMemory = new()
    {
        TimeLimit = TimeSpan.FromSeconds(30),
        MemoryLimitBytes = 16L << 20,
    };

    private ScriptFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new ScriptFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private static ScriptException Stopped(LuaHost host, string source)
    {
        var error = Assert.Throws<ScriptException>(() => host.LoadScriptSource(source, "scripts/x.lua"))!;
        Assert.That(error.Kind, Is.EqualTo(ScriptErrorKind.Limit), error.ToString());
        return error;
    }

    /// <summary>The same host must still run a good script after it stopped a bad one.</summary>
    private static void AssertStillUsable(LuaHost host)
    {
        using ScriptTable experiment = host.LoadScriptSource(
            "local total = 0\nfor i = 1, 1000 do total = total + i end\nreturn { total = total }", "scripts/good.lua");
        Assert.That(experiment.Read("experiment", o => o.RequiredInt("total", IntRange.Positive)), Is.EqualTo(500500));
        Assert.That(host.Evaluate("return coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i) end end)()"), Is.EqualTo(1L));
        Assert.That(host.Evaluate("local ok, e = pcall(error, 'x') return ok"), Is.EqualTo(false));
    }

    [Test]
    public void AnEndlessLoopIsStoppedAtItsLine()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        var error = Stopped(host, "local n = 0\nwhile true do n = n + 1 end");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: script exceeded its time limit of 0.2 s"));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Hint, Does.Contain("loop that never ends"));
        AssertStillUsable(host);
    }

    [Test]
    public void ALoopThatSwallowsErrorsWithPcallIsStopped()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        var error = Stopped(host, "while true do\n  pcall(function() while true do end end)\nend");
        Assert.That(error.Message, Does.EndWith("script exceeded its time limit of 0.2 s"));
        AssertStillUsable(host);
    }

    [Test]
    public void AMessageHandlerThatLoopsIsStopped()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        Stopped(host, "xpcall(function() while true do end end, function() while true do end end)");
        AssertStillUsable(host);
    }

    [Test]
    public void ALoopInACoroutineIsStopped()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        var error = Stopped(host, "local co = coroutine.create(function()\n  while true do end\nend)\nlocal ok, e = coroutine.resume(co)\nwhile true do end");
        Assert.That(error.Message, Does.Contain("time limit"));
        var wrapped = Stopped(host, "local f = coroutine.wrap(function()\n  while true do end\nend)\nf()");
        Assert.That(wrapped.Message, Does.Contain("scripts/x.lua:2:"));
        AssertStillUsable(host);
    }

    [Test]
    public void ALoopInASortComparatorIsStopped()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        Stopped(host, "local t = {3, 1, 2}\ntable.sort(t, function(a, b) while true do end end)");
        AssertStillUsable(host);
    }

    [Test]
    public void ATableThatGrowsForeverIsStoppedAtItsLine()
    {
        using LuaHost host = _folder.CreateHost(TightMemory);
        var error = Stopped(host, "local t = {}\nwhile true do\n  t[#t + 1] = { #t }\nend");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:3: script exceeded its memory limit of 16 MiB"));
        Assert.That(error.Hint, Does.Contain("keeps growing"));
        Assert.That(host.MemoryInUse, Is.LessThan(1L << 20), "the runaway's garbage is collected when it is stopped");
        AssertStillUsable(host);
    }

    [Test]
    public void AStringThatDoublesForeverIsStopped()
    {
        using LuaHost host = _folder.CreateHost(TightMemory);
        var error = Stopped(host, "local s = 'x'\nwhile true do s = s .. s end");
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:"));
        Assert.That(error.Message, Does.EndWith("script exceeded its memory limit of 16 MiB"));
        AssertStillUsable(host);
    }

    [Test]
    public void AMemoryErrorSwallowedByPcallStillStopsTheScript()
    {
        using LuaHost host = _folder.CreateHost(TightMemory);
        var error = Stopped(host, "while true do\n  pcall(string.rep, 'x', 64 * 1024 * 1024)\nend");
        Assert.That(error.Message, Does.Contain("memory limit of 16 MiB"));
        AssertStillUsable(host);
    }

    [Test]
    public void TheInstructionBudgetStopsALongLoop()
    {
        using LuaHost host = _folder.CreateHost(new ScriptLimits { InstructionBudget = 100_000 });
        var error = Stopped(host, "local x = 0\nfor i = 1, 1e9 do x = x + i end");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: script exceeded its instruction budget of 100000 instructions"));
        AssertStillUsable(host);
    }

    [Test]
    public void TheBudgetAppliesToEachCallSeparately()
    {
        using LuaHost host = _folder.CreateHost(new ScriptLimits { InstructionBudget = 100_000 });
        using ScriptTable experiment = host.LoadScriptSource(
            "return { on_step = function() local x = 0 for i = 1, 10000 do x = x + i end return x end }", "scripts/x.lua");
        for (int step = 0; step < 50; step++)
        {
            ScriptCallResult result = host.TryCall(experiment, "on_step");
            Assert.That(result.Error, Is.Null, result.Error?.ToString());
            Assert.That(result.ReturnValue, Is.EqualTo(50005000L));
        }
    }

    [Test]
    public void ARunawayCallbackIsReportedAndTheNextCallWorks()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        using ScriptTable experiment = host.LoadScriptSource(
            "return {\n  on_step = function(ctx)\n    if ctx.step == 2 then while true do end end\n    return ctx.step\n  end,\n}", "scripts/x.lua");
        using ScriptContext context = host.CreateContext();
        for (int step = 1; step <= 3; step++)
        {
            context.Set("step", step);
            ScriptCallResult result = host.TryCall(experiment, "on_step", context);
            if (step == 2)
            {
                Assert.That(result.Error?.Kind, Is.EqualTo(ScriptErrorKind.Limit));
                Assert.That(result.Error?.Message, Is.EqualTo("scripts/x.lua:3: script exceeded its time limit of 0.2 s"));
            }
            else
            {
                Assert.That(result.Error, Is.Null, result.Error?.ToString());
                Assert.That(result.ReturnValue, Is.EqualTo((long)step));
            }
        }
    }

    [Test]
    public void APatternThatBacktracksWithoutEndIsStoppedByTheBudgetAtItsLine()
    {
        using LuaHost host = _folder.CreateHost(new ScriptLimits { TimeLimit = TimeSpan.FromSeconds(60), InstructionBudget = 1_000_000 });
        var error = Stopped(host, "local s = string.rep('a', 18)\nlocal i = s:find(string.rep('a*', 18) .. 'b')\nreturn i");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: script exceeded its instruction budget of 1000000 instructions"));
        AssertStillUsable(host);
    }

    [TestCase("s:find(p)")]
    [TestCase("s:match(p)")]
    [TestCase("string.gsub(s, p, '')")]
    [TestCase("s:gmatch(p)()")]
    [TestCase("string.find(s, '(' .. p .. ')%1')")]
    public void EveryPatternFunctionIsStoppedByTheTimeLimit(string call)
    {
        using LuaHost host = _folder.CreateHost(Tight);
        var error = Stopped(host, $"local s, p = string.rep('a', 40), string.rep('a*', 40) .. 'b'\nlocal r = {call}\nreturn r");
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: script exceeded its time limit of 0.2 s"));
        AssertStillUsable(host);
    }

    [Test]
    public void APatternStoppedInsidePcallStillStopsTheScript()
    {
        using LuaHost host = _folder.CreateHost(Tight);
        var error = Stopped(host, "local s, p = ('a'):rep(40), ('a*'):rep(40) .. 'b'\nwhile true do\n  pcall(string.find, s, p)\nend");
        Assert.That(error.Message, Does.EndWith("script exceeded its time limit of 0.2 s"));
        AssertStillUsable(host);
    }

    [Test]
    public void AnInstructionBudgetIsSetByDefault()
    {
        Assert.That(ScriptLimits.Default.InstructionBudget, Is.EqualTo(100_000_000L));
        Assert.That(new ScriptLimits { TimeLimit = null }.InstructionBudget, Is.EqualTo(100_000_000L), "limits made from the defaults keep it");
        Assert.That(ScriptLimits.None.InstructionBudget, Is.Null);
    }
}
