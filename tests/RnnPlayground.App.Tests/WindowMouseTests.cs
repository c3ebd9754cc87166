using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RnnPlayground.Rendering.Drawing;
using static RnnPlayground.App.Tests.LiveWindowTests;

namespace RnnPlayground.App.Tests;

/// <summary>
/// The mouse in the live window, under Xvfb with xdotool: the tooltip over a hidden unit reads the
/// value the frame drew, the learning-rate button halves the rate without resetting the step count,
/// a click pins a unit's trace and Esc lets it go before it quits. Each window screenshot's JSON
/// note says where the cells and buttons were and what the tooltip said. Skipped without a display.
/// </summary>
public class WindowMouseTests
{
    [Test]
    public void HoverReadsTheSnapshotsValueAndTheButtonHalvesTheLearningRate()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string output = Directory.CreateTempSubdirectory("rnnplay-mouse-").FullName;
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", "scripts/weather.lua", "--out", output, "--speed", "max");
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            Thread.Sleep(3000);
            JsonObject first = Screenshot(window, output, 1);
            JsonObject cell = first["hidden_cells"]!.AsArray()[^3]!.AsObject();

            // Hover: the tooltip names the unit and shows h as the frame's snapshot holds it.
            MoveTo(window, Center(cell));
            Thread.Sleep(500);
            JsonObject hovered = Screenshot(window, output, 2);
            JsonObject target = hovered["hovered"]!.AsObject();
            Assert.That((string?)target["kind"], Is.EqualTo("Hidden"), hovered.ToJsonString());
            Assert.That(((int)target["layer"]!, (int)target["step"]!, (int)target["unit"]!), Is.EqualTo(((int)cell["layer"]!, (int)cell["step"]!, (int)cell["unit"]!)));
            int layer = (int)target["layer"]!, units = (int)hovered["hidden_sizes"]![layer]!;
            float h = (float)hovered["hidden"]![layer]![((int)target["step"]! * units) + (int)target["unit"]!]!;
            string[] tooltip = [.. hovered["tooltip"]!.AsArray().Select(l => (string)l!)];
            Assert.That(tooltip[0], Is.EqualTo($"lstm 1 · unit {(int)target["unit"]!} · t={(int)target["step"]!}"));
            Assert.That(tooltip[1], Is.EqualTo($"h = {NumberFormat.Exact(h)}"));

            // The ÷2 button: the optimizer's rate halves and training goes on from the same step.
            JsonObject halve = first["buttons"]!.AsArray().Select(b => b!.AsObject()).Single(b => (string?)b["name"] == "HalveLearningRate");
            MoveTo(window, Center(halve));
            Xdotool("click", "--window", window, "1");
            Assert.That(WaitFor(() => LearningRateChanges(stdout).Count >= 1, 20), $"no learning rate change after the button: {Text(stdout)}");
            (double before, double after, long step) = LearningRateChanges(stdout)[0];
            Assert.That(after, Is.EqualTo(before / 2).Within(before * 1e-2));
            Assert.That(step, Is.GreaterThan(0));
            JsonObject later = Screenshot(window, output, 3);
            Assert.That((long)later["step"]!, Is.GreaterThanOrEqualTo(step), "the step count was not reset");

            // A click on the unit pins its trace; Esc lets go of it and leaves the window open, a second Esc quits.
            MoveTo(window, Center(cell));
            Xdotool("click", "--window", window, "1");
            Thread.Sleep(1500);
            JsonObject pinned = Screenshot(window, output, 4);
            Assert.That((int?)pinned["pinned"]?["unit"], Is.EqualTo((int)cell["unit"]!), pinned.ToJsonString());
            Assert.That(pinned["pinned"]!["values"]!.AsArray(), Is.Not.Empty);
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(2000), Is.False, "the first Esc only lets go of the pinned unit");
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Presses S and reads the note beside screenshot <paramref name="n"/>.</summary>
    internal static JsonObject Screenshot(string window, string output, int n)
    {
        string note = Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"screenshot-{n:D3}.json"));
        Xdotool("key", "--window", window, "s");
        Assert.That(WaitFor(() => File.Exists(note) && new FileInfo(note).Length > 0, 20), $"no {note} after S");
        Thread.Sleep(200); // written whole before the next frame; let the writer close it
        return JsonNode.Parse(File.ReadAllText(note))!.AsObject();
    }

    internal static (int X, int Y) Center(JsonObject box) =>
        ((int)((double)box["x"]! + ((double)box["width"]! / 2)), (int)((double)box["y"]! + ((double)box["height"]! / 2)));

    internal static void MoveTo(string window, (int X, int Y) p) =>
        Xdotool("mousemove", "--window", window, p.X.ToString(CultureInfo.InvariantCulture), p.Y.ToString(CultureInfo.InvariantCulture));
}
