using RnnPlayground.Core.Experiments;

namespace RnnPlayground.Core.Tests.Experiments;

public class OutputFolderTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "runs", "a");

    [TestCase("rnn")]
    [TestCase("lstm-2.v1")]
    [TestCase("GRU_3")]
    public void ASafeNameIsAFolderDirectlyInsideTheOutput(string name)
    {
        Assert.That(OutputFolder.NameProblem(name), Is.Null);
        Assert.That(OutputFolder.Child(Root, name), Is.EqualTo(Path.Combine(Root, name)));
        Assert.That(OutputFolder.Child(Root + Path.DirectorySeparatorChar, name), Is.EqualTo(Path.Combine(Root, name)));
    }

    [TestCase("../../../pwned-cmp")]
    [TestCase("/tmp/victim")]
    [TestCase("a/")]
    [TestCase("./a")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase(".")]
    [TestCase("")]
    [TestCase("a b")]
    [TestCase("é")]
    public void ANameThatCouldLeaveTheFolderOrShareOneIsRefused(string name)
    {
        Assert.That(OutputFolder.NameProblem(name), Is.Not.Null);
        var e = Assert.Throws<ArgumentException>(() => OutputFolder.Child(Root, name))!;
        Assert.That(e.Message, Does.StartWith($"variant '{name}': the name "));
        Assert.That(e.ParamName, Is.Null, "the message names the variant, not a parameter");
    }

    [Test]
    public void NamesDifferingOnlyInCaseShareAFolder()
    {
        Assert.That(OutputFolder.SameFolder("Run", "run"), Is.True);
        Assert.That(OutputFolder.SameFolder("run1", "run2"), Is.False);
        Assert.That(OutputFolder.NameProblem(new string('a', OutputFolder.MaxNameLength)), Is.Null);
        Assert.That(OutputFolder.NameProblem(new string('a', OutputFolder.MaxNameLength + 1)), Is.Not.Null);
    }
}
