using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// <see cref="ScriptedExperiment.SameExperimentAs"/>: what the window compares on a save to decide
/// whether the trained weights may stay (only the view, on_draw or printing changed) or the
/// experiment starts again.
/// </summary>
public class ReloadFingerprintTests : RnnApiFixture
{
    private const string Script = """
        print('loading')
        local days, STEP = 0, 1
        return {
          data = rnn.data.sine{ seq = 5, train = 64, validation = 16, test = 16, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = 3e-3 },
          steps = 20,
          view = { max_units = 8, gates = true },
          on_step = function(ctx) days = days + STEP end,
          on_draw = function(ctx) ctx.canvas:text(0.1, 0.1, 'step ' .. ctx.step) end,
        }
        """;

    private static readonly string[] Unchanged =
    [
        Script,
        Script.Replace("max_units = 8, gates = true", "max_units = 4, gates = false, panel = 'network'", StringComparison.Ordinal),
        Script.Replace("'step ' .. ctx.step", "'loss ' .. ctx.loss", StringComparison.Ordinal),
        Script.Replace("print('loading')", "print('loading the sine waves')\nprint('again')", StringComparison.Ordinal),
        "-- a comment that moves every line down\n\n" + Script,
    ];

    private static readonly string[] Changed =
    [
        Script.Replace("hidden = 6", "hidden = 7", StringComparison.Ordinal),
        Script.Replace("rnn.nn.gru", "rnn.nn.lstm", StringComparison.Ordinal),
        Script.Replace("lr = 3e-3", "lr = 1e-3", StringComparison.Ordinal),
        Script.Replace("steps = 20", "steps = 30", StringComparison.Ordinal),
        Script.Replace("seed = 2", "seed = 3", StringComparison.Ordinal),
        Script.Replace("train = 64", "train = 48", StringComparison.Ordinal),
        Script.Replace("days = days + STEP", "days = days + 2 * STEP", StringComparison.Ordinal),
        Script.Replace("local days, STEP = 0, 1", "local days, STEP = 0, 2", StringComparison.Ordinal),
        Script.Replace("  steps = 20,", "  steps = 20,\n  clip = 1.0,", StringComparison.Ordinal),
        Script.Replace("  steps = 20,", "  steps = 20,\n  on_finish = function(ctx) print(ctx.step) end,", StringComparison.Ordinal),
    ];

    [Test]
    public void AChangeOfViewOnDrawPrintingOrLinesKeepsTheExperiment([ValueSource(nameof(Unchanged))] string edited)
    {
        ScriptedExperiment before = Load(Script);
        ScriptedExperiment after = Load(edited);
        Assert.That(before.SameExperimentAs(after), Is.True);
    }

    [Test]
    public void AChangeOfModelDataOptimizerTrainingOrATrainingCallbackIsAnotherExperiment([ValueSource(nameof(Changed))] string edited)
    {
        ScriptedExperiment before = Load(Script);
        ScriptedExperiment after = Load(edited);
        Assert.That(before.SameExperimentAs(after), Is.False);
    }

    [Test]
    public void AChangeOfAScriptWorldsCodeIsAnotherExperiment()
    {
        const string world = """
            local FAST = 0.5
            return {
              data = rnn.world{
                series = { 'x' }, values = { 'x' }, history = 200, seq = 8, seed = 1,
                observe = function(t, rng, s) return { x = math.sin((t < 300 and 0.2 or FAST) * t) } end,
              },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
            }
            """;
        ScriptedExperiment before = Load(world);
        Assert.That(before.SameExperimentAs(Load(world.Replace("local FAST = 0.5", "local FAST = 0.7", StringComparison.Ordinal))), Is.False,
            "a constant the world reads only after its history (so no sample shows it)");
        Assert.That(before.SameExperimentAs(Load(world.Replace("math.sin(", "math.cos(", StringComparison.Ordinal))), Is.False, "the world's code");
    }

    [Test]
    public void TheFilesTheScriptReadAreKnown()
    {
        Folder.WriteScript("scripts/data/series.csv", "t,v\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{i},{i % 7}")) + "\n");
        ScriptedExperiment e = Load("""
            return {
              data = rnn.data.csv{ path = 'data/series.csv', features = { 'v' }, target = 'v', seq = 4 },
              model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
            }
            """);
        Assert.That(e.FilesRead.Select(Path.GetFileName), Is.EqualTo(new[] { "series.csv" }));
        Assert.That(Load(Script).FilesRead, Is.Empty);
    }
}
