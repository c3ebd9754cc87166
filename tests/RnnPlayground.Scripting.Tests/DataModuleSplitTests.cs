
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class DataModuleSplitTests : HostFixture
{
    protected override void Configure(LuaHost host) => DataModule.Register(host, RandomModule.Register(host));

    /// <summary>A CSV of <paramref name="rows"/> days: a value column and a wet/dry label.</summary>
    private void WriteSeries(int rows)
    {
        var lines = new List<string> { "t,weather" };
        for (int i = 0; i < rows; i++) lines.Add($"{i % 7}.5,{(i % 3 == 0 ? "rain" : "sun")}");
        File.WriteAllLines(Path.Combine(Folder.Root, "scripts", "data", "days.csv"), lines);
    }

    private int Count(string split, string options) => (int)Convert.ToDouble(
        Host.Evaluate($"local d = rnn.data.csv{{ path = 'scripts/data/days.csv', features = {{'t'}}, target = 'weather', seq = 1{options} }}\nreturn d:info().{split}"));

    [TestCase(20)]
    [TestCase(1000)]
    public void AnExplicitSplitOfSeventyFifteenFifteenCutsLikeTheDefault(int samples)
    {
        WriteSeries(samples + 1);  // seq 1, horizon 1: one sample per row but the last
        int train = (int)Math.Floor(0.7 * samples + 1e-9), validation = (int)Math.Floor(0.15 * samples + 1e-9);
        Assert.That(train, Is.EqualTo(samples * 7 / 10), "0.7·n is whole here");
        foreach (string options in new[] { "", ", split = {0.7, 0.15, 0.15}", ", split = {0.7, 0.15}" })
        {
            Assert.That(Count("train", options), Is.EqualTo(train), options);
            Assert.That(Count("validation", options), Is.EqualTo(validation), options);
            Assert.That(Count("test", options), Is.EqualTo(samples - train - validation), options);
        }
    }
}
