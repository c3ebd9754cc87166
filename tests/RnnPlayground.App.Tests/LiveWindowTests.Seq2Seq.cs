using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RnnPlayground.App.Tests;

/// <summary>The encoder–decoder window: closing it stops training where it is, as the sequence window does.</summary>
public partial class LiveWindowTests
{
    [Test]
    public void ClosingTheEncoderDecoderWindowStopsTrainingAndKeepsWhatWasTrained()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-seq2seq-window-").FullName;
        string script = Path.Combine(folder, "copy.lua");
        File.WriteAllText(script, """
            local data = rnn.data.task{ name = 'copy', train = 200, validation = 20, test = 20, min_length = 3, max_length = 4, alphabet = 'abc' }
            local function model() return rnn.nn.seq2seq{ encoder = { cell = 'gru', hidden = 8 }, embedding = 4 } end
            return { data = data, model = model(), steps = 1000000, evaluate_every = 50,
              compare = { { name = 'first' }, { name = 'second', model = model() } } }
            """);
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
            string first = Path.Combine(output, "first");
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(first, "summary.json")))!.AsObject();
            long steps = (long)summary["steps"]!;
            Assert.That(steps, Is.InRange(1L, 999_999L), "the steps trained until the window closed");
            Assert.That((string?)summary["status"], Is.EqualTo("stopped"), "not completed: a million steps were planned");
            Assert.That((string?)summary["message"], Is.EqualTo($"the live session ended at step {steps} of 1000000"));
            Assert.That(Text(stdout), Does.Contain($": stopped — the live session ended at step {steps} of 1000000"), "the printed summary says the same");
            Assert.That(summary["validation"]?["metrics"]?["exact"], Is.Not.Null, "scored as it was when the window closed");
            Assert.That(File.Exists(Path.Combine(first, "checkpoint.safetensors")), Is.True, "the checkpoint of what was trained");
            Assert.That(Directory.Exists(Path.Combine(output, "second")), Is.False, "the variant after it is not run");
            Assert.That(Text(stdout), Does.Contain("outputs in"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }
}
