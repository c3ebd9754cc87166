using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class FileAccessPolicyTests
{
    private ScriptFolder _folder = null!;
    private FileAccessPolicy _policy = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new ScriptFolder();
        _policy = new FileAccessPolicy(["scripts", "scripts/data"], "out/run", "scripts", _folder.Root);
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private string Under(params string[] parts) => Path.Combine([_folder.Root, .. parts]);

    [Test]
    public void RelativeReadsStartAtTheScriptFolder()
    {
        Assert.That(_policy.ResolveRead("data/temps.csv"), Is.EqualTo(Under("scripts", "data", "temps.csv")));
        Assert.That(_policy.ResolveRead("./data/../weather.lua"), Is.EqualTo(Under("scripts", "weather.lua")));
    }

    [Test]
    public void ReadsOutsideTheRootsAreRefused()
    {
        var error = Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveRead("../secret.txt"))!;
        Assert.That(error.Message, Is.EqualTo("reading '../secret.txt' is not allowed: scripts may read files only under scripts/, scripts/data/"));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveRead("/etc/passwd"));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveRead(Under("scripts-other", "x")));
    }

    [Test]
    public void ALinkIsJudgedByWhereItLeads()
    {
        Directory.CreateDirectory(Under("elsewhere"));
        Directory.CreateSymbolicLink(Under("scripts", "data", "outside"), Under("elsewhere"));
        File.CreateSymbolicLink(Under("scripts", "data", "inside.csv"), Under("scripts", "data", "temps.csv"));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveRead("data/outside/x.csv"));
        Assert.That(_policy.ResolveRead("data/inside.csv"), Is.EqualTo(Under("scripts", "data", "temps.csv")));
    }

    [Test]
    public void ALinkedRootIsResolvedToo()
    {
        Directory.CreateSymbolicLink(Under("linked-scripts"), Under("scripts"));
        var policy = new FileAccessPolicy(["linked-scripts"], null, "linked-scripts", _folder.Root);
        Assert.That(policy.ResolveRead("data/temps.csv"), Is.EqualTo(Under("scripts", "data", "temps.csv")));
    }

    [Test]
    public void WritesStayInTheOutputFolder()
    {
        Assert.That(_policy.ResolveWrite("model/weights.bin"), Is.EqualTo(Under("out", "run", "model", "weights.bin")));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveWrite("../other/x"));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveWrite("."));
        Assert.Throws<UnauthorizedAccessException>(() => _policy.ResolveWrite(Under("scripts", "x.lua")));
    }

    [Test]
    public void WithoutAnOutputFolderNothingIsWritable()
    {
        var policy = new FileAccessPolicy(["scripts"], null, "scripts", _folder.Root);
        var error = Assert.Throws<UnauthorizedAccessException>(() => policy.ResolveWrite("x.txt"))!;
        Assert.That(error.Message, Is.EqualTo("writing 'x.txt' is not allowed: this run has no output folder"));
    }

    [Test]
    public void BadPathTextIsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => _policy.ResolveRead(""));
        Assert.Throws<ArgumentException>(() => _policy.ResolveRead("a\0b"));
        Assert.That(_policy.TryResolveRead("../secret.txt", out _, out string? refusal), Is.False);
        Assert.That(refusal, Does.StartWith("reading '../secret.txt' is not allowed"));
    }
}
