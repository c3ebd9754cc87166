using System.Text.Json.Nodes;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// <c>rnn.world{…}</c>: a world the script computes, streamed by the live loop as the weather world
/// is: forecast before the truth, scored against persistence and the mean, trained on the replay
/// window, drawn as strip charts of its named series; deterministic for a seed.
/// </summary>
public class StreamWorldModuleTests : RnnApiFixture
{
    /// <summary>A noisy oscillator of period 16 ticks whose drive changes at live tick 500 (with a note).</summary>
    internal static string Oscillator(int worldSeed = 7, string extra = "") =>
        "return {\n" +
        "  data = rnn.world{\n" +
        "    series = { 'x', 'drive' }, units = { 'm', '' }, values = { 'x' },\n" +
        "    history = 400, seq = 12, period = 500, seed = 3,\n" +
        "    init = function(rng) return { phase = rng:uniform(0, 6.28), omega = 2 * math.pi / 16, drive = 0 } end,\n" +
        "    observe = function(t, rng, s)\n" +
        "      local note\n" +
        "      if t == 500 then s.omega = 2 * math.pi / 10 note = 'faster' end\n" +
        "      s.phase = s.phase + s.omega + 0.02 * rng:normal()\n" +
        "      s.drive = 0.95 * s.drive + 0.05 * rng:normal()\n" +
        "      return { x = math.sin(s.phase) + 0.02 * rng:normal(), drive = s.drive, note = note }\n" +
        "    end,\n" +
        "  },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 12 }, rnn.nn.linear{} },\n" +
        "  optimizer = rnn.optim.adam{ lr = 5e-3 },\n" +
        "  batch = 16,\n" +
        $"  live = {{ train_every = 1, replay_days = 400, replay_ratio = 16, schedule = 'constant', world_seed = {worldSeed} }},\n" +
        extra +
        "}\n";

    private ILiveExperiment RunLive(string source, int ticks)
    {
        ScriptedExperiment experiment = Load(source);
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        for (int i = 0; i < ticks; i++) live.Advance();
        return live;
    }

    private static double Mae(JsonNode period, string who) => period[who]!["mae"]!.GetValue<double>();

    [Test]
    public void AWorldStreamsLiveAndTheModelBeatsPersistenceBeforeAndAfterTheChange()
    {
        ILiveExperiment live = RunLive(Oscillator(), 1000);
        JsonObject report = live.ReportJson()!;
        Assert.That(live.Ticks, Is.EqualTo(1000));
        Assert.That(report["steps"]!.GetValue<long>(), Is.EqualTo(1000));
        Assert.That(live.TrainingSteps, Is.GreaterThan(500));
        Assert.That(report["notes"]!.ToJsonString(), Is.EqualTo("""[{"tick":500,"step":500,"note":"faster"}]"""));
        JsonNode[] periods = report["periods"]!.AsArray().Select(p => p!).ToArray();
        Assert.That(periods.Select(p => p["period"]!.GetValue<string>()),
            Is.EqualTo(new[] { "period 1", "period 2", "last 30 steps", "last 365 steps", "all" }));
        Assert.That(periods[^1]["steps"]!.GetValue<int>(), Is.EqualTo(1000), "the history's last forecast is scored by the first live step");
        foreach (JsonNode p in periods[..2])
        {
            Assert.That(Mae(p, "model"), Is.LessThan(0.5 * Mae(p, "persistence")), $"{p["period"]}: model vs persistence");
            Assert.That(Mae(p, "model"), Is.LessThan(Mae(p, "mean")), $"{p["period"]}: model vs the mean");
        }
        Assert.That(live.Report(), Does.Contain("live: 1000 ticks (1000 steps)").And.Contain("next x: model MAE").And.Contain("persistence")
            .And.Contain("step 501, tick 500: faster"));
    }

    [Test]
    public void TheSameSeedGivesTheSameScoresBitForBitAndAnotherSeedAnotherStream()
    {
        JsonObject a = RunLive(Oscillator(), 300).ReportJson()!;
        JsonObject b = RunLive(Oscillator(), 300).ReportJson()!;
        JsonObject c = RunLive(Oscillator(worldSeed: 8), 300).ReportJson()!;
        Assert.That(b.ToJsonString(), Is.EqualTo(a.ToJsonString()), "every score, to the last bit (JSON numbers round-trip)");
        JsonNode all(JsonObject r) => r["periods"]!.AsArray()[^1]!;
        Assert.That(Mae(all(c), "persistence"), Is.Not.EqualTo(Mae(all(a), "persistence")), "world_seed starts another stream");
    }

