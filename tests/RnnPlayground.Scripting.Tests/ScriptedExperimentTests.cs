using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class ScriptedExperimentTests : RnnApiFixture
{
    private const string Sine =
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} },\n";

    private static string Keys(string table) =>
        $"local keys = {{}} for k in pairs({table}) do keys[#keys + 1] = k end table.sort(keys) print(table.concat(keys, ' '))";

    [Test]
    public void TheExperimentTableBecomesTheDefinition()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine +
            "  name = 'waves', optimizer = rnn.optim.sgd{ lr = 0.05 }, schedule = rnn.schedule.cosine{ warmup = 3 },\n" +
            "  batch = 16, steps = 40, bptt = 2, clip = 0.5, clip_value = 2, evaluate_every = 10, checkpoint_every = 20, seed = 9,\n" +
            "  track_gradient_norms = true, loss = { regression = 'huber', delta = 0.5 },\n" +
            "  select = { metric = 'rmse', patience = 3, min_delta = 0.01, restore_best = false },\n}\n");
        ExperimentDefinition d = experiment.Definition;
        Assert.That(d.Name, Is.EqualTo("waves"));
        Assert.That((d.Optimizer.Kind, d.Optimizer.LearningRate), Is.EqualTo(("sgd", 0.05f)));
        Assert.That(d.Schedule, Is.EqualTo(new ScheduleSpec("cosine", d.Schedule!.Settings, 3)));
        Assert.That(d.Training, Is.EqualTo(new TrainerOptions { BatchSize = 16, TruncatedBptt = 2, ClipNorm = 0.5, ClipValue = 2f, TrackGradientNorms = true }));
        Assert.That((d.Steps, d.Epochs, d.EvaluateEvery, d.CheckpointEvery, d.Seed), Is.EqualTo(((long?)40, (int?)null, 10, 20, 9UL)));
        Assert.That(d.RegressionLoss, Is.EqualTo(new RegressionLoss(RegressionLossKind.Huber, 0.5f)).Using<RegressionLoss>((a, b) => a.Kind == b.Kind && a.Delta == b.Delta));
        Assert.That(d.Selection, Is.EqualTo(new ModelSelection("rmse", false, 3, 0.01, false)));
        Assert.That(d.Metadata["script"], Is.EqualTo("scripts/x.lua"));
        Assert.That(experiment.Name, Is.EqualTo("x"));
    }

    [Test]
    public void LeftOutFieldsTakeTheirDefaults()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine + "}\n", "scripts/plain.lua");
        ExperimentDefinition d = experiment.Definition;
        Assert.That(d.Name, Is.EqualTo("plain"));
        Assert.That(d.Optimizer, Is.EqualTo(new OptimizerSpec("adam", 1e-3f)));
        Assert.That(d.Schedule, Is.Null);
        Assert.That(d.Training, Is.EqualTo(new TrainerOptions { BatchSize = 32 }));
        Assert.That((d.Steps, d.Epochs, d.Seed), Is.EqualTo(((long?)null, (int?)null, 1UL)));
        Assert.That(d.Selection, Is.EqualTo(new ModelSelection("loss", false, null, 0, true)));
        Assert.That(experiment.CreateRun().TotalSteps, Is.EqualTo(10 * 2), "10 epochs of 64 samples in batches of 32");
    }

    [Test]
    public void AGlobalExperimentTableWorksToo()
    {
        ScriptedExperiment experiment = Load("experiment = {\n" + Sine + "  steps = 3,\n}\n");
        Assert.That(experiment.Definition.Steps, Is.EqualTo(3));
    }

    [Test]
    public void CallbacksAreCalledWhenDefinedAndAsOftenAsTheyShouldBe()
    {
        ScriptedExperiment experiment = Load("local steps, epochs, evals = 0, 0, 0\nreturn {\n" + Sine +
            "  epochs = 3, evaluate_every = 3,\n" +
            "  on_step = function(ctx) steps = steps + 1 end,\n" +
            "  on_epoch = function(ctx) epochs = epochs + 1 end,\n" +
            "  on_eval = function(ctx) evals = evals + 1 end,\n" +
            "  on_finish = function(ctx) print(steps, epochs, evals, ctx.step, ctx.epoch) end,\n}\n");
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(summary.Steps, Is.EqualTo(6));
        Assert.That(PrintedLines, Is.EqualTo(new[] { "6\t3\t2\t6\t3" }), "6 steps, 3 epochs, an evaluation every 3 steps");
    }

    [Test]
    public void AScriptWithoutCallbacksRunsSilently()
    {
        RunSummary summary = Load("return {\n" + Sine + "  steps = 4,\n}\n").CreateRun().Run();
        Assert.That(summary.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(Printed, Is.Empty);
    }

    [Test]
    public void TheContextHasTheDocumentedFields()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine +
            "  steps = 4, evaluate_every = 2,\n" +
            "  on_step = function(ctx) if ctx.step == 1 then " + Keys("ctx") + " end end,\n" +
            "  on_eval = function(ctx) if ctx.step == 2 then " + Keys("ctx") + " end end,\n" +
            "  on_finish = function(ctx)\n" +
            "    " + Keys("ctx") + "\n" +
            "    print(math.type(ctx.step), math.type(ctx.epoch), type(ctx.loss), type(ctx.clipped), ctx.total_steps, ctx.status, ctx.message)\n" +
            "  end,\n}\n");
        experiment.CreateRun().Run();
        Assert.That(PrintedLines[0], Is.EqualTo("clipped epoch grad_norm highlight loss lr model name pause press resume say set_lr show_variant step steps_per_second stop total_steps walk walk_next walk_stop"));
        Assert.That(PrintedLines[1], Is.EqualTo("clipped epoch grad_norm highlight loss lr model name pause press resume say set_lr show_variant step steps_per_second stop total_steps val_loss val_mae val_rmse walk walk_next walk_stop"));
        Assert.That(PrintedLines[2], Is.EqualTo(
            "baseline_persistence_mae baseline_persistence_rmse baseline_zero_mae baseline_zero_rmse clipped epoch grad_norm highlight loss lr message model name " +
            "pause press resume say set_lr show_variant status step steps_per_second stop test_loss test_mae test_rmse total_steps val_loss val_mae val_rmse walk walk_next walk_stop"));
        Assert.That(PrintedLines[3], Is.EqualTo("integer\tinteger\tnumber\tboolean\t4\tcompleted\ttrained 4 steps"));
    }

    [Test]
    public void ClassificationScoresAndBaselinesReachOnFinish()
    {
        ScriptedExperiment experiment = Load(
            "return {\n" +
            "  data = rnn.data.weather{ days = 150, seq = 4, values = {} },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} },\n" +
            "  steps = 4, select = { metric = 'accuracy' },\n" +
            "  on_finish = function(ctx)\n" +
            "    print(ctx.test_accuracy >= 0 and ctx.test_accuracy <= 1, ctx.baseline_persistence_accuracy, ctx.baseline_majority_accuracy ~= nil, ctx.test_recall_rain ~= nil)\n" +
            "  end,\n}\n");
        RunSummary summary = experiment.CreateRun().Run();
        string persistence = summary.Baselines.Single(b => b.Name == "persistence").Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(PrintedLines.Single(), Does.StartWith("true\t").And.EndWith("\ttrue\ttrue"));
        Assert.That(double.Parse(PrintedLines.Single().Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(double.Parse(persistence, System.Globalization.CultureInfo.InvariantCulture)).Within(1e-12));
        Assert.That(experiment.Definition.Selection.Maximize, Is.True, "accuracy is better when higher");
    }

    [Test]
    public void ADivergedRunIsReportedToOnFinish()
    {
        ScriptedExperiment experiment = Load("return {\n" +
            "  data = rnn.data.adding{ seq = 20, train = 64 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 32, nonlinearity = 'relu' }, rnn.nn.linear{} },\n" +
            "  optimizer = rnn.optim.sgd{ lr = 1e4 }, steps = 50,\n" +
            "  on_finish = function(ctx) print(ctx.status, ctx.message, ctx.test_loss) end,\n}\n");
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(summary.Status, Is.EqualTo(RunStatus.Diverged));
        Assert.That(PrintedLines.Single(), Does.Match(@"^diverged\t(loss|gradient norm) became (NaN|\+infinity) at step \d+; try a lower learning rate or gradient clipping\tnil$"));
    }

    [Test]
    public void ACallbackErrorStopsTheRunAndIsKeptWithItsLine()
    {
        ScriptedExperiment experiment = Load("return {\n" + Sine +
            "  steps = 10,\n" +
            "  on_step = function(ctx)\n" +
            "    if ctx.step == 2 then local t = nil; return t.x end\n" +
            "  end,\n}\n");
        RunSummary summary = experiment.CreateRun().Run();
        Assert.That(experiment.CallbackError?.Kind, Is.EqualTo(ScriptErrorKind.Runtime));
        Assert.That(experiment.CallbackError!.Message, Is.EqualTo("scripts/x.lua:6: attempt to index a nil value (local 't')"));
        Assert.That(experiment.CallbackError.Line, Is.EqualTo(6));
        Assert.That((summary.Status, summary.Steps), Is.EqualTo((RunStatus.Stopped, 2L)));
    }

    [Test]
    public void ACallbackThatIsNotAFunctionIsRefusedOnLoad()
    {
        var error = LoadFails("return {\n" + Sine + "  on_epoch = 'print',\n}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua: experiment: 'on_epoch' must be a function"));
    }

    [Test]
    public void AMistypedFieldIsRefusedWithASuggestion()
    {
        var error = LoadFails("return {\n" + Sine + "  epoch = 3,\n}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua: experiment: unknown field 'epoch' (did you mean 'epochs'? known fields: "));
    }

    [Test]
    public void DataAndModelAreRequired()
    {
        Assert.That(LoadFails("return { model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} } }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua: experiment: 'data' is missing (expected a Dataset handle)"));
        Assert.That(LoadFails("return { data = rnn.data.sine{}, model = rnn.nn.gru{ hidden = 4 } }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua: experiment: 'model' must be a Model handle (got a Layer handle)"));
        Assert.That(LoadFails("local data = rnn.data.sine{}", ScriptErrorKind.Runtime).Hint,
            Is.EqualTo("end the script with 'return experiment' or set experiment = { ... }"));
    }

    [Test]
    public void TheSelectionMetricMustExistForTheData()
    {
        var error = LoadFails("return {\n" + Sine + "  select = { metric = 'accuracy' },\n}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua: experiment: 'select.metric' is \"accuracy\"; this data has: loss, mae, rmse"));
    }

    [Test]
    public void ClassWeightsMustMatchTheClasses()
    {
        var error = LoadFails("return {\n" +
            "  data = rnn.data.copy{ symbols = 3, train = 20 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },\n" +
            "  loss = { class_weights = { 1, 2 } },\n}\n", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua: experiment: 'loss.class_weights' has 2 weights but the data has 3 classes (s0, s1, s2)"));
    }

    [Test]
    public void CompareMakesOneVariantPerEntry()
    {
        ScriptedExperiment experiment = Load(
            "local function model(cell) return rnn.nn.sequential{ cell{ hidden = 5 }, rnn.nn.linear{} } end\n" +
            "return {\n" +
            "  data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16 },\n" +
            "  model = model(rnn.nn.lstm), optimizer = rnn.optim.adam{ lr = 0.01 }, steps = 6, clip = 1.0,\n" +
            "  compare = {\n" +
            "    { name = 'rnn', model = model(rnn.nn.rnn), clip = 0 },\n" +
            "    { name = 'gru', model = model(rnn.nn.gru), optimizer = rnn.optim.sgd{ lr = 0.1 }, steps = 3, seed = 4 },\n" +
            "    { name = 'same' },\n" +
            "  },\n}\n");
        Assert.That(experiment.Variants.Select(v => v.Name), Is.EqualTo(new[] { "rnn", "gru", "same" }));
        ScriptedExperiment.Variant rnn = experiment.Variants[0], gru = experiment.Variants[1], same = experiment.Variants[2];
        Assert.That(rnn.Definition.Name, Is.EqualTo("x-rnn"));
        Assert.That(((RecurrentSpec)rnn.Definition.Model.Layers[0]).Cell, Is.EqualTo(CellKind.RnnTanh));
        Assert.That(rnn.Definition.Training.ClipNorm, Is.Null, "clip = 0 turns clipping off");
        Assert.That((gru.Definition.Optimizer.Kind, gru.Definition.Steps, gru.Definition.Seed, gru.Definition.Training.ClipNorm), Is.EqualTo(("sgd", (long?)3, 4UL, (double?)1.0)));
        Assert.That(same.Definition.Model, Is.EqualTo(experiment.Definition.Model));
        Assert.That(same.Definition.Optimizer, Is.EqualTo(experiment.Definition.Optimizer));

        ExperimentRun run = experiment.CreateRun(variant: gru);
        Assert.That(run.Model.RecurrentLayers.Single().Kind, Is.EqualTo("gru"));
        Assert.That(run.Run().Steps, Is.EqualTo(3));
    }

    [Test]
    public void VariantsNeedDistinctNamesAndValidFields()
    {
        Assert.That(LoadFails("return {\n" + Sine + "  compare = { { name = 'a' }, { name = 'a' } },\n}\n", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua: experiment: two variants are named 'a'"));
        Assert.That(LoadFails("return {\n" + Sine + "  compare = { { name = 'a', lr = 0.1 } },\n}\n", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua: experiment: unknown field 'compare[1].lr'"));
        Assert.That(LoadFails("return {\n" + Sine + "  compare = { { model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} } } },\n}\n", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua: experiment: 'compare[1].name' is missing"));
    }

    [TestCase("../../../pwned-cmp", "must start with a letter or a digit")]
    [TestCase("x/../../../pwned", "may hold only letters")]
    [TestCase("/tmp/victim", "must start with a letter or a digit")]
    [TestCase("a/", "may hold only letters")]
    [TestCase("./a", "must start with a letter or a digit")]
    [TestCase("..", "must start with a letter or a digit")]
    [TestCase("", "is empty")]
    public void AVariantNameThatIsNotASafeFolderNameIsRefused(string name, string reason)
    {
        string message = LoadFails("return {\n" + Sine + $"  compare = {{ {{ name = 'ok' }}, {{ name = '{name}' }} }},\n}}\n", ScriptErrorKind.Argument).Message;
        Assert.That(message, Does.StartWith($"scripts/x.lua: experiment: 'compare' variant '{name}': the name {reason}"));
        Assert.That(message, Does.Not.Contain("\n"));
    }

    [Test]
    public void VariantNamesThatWouldShareAFolderAreRefused()
    {
        Assert.That(LoadFails("return {\n" + Sine + "  compare = { { name = 'Run' }, { name = 'run' } },\n}\n", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua: experiment: 'compare' variants 'Run' and 'run' would share one output folder; name them apart"));
        Assert.That(Load("return {\n" + Sine + "  compare = { { name = 'lstm-2.v1' }, { name = 'gru_3' } },\n}\n").Variants.Select(v => v.Name),
            Is.EqualTo(new[] { "lstm-2.v1", "gru_3" }));
    }

    [Test]
    public void EachVariantsOnFinishSeesItsOwnModel()
    {
        ScriptedExperiment experiment = Load(
            "local function model(h) return rnn.nn.sequential{ rnn.nn.gru{ hidden = h }, rnn.nn.linear{} } end\n" +
            "return {\n" + Sine.Replace("model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} }", "model = model(3)") +
            "  steps = 2,\n" +
            "  compare = { { name = 'small', model = model(2) }, { name = 'big', model = model(7) } },\n" +
            "  on_finish = function(ctx) print(ctx.model:parameters()) end,\n}\n");
        foreach (ScriptedExperiment.Variant v in experiment.Variants) experiment.CreateRun(variant: v).Run();
        Assert.That(PrintedLines, Is.EqualTo(new[] { $"{3 * (2 + 4 + 4) + 2 + 1}", $"{3 * (7 + 49 + 14) + 7 + 1}" }));
    }
}
