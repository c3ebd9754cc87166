using RnnPlayground.App.Sharding;

namespace RnnPlayground.App.Tests.Sharding;

/// <summary>
/// <c>--shard I/N</c> and <c>auto/N</c>: the forms accepted, the one-line refusals, the scheduler
/// index variables, and the slice every shard takes of an ordered list.
/// </summary>
public class ShardSpecTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [TestCase("1/3", 1, 3)]
    [TestCase("3/3", 3, 3)]
    [TestCase("1/1", 1, 1)]
    [TestCase("7/12", 7, 12)]
    public void IOverNCountsShardsFromOne(string text, int index, int count)
    {
        Assert.That(ShardSpec.TryParse(text, NoEnvironment, out ShardSpec shard, out string error), Is.True, error);
        Assert.That((shard.Index, shard.Count), Is.EqualTo((index, count)));
        Assert.That(shard.ToString(), Is.EqualTo(text));
    }

    [TestCase("0/3", "--shard 0/3: the shard index must be from 1 to 3 (shards count from 1; use auto/3 for a scheduler's 0-based index)")]
    [TestCase("4/3", "--shard 4/3: the shard index must be from 1 to 3 (shards count from 1; use auto/3 for a scheduler's 0-based index)")]
    [TestCase("3", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got '3')")]
    [TestCase("1/0", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got '1/0')")]
    [TestCase("-1/3", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got '-1/3')")]
    [TestCase("a/b", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got 'a/b')")]
    [TestCase("1/3/4", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got '1/3/4')")]
    [TestCase(" 1/3", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got ' 1/3')")]
    [TestCase("", "--shard must be I/N with 1 <= I <= N <= 1000000, or auto/N (got '')")]
    public void AMalformedOrOutOfRangeShardIsOneLineNamingTheOption(string text, string says)
    {
        Assert.That(ShardSpec.TryParse(text, NoEnvironment, out _, out string error), Is.False);
        Assert.That(error, Is.EqualTo(says));
    }

    [Test]
    public void AutoReadsTheKubernetesCompletionIndexCountingFromZero()
    {
        Assert.That(ShardSpec.TryParse("auto/3", Env(("JOB_COMPLETION_INDEX", "0")), out ShardSpec first, out _), Is.True);
        Assert.That(ShardSpec.TryParse("auto/3", Env(("JOB_COMPLETION_INDEX", "2")), out ShardSpec last, out _), Is.True);
        Assert.That((first, last), Is.EqualTo((new ShardSpec(1, 3), new ShardSpec(3, 3))));
    }

    [Test]
    public void AutoReadsTheSlurmArrayTaskLessItsFirstIndex()
    {
        Assert.That(ShardSpec.TryParse("auto/3", Env(("SLURM_ARRAY_TASK_ID", "1")), out ShardSpec zeroBased, out _), Is.True);
        Assert.That(zeroBased, Is.EqualTo(new ShardSpec(2, 3)), "--array=0-2: task 1 is the second shard");
        Assert.That(ShardSpec.TryParse("auto/3", Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1")), out ShardSpec oneBased, out _), Is.True);
        Assert.That(oneBased, Is.EqualTo(new ShardSpec(3, 3)), "--array=1-3: task 3 is the third shard");
    }

    [Test]
    public void TheKubernetesIndexWinsOverSlurms()
    {
        Assert.That(ShardSpec.TryParse("auto/4", Env(("JOB_COMPLETION_INDEX", "3"), ("SLURM_ARRAY_TASK_ID", "0")), out ShardSpec shard, out _), Is.True);
        Assert.That(shard, Is.EqualTo(new ShardSpec(4, 4)));
    }

    [Test]
    public void AutoWithoutASchedulerIndexOrWithOneOutOfRangeIsRefused()
    {
        Assert.That(ShardSpec.TryParse("auto/3", NoEnvironment, out _, out string none), Is.False);
        Assert.That(none, Is.EqualTo("--shard auto/3: none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID is set (auto reads the scheduler's 0-based task index)"));
        Assert.That(ShardSpec.TryParse("auto/3", Env(("JOB_COMPLETION_INDEX", "3")), out _, out string high), Is.False);
        Assert.That(high, Is.EqualTo("--shard auto/3: JOB_COMPLETION_INDEX is 3, out of range for 3 shards (it counts from 0 to 2)"));
        Assert.That(ShardSpec.TryParse("auto/3", Env(("SLURM_ARRAY_TASK_ID", "x1")), out _, out string junk), Is.False);
        Assert.That(junk, Is.EqualTo("--shard auto/3: SLURM_ARRAY_TASK_ID must be a non-negative integer (got 'x1')"));
    }

    [Test]
    public void TheShardsPartitionAListRoundRobinInItsOrder()
    {
        int[] items = [.. Enumerable.Range(0, 10)];
        IReadOnlyList<int>[] slices = [.. Enumerable.Range(1, 3).Select(i => new ShardSpec(i, 3).Select(items))];
        Assert.That(slices[0], Is.EqualTo(new[] { 0, 3, 6, 9 }));
        Assert.That(slices[1], Is.EqualTo(new[] { 1, 4, 7 }));
        Assert.That(slices[2], Is.EqualTo(new[] { 2, 5, 8 }));
        for (int p = 0; p < items.Length; p++)
            Assert.That(Enumerable.Range(1, 3).Count(i => new ShardSpec(i, 3).Contains(p)), Is.EqualTo(1), $"item {p} in exactly one shard");
    }

    [Test]
    public void MoreShardsThanItemsLeavesSomeEmptyAndTheWholeTakesAll()
    {
        string[] items = ["a", "b"];
        Assert.That(new ShardSpec(3, 4).Select(items), Is.Empty);
        Assert.That(ShardSpec.Whole.Select(items), Is.EqualTo(items));
        Assert.That(ShardSpec.Whole.IsWhole, Is.True);
    }

    [Test]
    public void TheOptionRefusesABadShardWhileParsing()
    {
        var option = ShardOption.Create("the shard", environment: NoEnvironment);
        var command = new System.CommandLine.RootCommand { option };
        Assert.That(command.Parse(["--shard", "2/3"]).GetValue(option), Is.EqualTo(new ShardSpec(2, 3)));
        var bad = command.Parse(["--shard", "5/3"]);
        Assert.That(bad.Errors.Select(e => e.Message), Is.EqualTo(new[] { "--shard 5/3: the shard index must be from 1 to 3 (shards count from 1; use auto/3 for a scheduler's 0-based index)" }));
    }
}
