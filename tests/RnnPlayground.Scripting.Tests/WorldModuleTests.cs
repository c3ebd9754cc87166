using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary><c>ctx.world</c> in <c>on_day</c>, and <c>live.events</c>: changes to the live weather world from a script, and their argument errors.</summary>
public class WorldModuleTests : RnnApiFixture
{
    private const string Data = "  data = rnn.data.weather{ days = 150, seq = 4 },\n  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} },\n";

    private static void RunDays(ILiveExperiment live, int days)
    {
        for (int i = 0; i < 24 * days; i++) live.Advance();
    }

    [Test]
    public void OnDayPlaysWithTheWorldAndEveryChangeIsLoggedWithItsTime()
    {
        ScriptedExperiment experiment = Load("return {\n" + Data +
            "  live = { train_every = 6 },\n" +
            "  on_day = function(ctx)\n" +
            "    if ctx.day == 2 then ctx.world:storm{ intensity = 3 } end\n" +
            "    if ctx.day == 3 then ctx.world:set_climate{ storminess = 0.9, noise = 0.5 } end\n" +
            "    if ctx.day == 4 then ctx.world:event('heat_wave', { degrees = 9, days = 3 }) ctx.world:dry_spell() end\n" +
            "    if ctx.day == 5 then local c = ctx.world:climate() print(c.storminess, c.noise, c.mean_temperature, ctx.year, ctx.day_of_year, math.type(ctx.hour), ctx.accuracy_30d >= 0, ctx.brier_365d >= 0) end\n" +
            "  end,\n}\n");
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        RunDays(live, 6);
        Assert.That(experiment.CallbackError, Is.Null);
        Assert.That(PrintedLines.Single(), Is.EqualTo("0.9\t0.5\t11.0\t1\t5\tinteger\ttrue\ttrue"));
        Assert.That(live.Report(), Does.Contain("day 3 (year 1), hour 48: storm (intensity 3, 1.6 days)")
            .And.Contain("hour 72: climate: storminess 0.3 → 0.9/day, noise 1 → 0.5")
            .And.Contain("hour 96: heat wave (+9 °C, 3 days)")
            .And.Contain("hour 96: dry spell (12 days)"));
        Assert.That(live.BuildSnapshot(new LiveStatus(1, false, 48, 0)).Weather!.Markers, Has.Count.EqualTo(4));
    }

    [Test]
    public void BadEventsAndClimateValuesAreScriptErrorsAtTheirLine()
    {
        ScriptedExperiment experiment = Load("local function refusal(f, ...) return select(2, pcall(f, ...)) end\nreturn {\n" + Data +
            "  on_day = function(ctx)\n" +
            "    print(refusal(ctx.world.event, ctx.world, 'tornado'))\n" +
            "    print(refusal(ctx.world.set_climate, ctx.world, { storminess = 9 }))\n" +
            "    print(refusal(ctx.world.set_climate, ctx.world, {}))\n" +
            "    print(refusal(ctx.world.storm, ctx.world, { intensity = 0 }))\n" +
            "    print(refusal(ctx.world.heat_wave, ctx.world, { degres = 5 }))\n" +
            "    ctx.world:set_climate{ mean_temperature = 'warm' }\n" +
            "  end,\n}\n");
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        RunDays(live, 2);
        string[] lines = PrintedLines; // through pcall the message has no caller line; the last call's error does
        Assert.That(lines[0], Is.EqualTo("World:event: unknown event \"tornado\"; known: storm, heat_wave, dry_spell"));
        Assert.That(lines[1], Is.EqualTo("World:set_climate: 'storminess' must be a number between 0 and 4 (got 9)"));
        Assert.That(lines[2], Is.EqualTo("World:set_climate: give at least one of storminess, mean_temperature, seasonal_amplitude, noise"));
        Assert.That(lines[3], Does.StartWith("World:storm: 'intensity' must be a number between 0.1 and 3 (got 0"));
        Assert.That(lines[4], Does.StartWith("World:heat_wave: unknown field 'degres'"));
        Assert.That(experiment.CallbackError!.Message, Does.StartWith("scripts/x.lua:11: World:set_climate: 'mean_temperature' must be a number"));
        Assert.That(lines, Has.Length.EqualTo(5), "the error stopped the callbacks");
    }

    [Test]
    public void ScheduledEventsAreCheckedWhenTheScriptLoads()
    {
        Assert.That(LoadFails("return {\n" + Data + "  live = { events = { { day = 3, event = 'flood' } } },\n}\n", ScriptErrorKind.Argument).Message,
            Does.Contain("unknown event \"flood\"; known: storm, heat_wave, dry_spell"));
        Assert.That(LoadFails("return {\n" + Data + "  live = { events = { { day = 3, climate = { storminess = -1 } } } },\n}\n", ScriptErrorKind.Argument).Message,
            Does.Contain("'live.events[1].climate.storminess' must be a number between 0 and 4 (got -1)"));
        Assert.That(LoadFails("return {\n" + Data + "  live = { events = { { day = 3 } } },\n}\n", ScriptErrorKind.Argument).Message,
            Does.Contain("need either event"));
        Assert.That(LoadFails("return {\n" + Data + "  live = { schedule = 'sometimes' },\n}\n", ScriptErrorKind.Argument).Message,
            Does.Contain("'live.schedule'"));
    }

    [Test]
    public void TheSameScriptAndEventsGiveTheSameScoresBitForBit()
    {
        const string script = "return {\n" + Data +
            "  live = { train_every = 6, events = { { day = 5, event = 'storm' }, { day = 12, climate = { storminess = 0.8 } } } },\n" +
            "  on_day = function(ctx) if ctx.day == 8 then ctx.world:heat_wave() end end,\n}\n";
        string Run(string path)
        {
            ScriptedExperiment experiment = Load(script, path);
            ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
            RunDays(live, 40);
            return live.ReportJson()!.ToJsonString();
        }
        string first = Run("scripts/a.lua"), second = Run("scripts/b.lua");
        Assert.That(second, Is.EqualTo(first), "the figures are written with every digit (round-trip)");
        Assert.That(first, Does.Contain("\"day\":5").And.Contain("\"day\":8").And.Contain("\"day\":12"));
    }
}
