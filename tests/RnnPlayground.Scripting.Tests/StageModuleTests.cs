using System.Globalization;
using System.Text.RegularExpressions;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// The input callbacks and the stage: on_key and on_click reach the script with the key and the
/// target; ctx.say, ctx.highlight and ctx.walk show on the next snapshot; pause, resume and step
/// reach the playback; a bad key or a unit that does not exist is an error at the script's line;
/// the step-through writes out numbers that match the model's own weights and activations.
/// </summary>
public class StageModuleTests : RnnApiFixture
{
    private const string Rnn =
        "  data = rnn.data.sine{ seq = 6, train = 64, validation = 16, test = 16, seed = 3 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 5 }, rnn.nn.linear{} },\n" +
        "  steps = 50,\n";

    private sealed class Recording : ILivePlayback
    {
        public List<string> Calls { get; } = [];

        public void Pause() => Calls.Add("pause");

        public void Resume() => Calls.Add("resume");

        public void Step() => Calls.Add("step");
    }

    private (ScriptedExperiment Script, ILiveExperiment Live, Recording Playback) Start(string callbacks)
    {
        ScriptedExperiment script = Load("return {\n" + Rnn + callbacks + "}\n");
        ILiveExperiment live = script.CreateLive(script.CreateRun());
        var playback = new Recording();
        script.Stage.Playback = playback;
        for (int i = 0; i < 3; i++) live.Advance();
        live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        live.Advance(); // the network of this step is the next snapshot's, with the weights the model now has
        live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        return (script, live, playback);
    }

    [Test]
    public void AKeyAndAClickReachTheScriptWhichNarratesHighlightsAndSteers()
    {
        (ScriptedExperiment script, ILiveExperiment live, Recording playback) = Start("""
              on_key = function(ctx, key)
                keys = (keys or '') .. key .. ' '
                if key == 'p' then ctx.pause() elseif key == 'right' then ctx.step() elseif key == 'q' then ctx.resume() end
                ctx.say('pressed ' .. key .. ' at step ' .. ctx.training_step)
              end,
              on_click = function(ctx, target)
                clicked = string.format('%s %d %d %d %.4f', target.kind, target.layer, target.step, target.unit, target.value)
                ctx.highlight{ layer = target.layer, step = target.step, unit = target.unit }
              end,
            """);
        script.OnKey("p");
        script.OnKey("right");
        script.OnKey("q");
        script.OnClick(new ClickTarget("unit", Layer: 0, Step: 2, Unit: 4, Value: 0.25));
        Snapshot s = live.BuildSnapshot(new LiveStatus(2, false, 48, 0));
        Assert.That(Global(script, "keys"), Is.EqualTo("p right q "));
        Assert.That(playback.Calls, Is.EqualTo(new[] { "pause", "step", "resume" }));
        Assert.That(s.Narration, Is.EqualTo("pressed q at step 4"));
        Assert.That(Global(script, "clicked"), Is.EqualTo("unit 1 3 5 0.2500"));
        Assert.That(s.Highlights, Is.EqualTo(new[] { new HighlightMark(0, 2, 4) }));
        Assert.That(script.CallbackError, Is.Null);
    }

    [TestCase("ctx.highlight{ layer = 1, unit = 6 }", "rnn.highlight: 'unit' must be 1..5 (layer 1 has 5 hidden units; got 6)")]
    [TestCase("ctx.highlight{ layer = 2 }", "rnn.highlight: 'layer' must be 1..1 (the network has 1 recurrent layer(s); got 2)")]
    [TestCase("ctx.highlight{ step = 7 }", "rnn.highlight: 'step' must be 1..6 (the network is unrolled over 6 steps; got 7)")]
    [TestCase("ctx.walk{ unit = 9 }", "rnn.walk: 'unit' must be 1..5 (layer 1 has 5 hidden units; got 9)")]
    [TestCase("ctx.press('rigth')", "rnn.press: unknown key 'rigth'; the keys passed to on_key: a, b, e, g, i")]
    [TestCase("ctx.press('space')", "rnn.press: key 'space' belongs to the window (pause/resume) and is not passed to on_key")]
    public void AUnitThatDoesNotExistAndABadKeyAreErrorsAtTheScriptsLine(string call, string message)
    {
        (ScriptedExperiment script, _, _) = Start("  on_key = function(ctx, key)\n    " + call + "\n  end,\n");
        script.OnKey("a");
        Assert.That(script.CallbackError?.Message, Does.StartWith("scripts/x.lua:6: " + message));
    }

    [Test]
    public void APressedKeyReachesOnKeyAfterTheCallback()
    {
        (ScriptedExperiment script, _, _) = Start("""
              on_click = function(ctx, target) ctx.press('right') end,
              on_key = function(ctx, key) keys = (keys or '') .. key end,
            """);
        script.OnClick(new ClickTarget("panel", Name: "network"));
        Assert.That(Global(script, "keys"), Is.EqualTo("right"));
    }

