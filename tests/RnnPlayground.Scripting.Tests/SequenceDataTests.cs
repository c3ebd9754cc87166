using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.Scripting.Tests;

/// <summary><c>rnn.data.sequences</c>: a dataset from the script's own tables.</summary>
public class SequenceDataTests : RnnApiFixture
{
    /// <summary>300 stretches of a slow cosine with different frequencies; predict the next value.</summary>
    private const string Waves =
        "local inputs, targets = {}, {}\n" +
        "for i = 1, 300 do\n" +
        "  local w, p = 0.2 + 0.4 * ((i * 0.618) % 1), 6.28 * ((i * 0.414) % 1)\n" +
        "  local x = {} for t = 0, 11 do x[#x + 1] = math.cos(w * t + p) end\n" +
        "  inputs[i], targets[i] = x, math.cos(w * 12 + p)\n" +
        "end\n";

    [Test]
    public void ATableDatasetTrainsAndBeatsPersistenceAndTheMean()
    {
        ScriptedExperiment experiment = Load(Waves +
            "return { data = rnn.data.sequences{ inputs = inputs, targets = targets, split = { 0.7, 0.1, 0.2 } },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 16 }, rnn.nn.linear{} },\n" +
            "  optimizer = rnn.optim.adam{ lr = 0.01 }, batch = 16, epochs = 12 }\n");
        Assert.That(experiment.Data.Data.Count(Split.Train), Is.EqualTo(210));
        Assert.That(experiment.Data.Data.Count(Split.Test), Is.EqualTo(60));
        RunSummary summary = experiment.CreateRun().Run();
        double rmse = summary.Test!["rmse"];
        double persistence = summary.Baselines.Single(b => b.Name == "persistence" && b.Metric == "rmse").Value;
        double mean = summary.Baselines.Single(b => b.Name == "mean" && b.Metric == "rmse").Value;
        Assert.That(rmse, Is.LessThan(0.7 * persistence), $"persistence {persistence}, mean {mean}");
        Assert.That(rmse, Is.LessThan(mean));
    }

    [Test]
    public void SamplesKeepTheirOrderAcrossTheSplits()
    {
        var data = Make<ScriptDataset>(
            "rnn.data.sequences{ inputs = { {1, 1}, {2, 2}, {3, 3}, {4, 4} }, targets = { 1, 2, 3, 1 }, classes = 3, split = { 0.5, 0.25, 0.25 } }");
        var batch = new Batch(data.Shape, 1);
        data.Data.Fill(Split.Test, [0], batch);
        Assert.That(batch.Inputs, Is.EqualTo(new[] { 4f, 4f }));
        Assert.That(batch.Classes, Is.EqualTo(new[] { 0 }), "label 1 is the core's class 0");
        data.Data.Fill(Split.Validation, [0], batch);
        Assert.That(batch.Classes, Is.EqualTo(new[] { 2 }));
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void NormalizeScoresInputsWithTheTrainingStatistics()
    {
        var data = Make<ScriptDataset>(
            "rnn.data.sequences{ inputs = { {{0, 10}}, {{2, 30}}, {{4, 50}}, {{100, 100}} }, targets = { 0, 0, 0, 0 }, normalize = true, split = { 0.5, 0.25, 0.25 } }");
        var batch = new Batch(data.Shape, 1);
        data.Data.Fill(Split.Train, [1], batch);
        Assert.That(batch.Inputs, Is.EqualTo(new[] { 1f, 1f }), "(2 − 1)/1 and (30 − 20)/10");
        Assert.That(data.Metadata, Does.ContainKey("data.features"));
    }
}
