using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RnnPlayground.App.Tests;

/// <summary>Closing a window before the run's last step: the run is labelled stopped, at its step, not completed.</summary>
public partial class LiveWindowTests
{
    [Test]
    public void ClosingTheWindowBeforeTheLastStepLabelsTheRunStopped() => CloseBeforeTheLastStep("""
        return {
          data = rnn.data.sine{ seq = 5, train = 64, validation = 8, test = 8 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
          steps = 1000000,
        }
        """, variant: null, (_, _, _) => { });

    /// <summary>
    /// Runs a script of a million steps in the window and closes it with Esc while it trains; checks
    /// that summary.json (of <paramref name="variant"/>'s folder) and the printed summary say it stopped
    /// at the step it reached, then hands that folder, summary.json and stdout to <paramref name="check"/>.
    /// </summary>
    private static void CloseBeforeTheLastStep(string scriptText, string? variant, Action<string, JsonObject, string> check)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-window-stop-").FullName;
        string script = Path.Combine(folder, "long.lua");
        File.WriteAllText(script, scriptText);
        string output = Path.Combine(folder, "out");
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", output);
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            Thread.Sleep(3000); // training while drawn
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, $"closing the window did not stop the training of a million steps: {Text(stdout)}");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
            string runFolder = variant is null ? output : Path.Combine(output, variant);
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json")))!.AsObject();
            long steps = (long)summary["steps"]!;
            Assert.That(steps, Is.InRange(1L, 999_999L), "the steps trained until the window closed");
            Assert.That((string?)summary["status"], Is.EqualTo("stopped"), "not completed: a million steps were planned");
            string expected = $"the live session ended at step {steps} of 1000000";
            Assert.That((string?)summary["message"], Is.EqualTo(expected));
            Assert.That(Text(stdout), Does.Contain($": stopped — {expected} ({steps} steps"), "the printed summary says the same");
            check(runFolder, summary, Text(stdout));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }
}
