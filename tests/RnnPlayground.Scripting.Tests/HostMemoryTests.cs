using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;
namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// Models and datasets are sized before they are made: one too large for the host's memory limit
/// is refused at once at the script's line with what it needs, never an out-of-memory crash.
/// </summary>
public class HostMemoryTests : RnnApiFixture
{
    [Test]
    public void AModelTooLargeForTheHostIsRefusedAtOnceWithItsSize()
    {
        var error = Fails("local m = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4096, layers = 64 }, rnn.nn.linear{} }\nreturn {}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.nn.sequential: this model needs 158.8 GiB " +
            "(8.52e9 parameters with their gradients, optimizer state and activations), the limit is 2 GiB"));
    }

    [TestCase("rnn.nn.lstm{ hidden = 30000 }")]
    [TestCase("rnn.nn.gru{ hidden = 1e9 }")]
    [TestCase("rnn.nn.rnn{ hidden = 2^31 - 1, bidirectional = true }")]
    [TestCase("rnn.nn.embedding{ dim = 2^31 - 1, vocab = 2^31 - 1 }")]
    [TestCase("rnn.nn.linear{ output = 2^31 - 1, input = 2^31 - 1 }")]
    public void HugeLayersAreRefusedWithTheModelsSize(string layer)
    {
        var error = Fails($"local m = rnn.nn.sequential{{ {layer}, rnn.nn.linear{{}} }}\nreturn {{}}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.Match(@"^scripts/x\.lua:1: rnn\.nn\.sequential: this model needs [\d.]+ [GTPE]iB \(.*\), the limit is 2 GiB$"));
    }

    [Test]
    public void AModelThatFitsOnlyWithoutItsBatchesIsRefusedWithTheExperiment()
    {
        var error = LoadFails("return {\n  data = rnn.data.sine{ seq = 30 },\n  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 512 }, rnn.nn.linear{} },\n  batch = 100000,\n}",
            ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.Match(@"^scripts/x\.lua: experiment: this model needs [\d.]+ GiB \(.*\), the limit is 2 GiB$"));
    }

    [TestCase("rnn.data.sine{ seq = 10000, train = 2^31 - 1 }", "2.15e9 samples of 10001 values")]
    [TestCase("rnn.data.adding{ seq = 10000, validation = 100000 }", "102400 samples of 20001 values")]
    [TestCase("rnn.data.copy{ length = 1000, delay = 10000, test = 2^30 }", "1.07e9 samples of")]
    public void ADatasetTooLargeForTheHostIsRefusedWithItsSize(string call, string detail)
    {
        var error = Fails($"local d = {call}\nreturn {{}}", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.data.").And.Contain("this dataset needs").And.Contain(detail)
            .And.EndWith("the limit is 2 GiB"));
    }

    [Test]
    public void TheLimitIsTheHostsSetting()
    {
        using LuaHost host = Folder.CreateHost(new ScriptLimits { HostMemoryLimitBytes = 1L << 20 });
        Experiment.Modules.DataModule.Register(host, Experiment.Modules.RandomModule.Register(host));
        var error = Assert.Throws<ScriptException>(() => host.LoadScriptSource("local d = rnn.data.sine{ seq = 100, train = 10000 }\nreturn {}", "scripts/x.lua"))!;
        Assert.That(error.Message, Does.EndWith("the limit is 1 MiB"));
        using ScriptTable small = host.LoadScriptSource("return { d = rnn.data.sine{ seq = 10, train = 100 } }", "scripts/x.lua");
        Assert.That(small, Is.Not.Null, "a dataset within the limit is made");
    }
}
