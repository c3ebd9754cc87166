using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class RunModuleTests : RnnApiFixture
{
    private const string Experiment =
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 8, test = 8 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} },\n" +
        "  optimizer = rnn.optim.sgd{ lr = 0.1 },\n" +
        "  steps = 10,\n";

    private RunSummary Run(ScriptedExperiment experiment) => experiment.CreateRun(new RunSettings { OutputDirectory = Folder.OutputDirectory }).Run();

    [Test]
    public void CtxStopEndsTheRunAfterTheStep()
    {
        RunSummary summary = Run(Load("return {\n" + Experiment +
            "  on_step = function(ctx) if ctx.step == 3 then ctx.stop('enough') end end,\n}\n"));
        Assert.That(summary.Status, Is.EqualTo(RunStatus.Stopped));
        Assert.That(summary.Steps, Is.EqualTo(3));
        Assert.That(summary.Message, Is.EqualTo("enough at step 3 of 10"));
        Assert.That(summary.Test, Is.Not.Null, "a stopped run is still evaluated");
    }

    [Test]
    public void StopWorksAsAMethodAndAsRnnStop()
    {
        RunSummary method = Run(Load("return {\n" + Experiment + "  on_step = function(ctx) ctx:stop() end,\n}\n"));
        Assert.That((method.Status, method.Steps, method.Message), Is.EqualTo((RunStatus.Stopped, 1L, "stopped by the script at step 1 of 10")));
        RunSummary global = Run(Load("return {\n" + Experiment + "  on_eval = function(ctx) rnn.stop('from on_eval') end, evaluate_every = 4,\n}\n"));
        Assert.That((global.Status, global.Steps, global.Message), Is.EqualTo((RunStatus.Stopped, 4L, "from on_eval at step 4 of 10")));
    }

    [Test]
    public void StoppingOutsideARunIsRefused()
    {
        var error = LoadFails("rnn.stop('now')\nreturn {\n" + Experiment + "}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.stop: rnn.stop works while the experiment runs (from a callback such as on_step)"));
    }

    [Test]
    public void CtxSetLrChangesTheRateFromTheNextStepOn()
    {
        ScriptedExperiment experiment = Load("local rates = {}\nreturn {\n" + Experiment +
            "  schedule = rnn.schedule.exponential{ gamma = 0.5 },\n" +
            "  on_step = function(ctx)\n" +
            "    rates[#rates + 1] = string.format('%.4f', ctx.lr)\n" +
            "    if ctx.step == 2 then ctx.set_lr(0.005) end\n" +
            "  end,\n" +
            "  on_finish = function() print(table.concat(rates, ' ')) end,\n}\n");
        RunSummary summary = Run(experiment);
        Assert.That(summary.Steps, Is.EqualTo(10));
        double[] rates = PrintedLines.Single().Split(' ').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { 0.1, 0.05, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005 }), "the set rate replaces the schedule's");
        string[] csv = File.ReadAllLines(Path.Combine(Folder.OutputDirectory, ExperimentRun.MetricsFile));
        Assert.That(csv[3].Split(',')[3], Is.EqualTo("0.005"), "metrics.csv logs the rate used at step 3");
    }

    [Test]
    public void ABadRateStopsTheRunWithTheCallbacksError()
    {
        ScriptedExperiment experiment = Load("return {\n" + Experiment +
            "  on_step = function(ctx) ctx.set_lr(-1) end,\n}\n");
        RunSummary summary = Run(experiment);
        Assert.That(experiment.CallbackError?.Message, Is.EqualTo("scripts/x.lua:6: rnn.set_lr: argument #1 'lr' must be a number > 0 (got -1)"));
        Assert.That(experiment.CallbackError!.Kind, Is.EqualTo(ScriptErrorKind.Argument));
        Assert.That((summary.Status, summary.Steps), Is.EqualTo((RunStatus.Stopped, 1L)));
        Assert.That(summary.Message, Is.EqualTo($"on_step failed: {experiment.CallbackError.Message} at step 1 of 10"));
    }

    [Test]
    public void SavedWeightsLoadBackUnderTheOutputFolder()
    {
        ScriptedExperiment experiment = Load("local x = { 0.1, 0.3, 0.2, -0.1, 0.0 }\nreturn {\n" + Experiment +
            "  on_step = function(ctx) if ctx.step == 1 then print(rnn.save(ctx.model, 'weights/early.safetensors')) end end,\n" +
            "  on_finish = function(ctx)\n" +
            "    local trained = ctx.model:predict(x).values[1]\n" +
            "    print(rnn.save(ctx.model, 'final.safetensors'))\n" +
            "    rnn.load(ctx.model, 'weights/early.safetensors')\n" +
            "    local early = ctx.model:predict(x).values[1]\n" +
            "    rnn.load(ctx.model, 'final.safetensors')\n" +
            "    local again = ctx.model:predict(x).values[1]\n" +
            "    print(trained ~= early, trained == again)\n" +
            "  end,\n}\n");
        Run(experiment);
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
        Assert.That(PrintedLines, Is.EqualTo(new[] { "out/run/weights/early.safetensors", "out/run/final.safetensors", "true\ttrue" }));
        Assert.That(File.Exists(Path.Combine(Folder.OutputDirectory, "weights", "early.safetensors")), Is.True);
    }

    [Test]
    public void SavingOutsideTheOutputFolderIsRefusedByTheSandbox()
    {
        ScriptedExperiment experiment = Load("return {\n" + Experiment +
            "  on_finish = function(ctx) rnn.save(ctx.model, '../escape.safetensors') end,\n}\n");
        Run(experiment);
        Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Sandbox));
        Assert.That(experiment.CallbackError!.Message,
            Is.EqualTo("scripts/x.lua:6: rnn.save: writing '../escape.safetensors' is not allowed: scripts may write files only under out/run/"));
        Assert.That(File.Exists(Path.Combine(Folder.Root, "out", "escape.safetensors")), Is.False);
    }

    [Test]
    public void LoadingFromOutsideTheReadableFoldersIsRefusedByTheSandbox()
    {
        File.WriteAllText(Path.Combine(Folder.Root, "weights.safetensors"), "not really");
        ScriptedExperiment experiment = Load("return {\n" + Experiment +
            "  on_finish = function(ctx) rnn.load(ctx.model, '../../weights.safetensors') end,\n}\n");
        Run(experiment);
        Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Sandbox));
        Assert.That(experiment.CallbackError!.Message, Does.StartWith("scripts/x.lua:6: rnn.load: reading '../../weights.safetensors' is not allowed"));
    }

    [Test]
    public void LoadingSomethingThatIsNoCheckpointSaysWhatIsWrong()
    {
        File.WriteAllText(Path.Combine(Folder.Root, "scripts", "data", "notes.safetensors"), "not really");
        ScriptedExperiment experiment = Load("return {\n" + Experiment +
            "  on_finish = function(ctx) rnn.load(ctx.model, 'data/notes.safetensors') end,\n}\n");
        Run(experiment);
        Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Argument));
        Assert.That(experiment.CallbackError!.Message, Does.StartWith("scripts/x.lua:6: rnn.load: ").And.Contain("scripts/data/notes.safetensors"));
        Assert.That(experiment.CallbackError.Message, Does.Not.Contain(Folder.Root));
    }

    [Test]
    public void LoadingAMissingFileSaysWhereItLooked()
    {
        ScriptedExperiment experiment = Load("return {\n" + Experiment +
            "  on_finish = function(ctx) rnn.load(ctx.model, 'nothing.safetensors') end,\n}\n");
        Run(experiment);
        Assert.That(experiment.CallbackError?.Message,
            Is.EqualTo("scripts/x.lua:6: rnn.load: no file 'nothing.safetensors' in the output folder or at scripts/nothing.safetensors"));
    }

    [Test]
    public void WeightsOfAnotherModelAreRefused()
    {
        ScriptedExperiment small = Load("return {\n" + Experiment +
            "  on_finish = function(ctx) rnn.save(ctx.model, 'small.safetensors') end,\n}\n", "scripts/small.lua");
        Run(small);
        ScriptedExperiment big = Load("return {\n" + Experiment.Replace("hidden = 6", "hidden = 9") +
            "  on_finish = function(ctx) rnn.load(ctx.model, 'small.safetensors') end,\n}\n", "scripts/big.lua");
        Run(big);
        Assert.That(small.CallbackError, Is.Null);
        Assert.That(big.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Argument));
        Assert.That(big.CallbackError!.Message, Does.StartWith("scripts/big.lua:6: rnn.load: out/run/small.safetensors: ").And.Contain("weights do not fit this model: 'gru.weight_ih_l0' has shape [18, 1] in the file but [27, 1] in the model"));
    }

    [Test]
    public void SavingBeforeTheRunIsRefused()
    {
        var error = LoadFails("local m = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} }\nrnn.save(m, 'early.safetensors')\nreturn {}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: rnn.save: the model is built when the experiment starts; save it from a callback (on_finish…)"));
    }
}
