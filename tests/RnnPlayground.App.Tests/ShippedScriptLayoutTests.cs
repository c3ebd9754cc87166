namespace RnnPlayground.App.Tests;

/// <summary>
/// Every shipped script, drawn offscreen after a few steps at the two sizes a presenter uses, fits:
/// <c>--screenshot</c> prints a "layout:" line for every text the layout had to cut, every label
/// that overlaps another and every one that spills out of its panel, and there is none.
/// </summary>
public class ShippedScriptLayoutTests
{
    public static IEnumerable<TestCaseData> ScriptsAndSizes() =>
        from script in ShippedScriptTests.Experiments()
        from size in new[] { "1280x800", "1920x1080" }
        select new TestCaseData(script, size);

    [TestCaseSource(nameof(ScriptsAndSizes))]
    public void NothingIsCutOrOverlaps(string script, string size)
    {
        using var project = new ProjectFolder();
        string output = project.Output("shot");
        string picture = Path.Combine(output, "shot.png");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/" + script, "--screenshot", picture, "--steps", "12", "--size", size, "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(File.Exists(picture), r.ToString());
        Assert.That(r.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("layout:", StringComparison.Ordinal)), Is.Empty, r.ToString());
    }
}