    [Test]
    public void TheSnapshotCarriesTheNamedSeriesThePredictionsAndTheNote()
    {
        ILiveExperiment live = RunLive(Oscillator(), 520);
        Snapshot s = live.BuildSnapshot(new LiveStatus(1, false, 60, 0));
        WeatherStreamSnapshot stream = s.Weather!;
        Assert.That(stream.Observed.Select(o => (o.Name, o.Unit)), Is.EqualTo(new[] { ("x", "m"), ("drive", "") }));
        Assert.That(stream.Observed[0].Values, Has.Length.EqualTo(stream.Hours.Length));
        Assert.That(stream.Hours[^1], Is.EqualTo(519));
        Assert.That(stream.Observed[0].Values.Max(), Is.InRange(0.5f, 1.2f), "x swings like a sine");
        PredictionTrack track = stream.Predictions.Single();
        Assert.That(track.Name, Is.EqualTo("x next"));
        Assert.That(track.ModelScore, Is.LessThan(track.PersistenceScore));
        Assert.That(stream.Markers.Select(m => m.Label), Is.EqualTo(new[] { "faster" }));
        Assert.That((stream.TickName, stream.StepName), Is.EqualTo(("ticks", "step")));
        Assert.That(s.Training.Metrics["mae"], Is.LessThan(s.Training.Metrics["persistence_mae"]));
        Assert.That(s.Network, Is.Not.Null);
    }

    [Test]
    public void TheRandomSourceIsTheHostsAndSeeded()
    {
        ScriptedExperiment experiment = Load("seen = {}\nreturn {\n" +
            "  data = rnn.world{ series = { 'x' }, history = 100, seq = 4, seed = 5,\n" +
            "    observe = function(t, rng)\n" +
            "      local u, n, i = rng:uniform(), rng:normal(2, 0.5), rng:integer(3, 5)\n" +
            "      if t < 3 then seen[#seen + 1] = string.format('%.17g %.17g %d', u, n, i) end\n" +
            "      assert(u >= 0 and u < 1 and i >= 3 and i <= 5 and rng:uniform(4, 6) >= 4)\n" +
            "      return { x = u }\n" +
            "    end },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} },\n}\n");
        var first = (string)Global(experiment, "table.concat(seen, ';')")!;
        var rng = new Core.RandomSource(5);
        string expected = string.Join(';', Enumerable.Range(0, 3).Select(_ =>
        {
            double u = rng.NextDouble(), n = 2 + 0.5 * rng.NextNormal();
            int i = 3 + rng.NextInt(3);
            rng.NextDouble();
            return FormattableString.Invariant($"{u:R} {n:R} {i}");
        }));
        Assert.That(first.Split(';').Select(l => l.Split(' ').Select(double.Parse).ToArray()),
            Is.EqualTo(expected.Split(';').Select(l => l.Split(' ').Select(double.Parse).ToArray())));
    }

    [Test]
    public void LiveEventsAreRefusedForAScriptWorld()
    {
        var error = LoadFails(Oscillator().Replace("world_seed = 7 }", "world_seed = 7, events = { { day = 3, event = 'storm' } } }", StringComparison.Ordinal),
            Scripting.Host.ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.Contain("'live.events' changes the weather world; a world of rnn.world changes itself in observe"));
    }

    [Test]
    public void OnDayIsRefusedForAScriptWorld()
    {
        var error = LoadFails(Oscillator(extra: "  on_day = function(ctx) end,\n"), Scripting.Host.ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.Contain("'on_day' is called as each day of the weather world ends"));
    }

    [Test]
    public void AWorldsScriptAlwaysReloadsWhole()
    {
        ScriptedExperiment a = Load(Oscillator(), "scripts/a.lua");
        ScriptedExperiment b = Load(Oscillator(), "scripts/a.lua");
        Assert.That(a.SameExperimentAs(b), Is.False, "a changed constant the world closes over would not show in any fingerprint");
    }
}
