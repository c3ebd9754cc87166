using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Tensors;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.Scripting.Tests;

/// <summary><c>rnn.data.generate</c>: a seeded Lua generator materialized once, trained on, and the same every time.</summary>
public class GeneratedDataTests : RnnApiFixture
{
    /// <summary>Running parity of 8 random bits, a class at every step (1 even, 2 odd).</summary>
    private const string Parity =
        "rnn.data.generate{ train = 600, validation = 100, test = 200, seed = 3, classes = { 'even', 'odd' }, every_step = true,\n" +
        "  sample = function(rng, i, split)\n" +
        "    local x, y, odd = {}, {}, false\n" +
        "    for t = 1, 8 do local b = rng:integer(0, 1) if b == 1 then odd = not odd end x[t] = b y[t] = odd and 2 or 1 end\n" +
        "    return x, y\n" +
        "  end }";

    /// <summary>Every sample of every split, as the trainer would get them: inputs, then classes, then values.</summary>
    private static float[] Contents(ScriptDataset data)
    {
        var all = new List<float>();
        var batch = new Batch(data.Shape, 1);
        foreach (Split split in Enum.GetValues<Split>())
            for (int i = 0; i < data.Data.Count(split); i++)
            {
                data.Data.Fill(split, [i], batch);
                all.AddRange(batch.Inputs);
                all.AddRange(batch.Tokens.Select(t => (float)t));
                all.AddRange(batch.Classes.Select(c => (float)c));
                all.AddRange(batch.Values);
            }
        return [.. all];
    }

    [Test]
    public void AGeneratedDatasetTrainsAndBeatsTheMajorityBaseline()
    {
        ScriptedExperiment experiment = Load(
            $"return {{ data = {Parity},\n" +
            "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 16 }, rnn.nn.linear{} },\n" +
            "  optimizer = rnn.optim.adam{ lr = 0.02 }, schedule = rnn.schedule.one_cycle{}, batch = 32, epochs = 8 }\n");
        Assert.That(experiment.Data.ToString(), Does.Contain("generate"));
        RunSummary summary = experiment.CreateRun().Run();
        double majority = summary.Baselines.Single(b => b.Name == "majority").Value;
        Assert.That(majority, Is.InRange(0.4, 0.6), "the parity classes are about even");
        Assert.That(summary.Test!["accuracy"], Is.GreaterThan(majority + 0.3), "the GRU carries the parity bit");
    }

