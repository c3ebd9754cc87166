namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>
/// Bad input to <c>rnnplay sweep</c>: each a one-line error naming the option and what is wrong, a
/// non-zero exit, and no file written or changed — checked against a finished sweep's folder.
/// </summary>
public class SweepErrorTests
{
    private static readonly Lazy<(ProjectFolder Project, string Script, string Done)> Finished = new(() =>
    {
        var project = new ProjectFolder();
        string script = project.WriteScript("knobs.lua", SweepFixture.Script);
        string done = project.Output("done");
        RnnplayResult r = project.Run("sweep", script, "--grid", "lr=1e-2,3e-2", "--shard", "1/2", "--out", done);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        return (project, script, done);
    });

    [OneTimeTearDown]
    public void RemoveTheProject()
    {
        if (Finished.IsValueCreated) Finished.Value.Project.Dispose();
    }

    private static IEnumerable<TestCaseData> BadInput()
    {
        TestCaseData Case(string name, int exit, string says, params string[] args) => new TestCaseData(args, exit, says).SetName(name);
        yield return Case("unknown --set name", 1, "error: scripts/knobs.lua: --set hiden=3: the script has no parameter 'hiden' (did you mean 'hidden'? it declares cell, hidden, lr, steps)",
            "SCRIPT", "--grid", "lr=1e-2,3e-2", "--set", "hiden=3", "--out", "NEW");
        yield return Case("grid without values", 1, "error: --grid 'lr': write NAME=V1,V2,… (a parameter, '=', then its values)",
            "SCRIPT", "--grid", "lr", "--out", "NEW");
        yield return Case("grid value of the wrong type", 1, "error: --grid hidden=4,wide: 'hidden' must be an integer (its default is 6; got 'wide')",
            "SCRIPT", "--grid", "hidden=4,wide", "--out", "NEW");
        yield return Case("grid of an unknown parameter", 1, "error: --grid lrate=1: scripts/knobs.lua: the script has no parameter 'lrate' (it declares cell, hidden, lr, steps)",
            "SCRIPT", "--grid", "lrate=1", "--out", "NEW");
        yield return Case("range in a grid", 1, "error: --grid hidden=4..8: a grid lists values (a range LOW..HIGH is for --random N --ranges)",
            "SCRIPT", "--grid", "hidden=4..8", "--out", "NEW");
        yield return Case("shard index out of range", 2, "error: --shard 3/2: the shard index must be from 1 to 2 (shards count from 1; use auto/2 for a scheduler's 0-based index)",
            "SCRIPT", "--grid", "lr=1e-2,3e-2", "--shard", "3/2", "--out", "NEW");
        yield return Case("shard zero", 2, "error: --shard 0/2: the shard index must be from 1 to 2 (shards count from 1; use auto/2 for a scheduler's 0-based index)",
            "SCRIPT", "--grid", "lr=1e-2,3e-2", "--shard", "0/2", "--out", "DONE");
        yield return Case("another sweep into a sweep's folder", 1, "error: --out DONE holds another sweep (scripts/knobs.lua: grid lr=1e-2,3e-2, 2 runs); give a new folder (nothing was changed)",
            "SCRIPT", "--grid", "lr=1e-2,3e-3", "--shard", "1/2", "--out", "DONE");
        yield return Case("another shard into a shard's folder", 1, "error: --out DONE holds shard 1/2 of this sweep, not 2/2; give each shard its own folder (nothing was changed)",
            "SCRIPT", "--grid", "lr=1e-2,3e-2", "--shard", "2/2", "--out", "DONE");
        yield return Case("merge of different sweeps", 1, "error: --merge: OTHER and DONE are shards of different sweeps (scripts/knobs.lua: grid hidden=4,8 / scripts/knobs.lua: grid lr=1e-2,3e-2)",
            "--merge", "DONE", "OTHER", "--out", "NEW");
        yield return Case("merge with a shard missing", 1, "error: --merge: shard 2/2 of the sweep is missing: give every shard's folder",
            "--merge", "DONE", "--out", "NEW");
        yield return Case("merge into a sweep's folder", 1, "error: --out DONE holds shard 1/2 of this sweep, not 1/1; give each shard its own folder (nothing was changed)",
            "--merge", "DONE", "DONE2", "--out", "DONE");
    }

    [TestCaseSource(nameof(BadInput))]
    public void BadInputIsOneLineAndChangesNothing(string[] arguments, int exitCode, string says)
    {
        (ProjectFolder project, string script, string done) = Finished.Value;
        string other = project.Output("other"), second = project.Output("done2");
        if (!Directory.Exists(other))
            Assert.That(project.Run("sweep", script, "--grid", "hidden=4,8", "--shard", "2/2", "--out", other).ExitCode, Is.EqualTo(0));
        if (!Directory.Exists(second))
            Assert.That(project.Run("sweep", script, "--grid", "lr=1e-2,3e-2", "--shard", "2/2", "--out", second).ExitCode, Is.EqualTo(0));
        string fresh = project.Output("new-" + Guid.NewGuid().ToString("N")[..6]);
        string Place(string a) => a switch { "SCRIPT" => script, "NEW" => fresh, "DONE" => done, "OTHER" => other, "DONE2" => second, _ => a };
        Dictionary<string, string> before = SweepFixture.Contents(done);

        RnnplayResult r = project.Run(["sweep", .. arguments.Select(Place)]);
        Assert.That(r.ExitCode, Is.EqualTo(exitCode), r.ToString());
        Assert.That(r.Stderr, Is.EqualTo(says.Replace("OTHER", other, StringComparison.Ordinal).Replace("DONE", done, StringComparison.Ordinal) + "\n"), r.ToString());
        Assert.That(Directory.Exists(fresh), Is.False, "no folder made");
        Assert.That(SweepFixture.Contents(done), Is.EqualTo(before), "the finished sweep's files are unchanged");
    }
}
