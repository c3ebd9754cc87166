using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class OptimModuleTests : RnnApiFixture
{
    [Test]
    public void ANegativeLearningRateIsRefusedAtTheScriptsLine()
    {
        var error = Fails("local data = rnn.data.sine{}\nlocal optimizer = rnn.optim.adam{ lr = -1 }\nreturn {}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: rnn.optim.adam: 'lr' must be a number > 0 (got -1)"));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void EachOptimizerHasItsDefaultRate()
    {
        OptimizerSpec sgd = Make<OptimizerSpec>("rnn.optim.sgd()");
        Assert.That((sgd.Kind, sgd.LearningRate, sgd.Settings!.Count), Is.EqualTo(("sgd", 0.01f, 0)));
        Assert.That(Make<OptimizerSpec>("rnn.optim.adam{}").LearningRate, Is.EqualTo(1e-3f));
        Assert.That(Make<OptimizerSpec>("rnn.optim.adamw{}").LearningRate, Is.EqualTo(1e-3f));
        Assert.That(Make<OptimizerSpec>("rnn.optim.rmsprop{}").LearningRate, Is.EqualTo(0.01f));
    }

    [Test]
    public void SettingsReachTheOptimizer()
    {
        OptimizerSpec sgd = Make<OptimizerSpec>("rnn.optim.sgd{ lr = 0.5, momentum = 0.9, nesterov = true, weight_decay = 1e-4 }");
        Assert.That(sgd.Kind, Is.EqualTo("sgd"));
        Assert.That(sgd.LearningRate, Is.EqualTo(0.5f));
        Assert.That(sgd.Settings, Is.EquivalentTo(new Dictionary<string, double> { ["momentum"] = 0.9, ["nesterov"] = 1, ["weight_decay"] = 1e-4 }));
        OptimizerSpec rms = Make<OptimizerSpec>("rnn.optim.rmsprop{ alpha = 0.9, centered = false }");
        Assert.That(rms.Settings, Is.EquivalentTo(new Dictionary<string, double> { ["alpha"] = 0.9, ["centered"] = 0 }));
        Assert.That(Make<OptimizerSpec>("rnn.optim.adam{ beta1 = 0.8, beta2 = 0.99, eps = 1e-6 }").Create(ProbeParameters()), Is.TypeOf<Adam>());
    }

    [Test]
    public void ASettingOfAnotherOptimizerIsRefusedNamingTheKnownOnes()
    {
        var error = Fails("local o = rnn.optim.adam{ lr = 0.01, momentum = 0.9 }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.optim.adam: unknown field 'momentum' (known fields: lr, beta1, beta2, eps, weight_decay)"));
    }

    [Test]
    public void SettingsOutsideTheirRangeAreRefused()
    {
        Assert.That(Fails("local o = rnn.optim.adam{ beta1 = 1 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.optim.adam: 'beta1' must be a number between 0 and 0.999999 (got 1)"));
        Assert.That(Fails("local o = rnn.optim.sgd{ momentum = -0.5 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.optim.sgd: 'momentum' must be a number between 0 and 0.999999 (got -0.5)"));
        Assert.That(Fails("local o = rnn.optim.sgd{ nesterov = 1 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.optim.sgd: 'nesterov' must be true or false (got 1)"));
    }

    [Test]
    public void TheExperimentTrainsWithTheOptimizerAndRateGiven()
    {
        ScriptedExperiment experiment = Load(
            "return { data = rnn.data.sine{ seq = 4, train = 32 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },\n" +
            "  optimizer = rnn.optim.rmsprop{ lr = 0.004, momentum = 0.5 }, steps = 2 }\n");
        Assert.That(experiment.Definition.Optimizer.Kind, Is.EqualTo("rmsprop"));
        ExperimentRun run = experiment.CreateRun();
        Assert.That(run.Trainer.Optimizer, Is.TypeOf<RmsProp>());
        run.Run();
        Assert.That(run.LastStep.LearningRate, Is.EqualTo(0.004f));
    }

    [Test]
    public void WithoutAnOptimizerTheExperimentUsesAdam()
    {
        ScriptedExperiment experiment = Load(
            "return { data = rnn.data.sine{ seq = 4, train = 32 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} }, steps = 1 }\n");
        Assert.That(experiment.Definition.Optimizer, Is.EqualTo(new OptimizerSpec("adam", 1e-3f)));
    }

    [Test]
    public void AnOptimizerDescribesItself()
    {
        Assert.That(Host.Evaluate("return tostring(rnn.optim.sgd{ lr = 0.5, momentum = 0.9 })"), Is.EqualTo("Optimizer(sgd, lr 0.5, momentum 0.9)"));
    }

    private static Core.Parameters.ParameterStore ProbeParameters()
    {
        var store = new Core.Parameters.ParameterStore();
        store.Declare("w", 3);
        store.Seal();
        return store;
    }
}
