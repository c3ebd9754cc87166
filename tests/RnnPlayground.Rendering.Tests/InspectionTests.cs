using System.Numerics;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// The pointer over a rendered scene: the tooltip reads the exact value under it from the
/// snapshot (a hidden unit, a gate, a weight, an output decoded, a gradient bar, a chart point),
/// a click on a unit pins its trace and a click on a button asks for its control.
/// </summary>
public class InspectionTests : OffscreenSceneFixture
{
    [SetUp]
    public void MakeCurrent()
    {
        Context.MakeCurrent();
        Scene.Panel = ViewPanel.All;
        Scene.Inspector.Pointer = null;
        Scene.Inspector.Pinned.Unpin();
    }

    private void Frame(Snapshot snapshot) => Scene.Render(snapshot, Context.Width, Context.Height, new FrameStats(60, 4.2));

    /// <summary>Renders <paramref name="snapshot"/>, moves the pointer to what <paramref name="where"/> finds in the layout, renders again; returns the tooltip.</summary>
    private IReadOnlyList<string> HoverOver(Snapshot snapshot, Func<SceneRenderer, Vector2> where)
    {
        Frame(snapshot);
        var p = where(Scene) * Scene.Scale;
        Scene.PointerAt(p.X, p.Y);
        Frame(snapshot);
        return Scene.Inspector.TooltipLines;
    }