    /// <summary>
    /// The step-through's forward line for unit 2 at step 3 lists W_ih[2,j]·x₃[j], W_hh[2,k]·h₂[k] and
    /// the bias; the test recomputes the whole forward pass from the model's parameters and the inputs
    /// the snapshot shows, and every number of the text must match it.
    /// </summary>
    [Test]
    public void TheStepThroughWritesOutTheModelsOwnNumbers()
    {
        (ScriptedExperiment script, ILiveExperiment live, Recording playback) = Start("""
              on_key = function(ctx, key)
                first = ctx.walk{ layer = 1, unit = 2 }
                second = ctx.walk_next()
                third = ctx.walk_next()
              end,
            """);
        script.OnKey("a");
        Assert.That(script.CallbackError, Is.Null);
        Assert.That(playback.Calls, Is.EqualTo(new[] { "pause" }), "a walk pauses the experiment");
        Snapshot s = live.BuildSnapshot(new LiveStatus(2, false, 48, 0));
        NetworkSnapshot n = s.Network!;
        Assert.That(s.Walk!.Step, Is.EqualTo(2));
        string text = (string)Global(script, "third")!;
        Assert.That(text.Split('\n')[0], Is.EqualTo("forward · step 3 of 6 (t=2 in the view) · rnn 1 unit 2"));

        // h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) from the model's parameters, in double.
        var rnn = (RecurrentLayer)script.Model.Built!.RecurrentLayers[0];
        float[] wIh = rnn.WeightIh(0).Values.ToArray(), wHh = rnn.WeightHh(0).Values.ToArray();
        float[] bIh = rnn.BiasIh(0)!.Values.ToArray(), bHh = rnn.BiasHh(0)!.Values.ToArray();
        int hidden = 5, inputs = n.InputSize;
        var h = new double[n.Steps + 1, hidden];
        for (int t = 0; t < n.Steps; t++)
            for (int u = 0; u < hidden; u++)
            {
                double pre = bIh[u] + bHh[u];
                for (int j = 0; j < inputs; j++) pre += wIh[(u * inputs) + j] * n.Inputs[(t * inputs) + j];
                for (int k = 0; k < hidden; k++) pre += wHh[(u * hidden) + k] * h[t, k];
                h[t + 1, u] = Math.Tanh(pre);
            }

        string[] lines = text.Split('\n');
        Assert.That(lines[1], Is.EqualTo("h₃[2] = tanh(W_ih·x₃ + W_hh·h₂ + b)"));
        Match sum = Regex.Match(lines[2], @"^= tanh\((.*)\)$");
        Assert.That(sum.Success, lines[2]);
        string[] terms = sum.Groups[1].Value.Split(" + ");
        Assert.That(terms, Has.Length.EqualTo(inputs + hidden + 1));
        for (int j = 0; j < inputs + hidden; j++)
        {
            string[] wv = terms[j].Split('·');
            double weight = j < inputs ? wIh[(1 * inputs) + j] : wHh[(1 * hidden) + j - inputs];
            double value = j < inputs ? n.Inputs[(2 * inputs) + j] : h[2, j - inputs];
            Assert.That(Number(wv[0]), Is.EqualTo(weight).Within(0.0051), $"weight of term {j + 1}: {terms[j]}");
            Assert.That(Number(wv[1]), Is.EqualTo(value).Within(0.0051), $"value of term {j + 1}: {terms[j]}");
        }
        Assert.That(Number(terms[^1]), Is.EqualTo(bIh[1] + bHh[1]).Within(0.0051), "the bias");
        Match result = Regex.Match(lines[3], @"^= tanh\((\S+)\) = (\S+)$");
        Assert.That(result.Success, lines[3]);
        Assert.That(Number(result.Groups[2].Value), Is.EqualTo(h[3, 1]).Within(0.0006), "h₃[2] recomputed from the weights");
        Assert.That(Math.Tanh(Number(result.Groups[1].Value)), Is.EqualTo(h[3, 1]).Within(0.001), "the pre-activation");

        // On to the backward pass: after the sixth forward step comes the last step's gradient, then its factor.
        for (int i = 0; i < 4; i++) script.Stage.NextWalk();
        PassWalkSnapshot back = script.Stage.NextWalk()!;
        Assert.That((back.Backward, back.Step), Is.EqualTo((true, 4)));
        double factor = n.GradientNormPerStep[4] / (double)n.GradientNormPerStep[5];
        Assert.That(back.Lines[1], Does.StartWith("factor this step: |∂L/∂h₅| / |∂L/∂h₆| = "));
        Assert.That(Number(back.Lines[1].Split(" = ")[^1]), Is.EqualTo(factor).Within(Math.Abs(factor) * 0.01));
    }

    private static double Number(string s) => double.Parse(s.Trim().Replace('−', '-'), CultureInfo.InvariantCulture);
}
