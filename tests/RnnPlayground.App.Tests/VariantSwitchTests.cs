using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>ctx.show_variant(name)</c> from a callback switches the live sequence to another variant at
/// once: the next snapshot is of that variant's model (its cell, its own data's steps), each
/// variant's training steps are kept while another is shown, a bad name is the script's
/// <c>script:line</c> error, and the end writes a summary for every variant that ran.
/// </summary>
public class VariantSwitchTests
{
    private const string Script = """
        return {
          data = rnn.data.sine{ seq = 6, train = 64, validation = 16, test = 16, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 4 }, rnn.nn.linear{} },
          steps = 100000,
          track_gradient_norms = true,
          compare = {
            { name = 'rnn' },
            { name = 'lstm', data = rnn.data.copy{ symbols = 4, length = 2, delay = 5, train = 64, seed = 3 },
              model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.lstm{ hidden = 5 }, rnn.nn.linear{} } },
          },
          on_key = function(ctx, key)
            print('on_key ' .. key .. ' in ' .. ctx.name)
            if key == 'l' then ctx.show_variant('lstm')
            elseif key == 'r' then ctx.show_variant('rnn')
            else ctx.show_variant('gru') end
          end,
        }
        """;

    [Test]
    public void ACallbackShowsAnotherVariantAndEachKeepsItsTraining()
    {
        using var project = new ProjectFolder();
        string output = project.Output("switch");
        var stdout = new StringWriter();
        using ScriptedExperiment script = Load(project, output, stdout);
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), stdout, TextWriter.Null);

        Snapshot rnn = Train(live, 7);
        Assert.That((rnn.Variant, rnn.Network?.CellType, rnn.Network?.Steps, rnn.Step), Is.EqualTo(("rnn · 1 of 2", CellType.RnnTanh, 6, 7L)));

        script.OnKey("l");
        Snapshot lstmFresh = live.BuildSnapshot(new LiveStatus(0, false, 60, double.NaN));
        Assert.That((lstmFresh.Variant, lstmFresh.Step), Is.EqualTo(("lstm · 2 of 2", 0L)), "the other variant at once, before it trained");
        Snapshot lstm = Train(live, 5);
        Assert.That((lstm.Network?.CellType, lstm.Network?.Steps, lstm.Step), Is.EqualTo((CellType.Lstm, 2 + 5 + 1 + 2, 5L)), "the LSTM on its own copy task");
        Assert.That(live.TrainingSteps, Is.EqualTo(12), "steps count across both");

        script.OnKey("r");
        Snapshot back = Train(live, 1);
        Assert.That((back.Variant, back.Network?.CellType, back.Step), Is.EqualTo(("rnn · 1 of 2", CellType.RnnTanh, 8L)), "the RNN goes on from its own step 7");
        script.OnKey("l");
        Snapshot again = Train(live, 1);
        Assert.That((again.Network?.CellType, again.Step), Is.EqualTo((CellType.Lstm, 6L)), "and the LSTM from its step 5");
        Assert.That(stdout.ToString(), Does.Contain("on_key l in rnn").And.Contain("on_key r in lstm"), "ctx.name follows the variant shown");
        Assert.That(script.CallbackError, Is.Null);

        // What the window draws of it: the offscreen scene renders the LSTM's network.
        if (GraphicsAvailability.CanRenderOffscreen().Available)
        {
            using var scene = new OffscreenScene(1280, 800);
            scene.Render(again);
            Assert.That(scene.LayoutProblems(), Is.Empty);
        }

        Assert.That(live.End(), Is.EqualTo(0), stdout.ToString());
        foreach (string variant in new[] { "rnn", "lstm" })
            Assert.That(File.Exists(Path.Combine(output, variant, "summary.json")), Is.True, $"{variant} ended with its summary: {stdout}");
    }

    [Test]
    public void ABadVariantNameIsTheScriptsErrorAtItsLine()
    {
        using var project = new ProjectFolder();
        string output = project.Output("switch");
        using ScriptedExperiment script = Load(project, output);
        var live = new LiveSequence(new VariantSequence(script, new RunOptions(), output), TextWriter.Null, TextWriter.Null);
        Train(live, 1);
        script.OnKey("x");
        Assert.That(script.CallbackError?.Message, Does.StartWith("scripts/switch.lua:15: rnn.show_variant: no variant is named 'gru' (the script's variants: 'rnn', 'lstm')"));
        Assert.That(live.BuildSnapshot(new LiveStatus(0, false, 60, double.NaN)).Variant, Is.EqualTo("rnn · 1 of 2"), "the variant shown stays");
        live.End();
    }

    [Test]
    public void AScriptWithoutVariantsCannotShowOne()
    {
        using var project = new ProjectFolder();
        string path = Path.Combine(project.Root, project.WriteScript("plain.lua", """
            return {
              data = rnn.data.sine{ seq = 6, train = 64, validation = 16, test = 16 },
              model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 4 }, rnn.nn.linear{} },
              steps = 10,
              on_key = function(ctx, key) ctx.show_variant('lstm') end,
            }
            """));
        using ScriptedExperiment script = ScriptedExperiment.Load(path, new ScriptedExperimentOptions { WorkingDirectory = project.Root, Output = TextWriter.Null });
        script.OnKey("a");
        Assert.That(script.CallbackError?.Message, Does.StartWith("scripts/plain.lua:5: rnn.show_variant: the script has no variants to show (got 'lstm'); list them in the experiment's 'compare'"));
    }

    /// <summary>Trains <paramref name="steps"/> more steps of the variant shown and returns its snapshot.</summary>
    private static Snapshot Train(LiveSequence live, int steps)
    {
        for (int i = 0; i < steps; i++) live.TrainOnce();
        return live.BuildSnapshot(new LiveStatus(0, false, 60, double.NaN));
    }

    private static ScriptedExperiment Load(ProjectFolder project, string output, TextWriter? printed = null)
    {
        string path = Path.Combine(project.Root, project.WriteScript("switch.lua", Script));
        Directory.CreateDirectory(output);
        return ScriptedExperiment.Load(path, new ScriptedExperimentOptions { WorkingDirectory = project.Root, OutputDirectory = output, Output = printed ?? TextWriter.Null });
    }
}