    [Test]
    public void HoveringAHiddenCellShowsItsActivationFromTheSnapshot()
    {
        var lines = HoverOver(SyntheticSnapshots.Full(), s => s.LastNetworkLayout!.HiddenCell(3, 1, 2).Center);
        Assert.That(Scene.Inspector.Hovered, Is.EqualTo(new Inspected(InspectedKind.Hidden, Layer: 1, Step: 3, Unit: 2)));
        Assert.That(lines[0], Is.EqualTo("lstm 2 · unit 2 · t=3"));
        Assert.That(lines[1], Is.EqualTo($"h = {NumberFormat.Exact(SyntheticSnapshots.Hidden(1, 3, 2))}"));
        Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Does.Contain(lines[1]), "the tooltip is drawn");
    }

    [Test]
    public void HoveringAGateStripShowsTheGateByName()
    {
        var lines = HoverOver(SyntheticSnapshots.Full(), s => s.LastNetworkLayout!.GateCell(4, 0, 1, 3).Center);
        Assert.That(lines[1], Is.EqualTo($"f (forget gate) = {NumberFormat.Exact(SyntheticSnapshots.Gate(0, 4, 1, 3))}"));
    }

    [Test]
    public void HoveringAGradientBarShowsItsNorm()
    {
        var lines = HoverOver(SyntheticSnapshots.Full(), s => s.LastGradientStrip!.Slot(2).Center);
        Assert.That(lines, Is.EqualTo(new[] { "|∂L/∂h| at t=2", NumberFormat.Exact(1e-4f) }));
    }

    [Test]
    public void HoveringAWeightLineShowsFromToAndTheWeight()
    {
        var snapshot = SyntheticSnapshots.Full();
        Frame(snapshot);
        var layout = Scene.LastNetworkLayout!;
        var link = NetworkConnections.Of(layout).First(l => l.Recurrent && NetworkHitTest.At(layout, null, (l.From + l.To) / 2f)?.Kind == InspectedKind.Weight);
        var lines = HoverOver(snapshot, _ => (link.From + link.To) / 2f);
        Assert.That(Scene.Inspector.Hovered?.Kind, Is.EqualTo(InspectedKind.Weight));
        var hovered = Scene.Inspector.Hovered!.Value;
        var w = snapshot.Network!.RecurrentWeights[hovered.Layer][(((2 * SyntheticSnapshots.Units) + hovered.Unit) * SyntheticSnapshots.Units) + hovered.Index];
        Assert.That(lines[0], Does.StartWith("W_hh (g) · h").And.Contain(" → lstm"));
        Assert.That(lines[1], Is.EqualTo($"w = {NumberFormat.Exact(w)}"));
    }

    [Test]
    public void HoveringAnOutputWeightLineShowsFromToAndItsValueAndTheLabelsWriteItOut()
    {
        var units = SyntheticSnapshots.Units;
        float[] wY = [.. Enumerable.Range(0, SyntheticSnapshots.OutputSize * units).Select(k => MathF.Round(MathF.Sin(k + 0.5f), 2))];
        var network = SyntheticSnapshots.Lstm() with { OutputWeights = wY, OutputBias = [0.1f, -0.2f, 0.3f] };
        var snapshot = SyntheticSnapshots.Full(network: network, view: new ViewSettings { WeightLabels = true, MaxConnections = 100 });
        Frame(snapshot);
        var layout = Scene.LastNetworkLayout!;
        var links = NetworkConnections.Of(layout).Where(l => l.Output).ToList();
        Assert.That(links.Select(l => l.Layer).Distinct(), Is.EqualTo(new[] { SyntheticSnapshots.Layers - 1 }), "W_y reads the last recurrent layer");
        Assert.That(links.Select(l => l.Step).Distinct(), Does.Not.Contain(0), "no line where the step has no output");
        var link = links.First(l => NetworkHitTest.At(layout, null, (l.From + l.To) / 2f)?.Kind == InspectedKind.OutputWeight);
        var lines = HoverOver(snapshot, _ => (link.From + link.To) / 2f);
        var hovered = Scene.Inspector.Hovered!.Value;
        Assert.That(hovered.Kind, Is.EqualTo(InspectedKind.OutputWeight));
        Assert.That(lines[0], Is.EqualTo($"W_y · lstm 2 h{hovered.Index} → output {InspectorText.UnitName(network, InspectedKind.Output, hovered.Unit)}"));
        Assert.That(lines[1], Is.EqualTo($"w = {NumberFormat.Exact(wY[(hovered.Unit * units) + hovered.Index])}"));
        Assert.That(InspectedValue.Of(hovered, snapshot), Is.EqualTo(wY[(hovered.Unit * units) + hovered.Index]));

        // With weight_labels, each output line of the last step carries its value.
        var last = layout.FirstStep + layout.StepCount - 1;
        var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
        foreach (var l in links.Where(l => l.Step == last))
        {
            Assert.That(texts, Does.Contain(NumberFormat.Fixed(l.Weight, 2)), $"W_y[{l.Row}, {l.Column}]");
        }
    }

    [Test]
    public void HoveringAChartShowsThePointUnderThePointer()
    {
        var lines = HoverOver(SyntheticSnapshots.Full(), s => new Vector2(s.LastWeatherLayout!.SeriesCharts["temperature"].XOf(50), s.LastWeatherLayout.SeriesCharts["temperature"].Plot.Center.Y));
        Assert.That(lines, Is.EqualTo(new[] { "temperature · hour 290", $"{NumberFormat.Exact(SyntheticSnapshots.Temperature(50))} °C" }));
    }

    [Test]
    public void NamedRowsShowFeaturesAndTheDecodedForecast()
    {
        var network = Labelled(SyntheticSnapshots.Lstm());
        var snapshot = SyntheticSnapshots.Full(network: network);
        var lines = HoverOver(snapshot, s => s.LastNetworkLayout!.Cell(s.LastNetworkLayout.OutputBand!, SyntheticSnapshots.Steps - 1, 1).Center);
        var layout = Scene.LastNetworkLayout!;
        Assert.That(layout.InputsNamed && layout.OutputsNamed, Is.True);
        var p = network.Labels!.Decoded[((SyntheticSnapshots.Steps - 1) * 3) + 1];
        Assert.That(lines[0], Is.EqualTo($"output rain · t={SyntheticSnapshots.Steps - 1}"));
        Assert.That(lines[1], Is.EqualTo($"p = {NumberFormat.Exact(p * 100f)} %"));
        var texts = Scene.DrawList.TextBoxes.Select(b => b.Text).ToList();
        Assert.That(texts, Does.Contain("pressure").And.Contain("wind").And.Contain("rain"));
        Assert.That(texts, Does.Contain(UnitNames.OutputValue(network.Labels, 1, p)), "the forecast beside its class");
        Assert.That(texts, Does.Contain($"{NumberFormat.Compact(network.Labels.Decoded[((SyntheticSnapshots.Steps - 1) * 3) + 2])} °C"), "the value in its unit");
    }

    [Test]
    public void ClickingAUnitPinsItsTraceAndClickingAgainLetsGo()
    {
        var snapshot = SyntheticSnapshots.Full();
        Frame(snapshot);
        var cell = Scene.LastNetworkLayout!.HiddenCell(5, 0, 4).Center * Scene.Scale;
        Assert.That(Scene.Click(cell.X, cell.Y), Is.Null);
        Assert.That(Scene.Inspector.Pinned.Unit, Is.EqualTo((0, 4)));
        Frame(snapshot);
        Frame(snapshot with { Sequence = 43 });
        Frame(snapshot with { Sequence = 43 });
        Assert.That(Scene.Inspector.Pinned.Values(), Is.EqualTo(new[] { SyntheticSnapshots.Hidden(0, 5, 4), SyntheticSnapshots.Hidden(0, 5, 4) }),
            "one value per new snapshot: h at the last step");
        Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Does.Contain("lstm 1 · unit 4 · h at the last step"));
        Scene.Click(cell.X, cell.Y);
        Assert.That(Scene.Inspector.Pinned.Unit, Is.Null);
    }

    [Test]
    public void ClickingAButtonAsksForItsControl()
    {
        var snapshot = SyntheticSnapshots.Full();
        Frame(snapshot);
        var buttons = Scene.Inspector.Controls.Buttons;
        Assert.That(buttons.Select(b => b.Control), Is.EqualTo(new[]
        {
            WindowControl.PauseResume, WindowControl.HalveLearningRate, WindowControl.DoubleLearningRate,
            WindowControl.ToggleClipping, WindowControl.Slower, WindowControl.Faster, WindowControl.ResetWeights,
        }));
        foreach (var (box, control) in buttons)
        {
            Assert.That(Scene.LastLayout!.Controls.Contains(box), control.ToString());
            Assert.That(Scene.Click(box.Center.X * Scene.Scale, box.Center.Y * Scene.Scale), Is.EqualTo(control));
        }

        Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Does.Contain("lr 3.0e−4").And.Contain($"speed {Hud.Speed(24)}").And.Contain("‖ pause").And.Contain("clip 1.00").And.Contain("↺ reset weights"));
        Assert.That(Scene.LayoutProblems(), Is.Empty);
    }

    [Test]
    public void AHostThatCarriesOutOnlyPauseShowsOnlyThatButton()
    {
        var all = Scene.Inspector.Controls.Available;
        Scene.Inspector.Controls.Available = [WindowControl.PauseResume];
        try
        {
            Frame(SyntheticSnapshots.Full());
            var buttons = Scene.Inspector.Controls.Buttons;
            Assert.That(buttons.Select(b => b.Control), Is.EqualTo(new[] { WindowControl.PauseResume }));
            Assert.That(Scene.Click(buttons[0].Box.Center.X * Scene.Scale, buttons[0].Box.Center.Y * Scene.Scale), Is.EqualTo(WindowControl.PauseResume));
            Assert.That(Scene.DrawList.TextBoxes.Select(b => b.Text), Does.Contain("‖ pause").And.Not.Contain("↺ reset weights").And.Not.Contain("÷2"));
            Assert.That(Scene.LayoutProblems(), Is.Empty);
        }
        finally
        {
            Scene.Inspector.Controls.Available = all;
        }
    }

    /// <summary><paramref name="n"/> with weather-like names: five features, classes dry / rain, a temperature in °C.</summary>
    private static NetworkSnapshot Labelled(NetworkSnapshot n)
    {
        var decoded = new float[n.Steps * 3];
        for (var t = 0; t < n.Steps; t++)
        {
            var o = n.Outputs.AsSpan(t * 3, 3);
            var e0 = MathF.Exp(o[0]);
            var e1 = MathF.Exp(o[1]);
            (decoded[t * 3], decoded[(t * 3) + 1], decoded[(t * 3) + 2]) = (e0 / (e0 + e1), e1 / (e0 + e1), (o[2] * 5f) + 10f);
        }

        return n with
        {
            Labels = new NetworkLabels(["temp_mean", "humidity", "wind", "pressure", "precipitation"], ["°C", "%", "m/s", "hPa", "mm"], [], [],
                ["dry", "rain", "temp_mean"], ["%", "%", "°C"], 2, decoded),
        };
    }
}
