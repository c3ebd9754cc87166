namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>scripts/lesson.lua</c> recorded offscreen as the README says, every stop in turn by <c>--keys</c>:
/// it runs without a script error, the vanishing-gradients stop switches the window to the plain
/// RNN and (↓) the LSTM on the copy task and the gates' stop to the LSTM on the weather, each
/// started once, and every frame is written. Skipped where nothing renders offscreen.
/// </summary>
public class LessonRecordingTests
{
    /// <summary>The keys of the README's command: right through the stops, down for the second model of stop 6 and the step-through of stop 8.</summary>
    public const string Keys = "right,right,right,right,right,down,right,right,down";

    [Test]
    public void EveryStopRendersAndTheVariantStopsSwitchTheModel()
    {
        if (!Rendering.Context.GraphicsAvailability.CanRenderOffscreen().Available) Assert.Ignore("no offscreen rendering here");
        using var project = new ProjectFolder();
        string output = project.Output("lesson"), frames = Path.Combine(output, "frames");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/lesson.lua", "--record", frames, "--frames", "110", "--keys", Keys, "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Not.Contain("script error").And.Not.Contain("step-through:"), r.ToString());
        string[] started = [.. r.Stdout.Split('\n').Where(l => l.StartsWith("== ", StringComparison.Ordinal)).Select(l => l.Split(':')[0])];
        Assert.That(started, Is.EqualTo(new[] { "== weather (1 of 4)", "== rnn_copy (2 of 4)", "== lstm_copy (3 of 4)", "== lstm_weather (4 of 4)" }), r.ToString());
        Assert.That(r.Stdout, Does.Contain("frame 100: key down"), "the last key pressed");
        Assert.That(Directory.GetFiles(frames, "*.png"), Has.Length.EqualTo(110));
        foreach (string variant in new[] { "weather", "rnn_copy", "lstm_copy", "lstm_weather" })
            Assert.That(Directory.Exists(Path.Combine(output, variant)), Is.True, $"{variant} ended in its folder: {r}");
    }
}
