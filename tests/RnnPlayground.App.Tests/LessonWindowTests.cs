using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static RnnPlayground.App.Tests.LiveWindowTests;
using static RnnPlayground.App.Tests.WindowMouseTests;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A script's input callbacks and the step-through in the live window, under Xvfb with xdotool: a
/// free key reaches <c>on_key</c> and a host key does not; a click on a hidden unit reaches
/// <c>on_click</c> with the layer, step, unit and value the screenshot's note holds for that cell;
/// T steps through one pass and the written-out update matches the forward pass the test recomputes
/// from the weights, biases and inputs in the note. Skipped without a display.
/// </summary>
public class LessonWindowTests
{
    private const string Script = """
        return {
          data = rnn.data.sine{ seq = 6, train = 256, validation = 32, test = 32, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 4 }, rnn.nn.linear{} },
          steps = 1000000,
          track_gradient_norms = true,
          live = { ticks_per_second = 60 },
          on_key = function(ctx, key) print('on_key ' .. key) end,
          on_click = function(ctx, target)
            print(string.format('on_click %s layer=%d step=%d unit=%d value=%.9g', target.kind, target.layer, target.step, target.unit, target.value))
          end,
        }
        """;

    [Test]
    public void KeysAndClicksReachTheScriptAndTheStepThroughShowsTheModelsNumbers()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-lesson-").FullName;
        string script = Path.Combine(folder, "input.lua"), output = Path.Combine(folder, "out");
        File.WriteAllText(script, Script);
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", output);
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            Thread.Sleep(2000);

            // A free key reaches on_key; the window's own keys (here ] doubles the learning rate) do not.
            Xdotool("key", "--window", window, "Right");
            Xdotool("key", "--window", window, "bracketright");
            Xdotool("key", "--window", window, "a");
            Assert.That(WaitFor(() => Text(stdout).Contains("on_key a"), 20), $"no on_key after Right and a: {Text(stdout)}");
            Assert.That(Text(stdout), Does.Contain("on_key right"));
            Assert.That(Regex.Matches(Text(stdout), "on_key ").Count, Is.EqualTo(2), "] is the window's and is not passed on");

            // Paused, so the frame clicked shows the snapshot the note describes.
            Xdotool("key", "--window", window, "space");
            Thread.Sleep(1000);
            JsonObject paused = Screenshot(window, output, 1);
            JsonObject cell = paused["hidden_cells"]!.AsArray().Select(c => c!.AsObject()).First(c => (int)c["step"]! == 2 && (int)c["unit"]! == 3);
            MoveTo(window, Center(cell));
            Xdotool("click", "--window", window, "1");
            Assert.That(WaitFor(() => Text(stdout).Contains("on_click "), 20), $"no on_click after a click on a unit: {Text(stdout)}");
            Match click = Regex.Match(Text(stdout), @"on_click (\S+) layer=(\d+) step=(\d+) unit=(\d+) value=(\S+)");
            Assert.That(click.Groups[1].Value, Is.EqualTo("unit"));
            Assert.That((Int(click, 2), Int(click, 3), Int(click, 4)), Is.EqualTo((1, 3, 4)), "1-based layer, step and unit of the cell clicked");
            double drawn = (double)paused["hidden"]![0]![(2 * 4) + 3]!;
            Assert.That(double.Parse(click.Groups[5].Value, CultureInfo.InvariantCulture), Is.EqualTo(drawn).Within(1e-6), "the value the clicked frame showed");

            // T three times: the third forward step of unit 1, written out.
            for (int i = 0; i < 3; i++)
            {
                Xdotool("key", "--window", window, "t");
                Thread.Sleep(300);
            }
            Thread.Sleep(700);
            JsonObject walked = Screenshot(window, output, 2);
            JsonObject walk = walked["walk"]!.AsObject();
            Assert.That(((bool)walk["backward"]!, (int)walk["step"]!, (int)walk["unit"]!), Is.EqualTo((false, 2, 0)), walked.ToJsonString());
            string[] lines = [.. walk["lines"]!.AsArray().Select(l => (string)l!)];
            double[,] h = Forward(walked, out float[] wIh, out float[] wHh, out int inputs, out float[] x);
            string[] terms = Regex.Match(lines[1], @"^= tanh\((.*)\)$").Groups[1].Value.Split(" + ");
            Assert.That(terms, Has.Length.EqualTo(inputs + 4 + 1), lines[1]);
            for (int j = 0; j < inputs + 4; j++)
            {
                string[] wv = terms[j].Split('·');
                Assert.That(Number(wv[0]), Is.EqualTo(j < inputs ? wIh[j] : wHh[j - inputs]).Within(0.0051), terms[j]);
                Assert.That(Number(wv[1]), Is.EqualTo(j < inputs ? x[(2 * inputs) + j] : h[2, j - inputs]).Within(0.0051), terms[j]);
            }
            Match result = Regex.Match(lines[2], @"^= tanh\((\S+)\) = (\S+)$");
            Assert.That(Number(result.Groups[2].Value), Is.EqualTo(h[3, 0]).Within(0.0006), "h₃[1] recomputed from the weights");
            Assert.That(walked["narration"]!.AsArray().Select(l => (string?)l), Has.Some.StartsWith("STEP-THROUGH · forward · step 3 of 6"));

            Xdotool("key", "--window", window, "Escape");
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            Assert.That(process.ExitCode, Is.EqualTo(0), errTask.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The forward pass of the note's one-layer tanh RNN (4 units) in double: h[t, u] with h[0, ·] = 0; the first unit's weight rows.</summary>
    private static double[,] Forward(JsonObject note, out float[] firstIh, out float[] firstHh, out int inputs, out float[] x)
    {
        x = Floats(note["inputs"]!);
        float[] wIh = Floats(note["input_weights"]![0]!), wHh = Floats(note["recurrent_weights"]![0]!);
        float[] bIh = Floats(note["input_biases"]![0]!), bHh = Floats(note["recurrent_biases"]![0]!);
        const int hidden = 4;
        inputs = wIh.Length / hidden;
        int steps = x.Length / inputs;
        var h = new double[steps + 1, hidden];
        for (int t = 0; t < steps; t++)
            for (int u = 0; u < hidden; u++)
            {
                double pre = bIh[u] + bHh[u];
                for (int j = 0; j < inputs; j++) pre += wIh[(u * inputs) + j] * x[(t * inputs) + j];
                for (int k = 0; k < hidden; k++) pre += wHh[(u * hidden) + k] * h[t, k];
                h[t + 1, u] = Math.Tanh(pre);
            }
        firstIh = wIh[..inputs];
        firstHh = wHh[..hidden];
        return h;
    }

    private static float[] Floats(JsonNode node) => [.. node.AsArray().Select(v => (float)v!)];

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static double Number(string s) => double.Parse(s.Trim().Replace('−', '-'), CultureInfo.InvariantCulture);
}
