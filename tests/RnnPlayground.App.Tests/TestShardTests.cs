namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>rnnplay test --shard I/N</c> runs a deterministic slice of a suite in its own process, and
/// <c>--merge</c> puts the slices back together into what one run of the whole suite gives; shards
/// that do not belong together are refused before anything is written.
/// </summary>
public class TestShardTests
{
    private static TestSuiteFolder Suite()
    {
        var suite = new TestSuiteFolder();
        suite.WriteTest("a_test.lua", """
            test('seed 1', function() expect(rnn.run('../tiny.lua', { seed = 1, steps = 4 }).steps):equals(4) end)
            test('seed 2', function() expect(rnn.run('../tiny.lua', { seed = 2, steps = 4 }).steps):equals(4) end)
            """);
        suite.WriteTest("b_test.lua", """
            test('seed 3', function() expect(rnn.run('../tiny.lua', { seed = 3, steps = 4 }).final_loss):below(-1) end)
            """);
        return suite;
    }

    [Test]
    public void ThreeShardsMergedGiveTheResultsOfOneRun()
    {
        using TestSuiteFolder suite = Suite();
        string whole = suite.Project.Output("whole");
        RnnplayResult all = suite.Run("test", "scripts/tests", "--out", whole);
        Assert.That(all.ExitCode, Is.EqualTo(1), all.ToString());
        string[] shards = [.. Enumerable.Range(1, 3).Select(i => suite.Project.Output($"shard{i}"))];
        for (int i = 0; i < 3; i++)
        {
            RnnplayResult s = suite.Run("test", "scripts/tests", "--shard", $"{i + 1}/3", "--out", shards[i]);
            Assert.That(s.Stdout, Does.Contain($"1 cases in 1 files (shard {i + 1}/3 of 3)"), s.ToString());
        }
        string merged = suite.Project.Output("merged");
        string xml = Path.Combine(merged, "junit.xml");
        RnnplayResult m = suite.Run(["test", "--merge", .. shards, "--out", merged, "--junit", xml]);
        Assert.That(m.ExitCode, Is.EqualTo(1), m.ToString());
        Assert.That(m.Stdout, Does.Contain("2 passed, 1 failed"), m.ToString());
        Assert.That(m.Stdout, Does.Contain("b_test.lua:1: expected"), m.ToString());
        Assert.That(TestSuiteFolder.ResultsWithoutTimes(merged), Is.EqualTo(TestSuiteFolder.ResultsWithoutTimes(whole)));
        Assert.That(File.ReadAllText(xml), Does.Contain("name=\"seed 3\""));
    }

    [Test]
    public void AMissingShardOrAShardOfAnotherSuiteIsRefused()
    {
        using TestSuiteFolder suite = Suite();
        string one = suite.Project.Output("one"), two = suite.Project.Output("two"), other = suite.Project.Output("other");
        suite.Run("test", "scripts/tests", "--shard", "1/2", "--out", one);
        suite.Run("test", "scripts/tests", "--shard", "2/2", "--out", two);
        suite.Run("test", "scripts/tests/a_test.lua", "--shard", "2/2", "--out", other);
        string merged = suite.Project.Output("merged");

        RnnplayResult missing = suite.Run("test", "--merge", one, "--out", merged);
        Assert.That((missing.ExitCode, missing.Stderr), Is.EqualTo((1, "error: --merge: shard 2 of 2 missing\n")), missing.ToString());
        RnnplayResult twice = suite.Run("test", "--merge", one, one, "--out", merged);
        Assert.That(twice.Stderr, Does.StartWith("error: --merge: shard 1/2 is given twice"), twice.ToString());
        RnnplayResult mixed = suite.Run("test", "--merge", one, other, "--out", merged);
        Assert.That(mixed.ExitCode, Is.EqualTo(1), mixed.ToString());
        Assert.That(mixed.Stderr, Does.Match("^error: --merge: .*other holds shard 2/2 of another suite than .*one"), mixed.ToString());
        Assert.That(Directory.Exists(merged), Is.False, "a refused merge writes nothing");

        RnnplayResult ok = suite.Run("test", "--merge", two, one, "--out", merged);
        Assert.That(ok.Stdout, Does.Contain("2 passed, 1 failed"), ok.ToString());
    }
}
