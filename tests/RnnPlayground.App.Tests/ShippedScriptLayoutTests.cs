namespace RnnPlayground.App.Tests;

/// <summary>
/// Every shipped script, drawn offscreen after 200 steps (a trained run's longer numbers, its
/// validation scores and confusion matrix) at the two sizes a presenter uses, fits:
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
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/" + script, "--screenshot", picture, "--steps", "200", "--size", size, "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(File.Exists(picture), r.ToString());
        Assert.That(r.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("layout:", StringComparison.Ordinal)), Is.Empty, r.ToString());
    }

    /// <summary>
    /// With the presenter's Ctrl+= on top (1.5× more, 2.25× in all at 1920×1080), every shipped script
    /// may leave whole items out (a HUD field, stats lines, a row's units line) but cut no label and overlap none.
    /// </summary>
    [TestCaseSource(typeof(ShippedScriptTests), nameof(ShippedScriptTests.Experiments))]
    public void AtThePresentersLargerScaleNothingIsCutOnlyLeftOut(string script)
    {
        using var project = new ProjectFolder();
        string output = project.Output("shot");
        string picture = Path.Combine(output, "shot.png");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/" + script, "--screenshot", picture, "--steps", "200", "--size", "1920x1080", "--scale", "1.5", "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var problems = r.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("layout:", StringComparison.Ordinal)).ToList();
        Assert.That(problems.Where(p => !p.Contains(" left out ", StringComparison.Ordinal) && !p.Contains(", room for ", StringComparison.Ordinal)), Is.Empty, r.ToString());
    }
}
