using RnnPlayground.App.Sweeps;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>
/// What a sweep varies: <c>--grid</c> and <c>--ranges</c> read against the script's declared
/// parameters, the grid's order, and random draws that are seeded, typed and inside their ranges.
/// </summary>
public class SweepSpaceTests
{
    private static readonly Lazy<ScriptParameters> Parameters = new(() =>
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("x.lua",
            "local p = rnn.params{ lr = 3e-3, hidden = 32, cell = 'lstm', norm = false }\n" +
            "return { data = rnn.data.sine{ seq = 4, train = 32, validation = 8, test = 8 }, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} } }\n");
        using ScriptedExperiment e = ScriptedExperiment.Load(Path.Combine(project.Root, script), new ScriptedExperimentOptions { WorkingDirectory = project.Root, Output = TextWriter.Null });
        return e.Parameters;
    });

    private static ScriptParameters Declared() => Parameters.Value;

    [Test]
    public void AGridIsEveryCombinationWithTheFirstParameterSlowest()
    {
        IReadOnlyList<SweepAxis> axes = SweepSpaceParser.Grid("lr=1e-3,1e-2  hidden=16,32,64 norm=true", Declared(), "scripts/x.lua");
        IReadOnlyList<SweepConfig> configs = SweepConfigs.Grid(axes);
        Assert.That(configs.Select(c => c.Describe()), Is.EqualTo(new[]
        {
            "lr=0.001 hidden=16 norm=true", "lr=0.001 hidden=32 norm=true", "lr=0.001 hidden=64 norm=true",
            "lr=0.01 hidden=16 norm=true", "lr=0.01 hidden=32 norm=true", "lr=0.01 hidden=64 norm=true",
        }));
        Assert.That(configs[4].Values.Select(kv => kv.Value), Is.EqualTo(new object[] { 0.01, 32L, true }), "typed like the defaults");
        Assert.That(configs.Select(c => c.Index), Is.EqualTo(Enumerable.Range(0, 6)));
    }

    [TestCase("", "--grid '': give NAME=V1,V2,… for one or more parameters, separated by spaces")]
    [TestCase("lr", "--grid 'lr': write NAME=V1,V2,… (a parameter, '=', then its values)")]
    [TestCase("=1", "--grid '=1': write NAME=V1,V2,… (a parameter, '=', then its values)")]
    [TestCase("lr=1 lr=2", "--grid: 'lr' is given twice")]
    [TestCase("lr=1,1.0", "--grid lr=1,1.0: 'lr' lists 1.0 twice")]
    [TestCase("norm=yes", "--grid norm=yes: 'norm' must be true or false (its default is false; got 'yes')")]
    [TestCase("hidden=32.5", "--grid hidden=32.5: 'hidden' must be an integer (its default is 32; got '32.5')")]
    [TestCase("hiden=3", "--grid hiden=3: scripts/x.lua: the script has no parameter 'hiden' (did you mean 'hidden'? it declares cell, hidden, lr, norm)")]
    public void ABadGridIsOneLineNamingTheOptionAndTheParameter(string grid, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpaceParser.Grid(grid, Declared(), "scripts/x.lua"))!;
        Assert.That(e.Message, Is.EqualTo(says));
    }

    [TestCase("cell=lstm..gru", "--ranges cell=lstm..gru: 'cell' is a string; a range needs a number or integer parameter (list the values instead)")]
    [TestCase("lr=1..0.5", "--ranges lr=1..0.5: the range's low end must be below its high end")]
    [TestCase("lr=log:0..1", "--ranges lr=log:0..1: a log range needs a low end above 0")]
    [TestCase("hidden=8..16.5", "--ranges hidden=8..16.5: write hidden=LOW..HIGH or hidden=log:LOW..HIGH with integer ends")]
    public void ABadRangeIsRefused(string ranges, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpaceParser.Ranges(ranges, Declared(), "scripts/x.lua"))!;
        Assert.That(e.Message, Is.EqualTo(says));
    }

    [Test]
    public void RandomDrawsAreSeededTypedAndInsideTheirRanges()
    {
        IReadOnlyList<SweepAxis> axes = SweepSpaceParser.Ranges("lr=log:1e-4..1e-1 hidden=16..128 cell=lstm,gru,rnn", Declared(), "scripts/x.lua");
        IReadOnlyList<SweepConfig> a = SweepConfigs.Random(axes, 400, 7), b = SweepConfigs.Random(axes, 400, 7), c = SweepConfigs.Random(axes, 400, 8);
        Assert.That(a.Select(x => x.Describe()), Is.EqualTo(b.Select(x => x.Describe())), "the same seed draws the same");
        Assert.That(a.Select(x => x.Describe()), Is.Not.EqualTo(c.Select(x => x.Describe())));
        double[] lr = [.. a.Select(x => (double)x.Values[0].Value)];
        long[] hidden = [.. a.Select(x => (long)x.Values[1].Value)];
        Assert.That(lr, Is.All.InRange(1e-4, 1e-1));
        Assert.That(hidden, Is.All.InRange(16L, 128L));
        Assert.That(hidden.Distinct().Count(), Is.GreaterThan(80), "integers across the whole range");
        Assert.That(a.Select(x => (string)x.Values[2].Value).Distinct().Order(), Is.EqualTo(new[] { "gru", "lstm", "rnn" }));
        // Log-uniform: each decade gets about a third of the draws (uniform would give the top decade 90 %).
        int[] perDecade = [.. new[] { 1e-4, 1e-3, 1e-2 }.Select(low => lr.Count(v => v >= low && v < low * 10))];
        Assert.That(perDecade, Is.All.InRange(100, 170), string.Join(", ", perDecade));
        Assert.That(lr.All(v => v == double.Parse(v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)), "3 significant digits");
    }
}
