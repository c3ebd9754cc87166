using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A world whose function errors, returns a wrong or missing field, a NaN, or something else than a
/// table: reported with the script's line and the tick, kept as the script's error for the window's
/// banner, and the world stops (it is not called again) while what it scored stays.
/// </summary>
public class StreamWorldErrorTests : RnnApiFixture
{
    private const int History = 100;

    /// <summary>A world of one series whose observe (line 5) returns <paramref name="live"/> from its 7th live tick (calls counts history ticks too).</summary>
    private static string Failing(string live, string history = "{ x = math.sin(t) }") =>
        "calls = 0\n" +
        "return {\n" +
        $"  data = rnn.world{{ series = {{ 'x' }}, history = {History}, seq = 4,\n" +
        "    init = function(rng) return {} end,\n" +
        "    observe = function(t, rng, s)\n" +
        "      calls = calls + 1\n" +
        $"      if calls > {History + 6} then return {live} end\n" +
        $"      return {history}\n" +
        "    end },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} },\n" +
        "  live = { train_every = 4 },\n" +
        "}\n";

    /// <summary>Runs 20 live ticks; the world fails at live tick 6 and must not be called after.</summary>
    private (ScriptedExperiment Experiment, ILiveExperiment Live) FailLive(string live)
    {
        ScriptedExperiment experiment = Load(Failing(live));
        ILiveExperiment l = experiment.CreateLive(experiment.CreateRun());
        for (int i = 0; i < 20; i++) l.Advance();
        Assert.That(Global(experiment, "calls"), Is.EqualTo((long)History + 7), "the world is not called again once it failed");
        Assert.That(l.Ticks, Is.EqualTo(6), "the ticks before the failure count");
        Assert.That(l.Finished, Is.True);
        return (experiment, l);
    }

    [TestCase("(function() error('the spring broke') end)()", "scripts/x.lua:7: the spring broke (tick 6)")]
    [TestCase("{ x = 0/0 }", "scripts/x.lua:5: observe: 'x' must be a finite number (got nan) (tick 6)")]
    [TestCase("{ x = 1, y = 2 }", "scripts/x.lua:5: observe: unknown field 'y' (did you mean 'x'? known fields: x, note) (tick 6)")]
    [TestCase("{ y = 2 }", "scripts/x.lua:5: observe: 'x' is missing")]
    [TestCase("{ x = 'high' }", "scripts/x.lua:5: observe: 'x' must be a finite number (got \"high\") (tick 6)")]
    [TestCase("42", "scripts/x.lua:5: observe: must return a table (got 42) (tick 6)")]
    public void AWorldThatFailsLiveIsReportedWithTheLineAndTheTickAndStops(string live, string expected)
    {
        (ScriptedExperiment experiment, ILiveExperiment l) = FailLive(live);
        Assert.That(experiment.CallbackError!.Message, Does.StartWith(expected));
        Assert.That(experiment.CallbackError.Message, Does.EndWith("(tick 6)"));
        Assert.That(experiment.CallbackError.Message, Does.Not.Contain("Exception"));
        Snapshot s = l.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        Assert.That(s.ScriptError, Is.EqualTo(experiment.CallbackError.Message), "the window's banner shows it");
        Assert.That(s.Error, Does.StartWith("script error: " + experiment.CallbackError.Message));
        Assert.That(s.Weather!.Hours, Has.Length.EqualTo(6), "the good ticks stay in the charts");
        Assert.That(l.Report(), Does.Contain($"the world stopped at tick 6: {experiment.CallbackError.Message}"));
    }

    [Test]
    public void AWorldThatFailsWhileMakingItsHistoryFailsTheLoadWithBothLines()
    {
        var error = LoadFails(Failing("{ x = 1 }", history: "{ x = t < 3 and 1 or nil }"), ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:3: rnn.world: the world failed while making its history: " +
            "scripts/x.lua:5: observe: 'x' is missing (expected a finite number) (tick 3)"));
    }

    [Test]
    public void AnInitThatFailsNamesItsLine()
    {
        var error = LoadFails(Failing("{ x = 1 }").Replace("return {} end", "return nil + 1 end", StringComparison.Ordinal), ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:3: rnn.world: the world failed while making its history: scripts/x.lua:4: attempt to perform arithmetic on a nil value"));
        Assert.That(error.Message, Does.EndWith("(init)"));
    }

    [TestCase("series = { 'x', 'x' }", "'series' names a series twice")]
    [TestCase("series = { 'class' }", "'series' cannot use the name 'class'")]
    [TestCase("series = { 'x' }, values = { 'y' }", "'y' is not one of the series (x)")]
    [TestCase("series = { 'x' }, units = { 'm', 's' }", "'units' must give one unit per series (1, got 2)")]
    [TestCase("series = { 'x' }, observe = 3", "'observe' must be a function (got 3)")]
    public void BadOptionsAreRefusedAtTheirLine(string options, string expected)
    {
        string observe = options.Contains("observe", StringComparison.Ordinal) ? "" : ", observe = function() return { x = 1 } end";
        var error = LoadFails("return {\n  data = rnn.world{ " + options + observe + " },\n  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 } },\n}\n",
            ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:2: rnn.world: ").And.Contain(expected));
    }
}