    [Test]
    public void TheSameSeedGivesTheSameSamplesOnEveryRunAndThreadCount()
    {
        int saved = ComputeThreads.Count;
        try
        {
            ComputeThreads.Count = 1;
            float[] first = Contents(Make<ScriptDataset>(Parity));
            ComputeThreads.Count = 2;
            float[] second = Contents(Make<ScriptDataset>(Parity));
            Assert.That(second, Is.EqualTo(first));
            float[] otherSeed = Contents(Make<ScriptDataset>(Parity.Replace("seed = 3", "seed = 4", StringComparison.Ordinal)));
            Assert.That(otherSeed, Is.Not.EqualTo(first));
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    [Test]
    public void ASampleDependsOnlyOnTheSeedTheSplitAndItsNumber()
    {
        string Sample(string counts) => (string)Host.Evaluate(
            "local seen = {}\n" +
            $"rnn.data.generate{{ {counts}, seed = 9, sample = function(rng, i, split)\n" +
            "  if split == 'test' and i == 2 then seen[1] = string.format('%.17g %.17g %d', rng:uniform(), rng:normal(), rng:integer(1, 1000)) end\n" +
            "  return { rng:uniform() }, 0 end }\n" +
            "return seen[1]")!;
        Assert.That(Sample("train = 5, validation = 3, test = 4"), Is.EqualTo(Sample("train = 50, validation = 7, test = 3")));
    }

    [Test]
    public void TheRandomSourceStaysInItsRanges()
    {
        string result = (string)Host.Evaluate(
            "local lo, hi, ints, n, sum = math.huge, -math.huge, {}, 0, 0\n" +
            "rnn.data.generate{ train = 400, validation = 1, test = 1, sample = function(rng)\n" +
            "  local u = rng:uniform(-2, 3) lo = math.min(lo, u) hi = math.max(hi, u)\n" +
            "  local k = rng:integer(4, 6) ints[k] = true\n" +
            "  local z = rng:normal(10, 0.5) n = n + 1 sum = sum + z\n" +
            "  return { u }, 0 end }\n" +
            "local keys = {} for k in pairs(ints) do keys[#keys + 1] = k end table.sort(keys)\n" +
            "return string.format('%s %s %s %.1f', lo >= -2, hi < 3, table.concat(keys, ','), sum / n)")!;
        Assert.That(result, Is.EqualTo("true true 4,5,6 10.0"));
    }

    [Test]
    public void InfoAndBaselinesAreThoseOfABuiltInDataset()
    {
        Host.Evaluate(
            "data = rnn.data.generate{ train = 40, validation = 10, test = 20, seed = 2, sample = function(rng)\n" +
            "  local x, v = {}, rng:uniform() for t = 1, 5 do v = v + 0.1 x[t] = { v, 2 * v } end\n" +
            "  return x, { v + 0.1, 2 * v + 0.2 } end }");
        string info = (string)Host.Evaluate(
            "local i = data:info() return string.format('%s %d %d %d %d %d %d %d', i.kind, i.seq, i.features, i.classes, i.values, i.train, i.validation, i.test)")!;
        Assert.That(info, Is.EqualTo("generate 5 2 0 2 40 10 20"));
        double persistence = (double)Host.Evaluate("return data:baselines().persistence_rmse")!;
        double mean = (double)Host.Evaluate("return data:baselines().mean_rmse")!;
        Assert.That(mean, Is.GreaterThan(persistence));
        var data = (IHasBaselines)((ScriptDataset)Host.Evaluate("return data")!).Data;
        BaselineResult[] rmse = data.Baselines(Split.Test).Where(b => b.Name == "persistence" && b.Metric == "rmse").ToArray();
        Assert.That(rmse.Select(b => b.Target), Is.EqualTo(new[] { "y1", "y2" }));
        Assert.That(rmse.Select(b => b.Value), Is.EqualTo(new[] { 0.1, 0.2 }).Within(1e-5), "the next values are 0.1 and 0.2 above the last");
        Assert.That(persistence, Is.EqualTo(rmse[1].Value), "data:baselines() names a metric once: the last target's");
    }

    [TestCase("classes = 3", "return { 1, 2, 3 }, 3", 3, 0, false)]
    [TestCase("classes = 3, every_step = true", "return { 1, 2, 3 }, { 0, 2, 3 }", 3, 0, true)]
    [TestCase("", "return { { 1, 0 }, { 2, 0 }, { 3, 0 } }, { 1, 2, 3 }", 0, 3, false)]
    [TestCase("every_step = true", "return { 1, 2, 3 }, { { 1, 0 }, { 2, 0 }, { 3, 0 } }", 0, 2, true)]
    [TestCase("vocab = 5, classes = 5, every_step = true", "return { 1, 5, 3 }, { 5, 3, 1 }", 5, 0, true)]
    public void EveryKindOfTargetTrainsWithItsHead(string options, string sample, int classes, int values, bool everyStep)
    {
        string embedding = options.Contains("vocab", StringComparison.Ordinal) ? "rnn.nn.embedding{ dim = 4 }, " : "";
        ScriptedExperiment experiment = Load(
            $"return {{ data = rnn.data.generate{{ train = 20, validation = 4, test = 4, {options}{(options.Length > 0 ? ", " : "")}sample = function() {sample} end }},\n" +
            $"  model = rnn.nn.sequential{{ {embedding}rnn.nn.lstm{{ hidden = 4 }}, rnn.nn.linear{{}} }}, steps = 3 }}\n");
        Assert.That((experiment.Data.Shape.NumClasses, experiment.Data.Shape.NumValues, experiment.Data.Shape.TargetEveryStep), Is.EqualTo((classes, values, everyStep)));
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(summary.Succeeded, Is.True, summary.Message);
        Assert.That(summary.Test, Is.Not.Null);
    }
}
