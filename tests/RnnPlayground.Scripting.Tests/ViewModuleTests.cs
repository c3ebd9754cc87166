using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Tests;

public class ViewModuleTests : RnnApiFixture
{
    private const string Experiment =
        "  data = rnn.data.sine{ seq = 5, train = 64, validation = 8, test = 8 },\n" +
        "  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 6, layers = 2 }, rnn.nn.linear{} },\n" +
        "  steps = 20,\n";

    /// <summary>The live form of the experiment after <paramref name="ticks"/> ticks, and its snapshot.</summary>
    private static Snapshot SnapshotAfter(ScriptedExperiment experiment, int ticks)
    {
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        for (int i = 0; i < ticks; i++) live.Advance();
        return live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
    }

    [Test]
    public void RnnViewSetsWhatTheWindowShows()
    {
        ScriptedExperiment experiment = Load(
            "rnn.view{ panel = 'network', layers = { 2 }, max_units = 16, max_steps = 30, max_connections = 50, gates = false,\n" +
            "  series = { 'temp_mean' }, negative = '#0000ff', positive = '#ff000080' }\n" +
            "return {\n" + Experiment + "}\n");
        Assert.That(experiment.View, Is.Not.Null);
        ViewSettings view = experiment.View!;
        Assert.That(view.Panel, Is.EqualTo(ViewPanel.Network));
        Assert.That(view.Layers, Is.EqualTo(new[] { 1 }), "layers are numbered from 1 in scripts");
        Assert.That((view.MaxUnits, view.MaxSteps, view.MaxConnections, view.ShowGates), Is.EqualTo(((int?)16, (int?)30, (int?)50, (bool?)false)));
        Assert.That(view.Series, Is.EqualTo(new[] { "temp_mean" }));
        Assert.That(view.NegativeColor, Is.EqualTo(0x0000FFFFu));
        Assert.That(view.PositiveColor, Is.EqualTo(0xFF000080u));
    }

    [Test]
    public void TheExperimentsViewFieldDoesTheSame()
    {
        ScriptedExperiment experiment = Load("return {\n" + Experiment + "  view = { panel = 'training', gates = true },\n}\n");
        Assert.That(experiment.View, Is.EqualTo(new ViewSettings(ViewPanel.Training, ShowGates: true)));
        Assert.That(SnapshotAfter(experiment, 1).View, Is.EqualTo(experiment.View), "every snapshot carries the view settings");
    }

    [Test]
    public void BadViewSettingsAreRefused()
    {
        Assert.That(Fails("rnn.view{ negative = 'blue' }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.view: 'negative' must be a colour like \"#ff8800\" or \"#ff880080\" (got \"blue\")"));
        Assert.That(Fails("rnn.view{ layers = { 0 } }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.view: 'layers' must list layer numbers from 1"));
        Assert.That(Fails("rnn.view{ panel = 'weights' }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.view: 'panel' must be one of"));
        Assert.That(Fails("rnn.view{ max_units = 0 }", ScriptErrorKind.Argument).Message,
            Is.EqualTo("scripts/x.lua:1: rnn.view: 'max_units' must be an integer between 1 and 4096 (got 0)"));
    }

    [Test]
    public void OnDrawItemsBecomeTheSnapshotsOverlay()
    {
        ScriptedExperiment experiment = Load(
            "return {\n" + Experiment +
            "  on_draw = function(ctx)\n" +
            "    ctx.canvas:line(0.1, 0.2, 0.3, 0.4, { color = '#ff8800', width = 2, panel = 'network' })\n" +
            "    ctx.canvas:rect(0.5, 0.5, 0.25, 0.125, { fill = true })\n" +
            "    ctx.canvas:text(0.05, 0.9, string.format('step %d loss %s', ctx.step, ctx.loss > 0 and 'positive' or 'zero'), { size = 20, color = '#00ff0080', panel = 'training' })\n" +
            "  end,\n}\n");
        Snapshot snapshot = SnapshotAfter(experiment, 3);
        Assert.That(experiment.CallbackError, Is.Null, experiment.CallbackError?.ToString());
        Assert.That(snapshot.ScriptName, Is.EqualTo("scripts/x.lua"));
        Assert.That(snapshot.Overlay, Is.EqualTo(new OverlayItem[]
        {
            new OverlayLine(ViewPanel.Network, 0xFF8800FF, 0.1f, 0.2f, 0.3f, 0.4f, 2f),
            new OverlayRect(ViewPanel.All, 0xFFD166FF, 0.5f, 0.5f, 0.25f, 0.125f, true, 1.5f),
            new OverlayText(ViewPanel.Training, 0x00FF0080, 0.05f, 0.9f, $"step {snapshot.Step} loss positive", 20f),
        }));
        Assert.That(snapshot.Step, Is.EqualTo(3), "one training step per tick");
    }

    [Test]
    public void WithoutOnDrawThereIsNoOverlay()
    {
        Assert.That(SnapshotAfter(Load("return {\n" + Experiment + "}\n"), 1).Overlay, Is.Null);
    }

    [Test]
    public void AFailingOnDrawShowsItsErrorInTheWindowAndIsKept()
    {
        ScriptedExperiment experiment = Load(
            "return {\n" + Experiment +
            "  on_draw = function(ctx)\n" +
            "    ctx.canvas:line(0, 0, 1, 1, { colour = '#ffffff' })\n" +
            "  end,\n}\n");
        Snapshot snapshot = SnapshotAfter(experiment, 1);
        Assert.That(experiment.CallbackError?.Message, Does.StartWith("scripts/x.lua:6: Canvas:line: unknown field 'colour' (did you mean 'color'?"));
        OverlayText shown = (OverlayText)snapshot.Overlay!.Single();
        Assert.That(shown.Text, Is.EqualTo("on_draw: " + experiment.CallbackError!.Message));
        Assert.That(snapshot.Message, Is.EqualTo("script error: " + experiment.CallbackError.Message));
    }

    [Test]
    public void TheCanvasDrawsOnlyInsideOnDraw()
    {
        ScriptedExperiment experiment = Load(
            "local kept\n" +
            "return {\n" + Experiment +
            "  on_draw = function(ctx) kept = ctx.canvas end,\n" +
            "  on_finish = function() print(select(2, pcall(kept.text, kept, 0, 0, 'late'))) end,\n}\n");
        ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        live.Advance();
        live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        experiment.CreateRun().Run();
        Assert.That(PrintedLines.Single(), Is.EqualTo("Canvas:text: draw from an on_draw(ctx) callback"));
    }

    [Test]
    public void CoordinatesAndSizesAreChecked()
    {
        ScriptedExperiment experiment = Load(
            "return {\n" + Experiment +
            "  on_draw = function(ctx)\n" +
            "    print(select(2, pcall(ctx.canvas.line, ctx.canvas, 0, 0, 50, 1)))\n" +
            "    print(select(2, pcall(ctx.canvas.text, ctx.canvas, 0, 0, 'x', { size = 200 })))\n" +
            "    print(select(2, pcall(ctx.canvas.rect, ctx.canvas, 0, 0, 1)))\n" +
            "  end,\n}\n");
        SnapshotAfter(experiment, 1);
        Assert.That(PrintedLines, Is.EqualTo(new[]
        {
            "Canvas:line: argument #3 'x1' must be a number between -10 and 10 (got 50)",
            "Canvas:text: 'size' must be a number between 6 and 96 (got 200)",
            "Canvas:rect: argument #4 'h' is missing (expected a number between -10 and 10)",
        }));
    }
}
