using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A seeded run of the default weather experiment, rendered offscreen through EGL (no display):
/// the picture must show what the snapshot holds, where the layout says.
/// </summary>
public class SeededRunPictureTests
{
    private static string RepositoryScripts => Path.Combine(AppContext.BaseDirectory, "scripts");

    [Test]
    public void TheWeatherExperimentsPictureShowsItsActivationsSeriesAndHud()
    {
        GraphicsProbe probe = GraphicsAvailability.CanRenderOffscreen();
        if (!probe.Available) Assert.Fail($"offscreen rendering unavailable: {probe.Reason}");
        string output = Directory.CreateTempSubdirectory("rnnplay-picture-").FullName;
        using var script = ScriptedExperiment.Load(Path.Combine(RepositoryScripts, "weather.lua"),
            new ScriptedExperimentOptions { WorkingDirectory = AppContext.BaseDirectory, OutputDirectory = output, Output = TextWriter.Null });
        ExperimentRun run = script.CreateRun(new RunSettings { Seed = 5 });
        ILiveExperiment live = script.CreateLive(run);
        while (live.TrainingSteps < 40) live.Advance();
        Snapshot snapshot = live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        NetworkSnapshot network = snapshot.Network!;
        Assert.That(network, Is.Not.Null);

        using var context = new EglOffscreenContext(1280, 800);
        context.MakeCurrent();
        using var scene = new SceneRenderer(context.Gl);
        scene.Render(snapshot, 1280, 800, new FrameStats(60, 5));
        RgbaImage image = FrameCapture.ReadRgba(context.Gl, 1280, 800);
        PngFile.Write(Path.Combine(output, "weather.png"), image);
        TestContext.Out.WriteLine($"picture: {Path.Combine(output, "weather.png")}");

        // The network grid: every shown hidden cell of the last steps has its activation's colour.
        NetworkLayout layout = scene.LastNetworkLayout!;
        float scale = layout.HiddenScales[0];
        int checkedCells = 0;
        for (int t = network.Steps - 4; t < network.Steps; t++)
            for (int u = 0; u < 8; u++)
            {
                float h = network.Hidden[0][t * network.HiddenSizes[0] + u];
                Rgba expected = ColorMap.BlueWhiteRed.Map(h / scale);
                var centre = layout.HiddenCell(t, 0, u).Center;
                Rgba actual = image[(int)centre.X, (int)centre.Y];
                Assert.That(Close(actual, expected, 3), $"hidden cell t={t} unit={u} (h={h:F3}): {actual}, expected {expected}");
                checkedCells++;
            }
        Assert.That(checkedCells, Is.EqualTo(32));

        // The strip chart: the temperature line passes where its latest values say.
        WeatherStreamLayout weather = scene.LastWeatherLayout!;
        ChartGeometry chart = weather.SeriesCharts["temperature"];
        float[] temperature = snapshot.Weather!.Observed[0].Values;
        Rgba lineColor = WeatherStreamView.SeriesColor(0);
        int hits = 0;
        for (int i = temperature.Length - 60; i < temperature.Length - 2; i += 6)
        {
            float x = chart.XOf(i), y = chart.YOf(temperature[i]);
            hits += image.Count(new RectF(x - 2, y - 2, 5, 5), c => Close(c, lineColor, 40)) > 0 ? 1 : 0;
        }
        Assert.That(hits, Is.GreaterThanOrEqualTo(9), "line pixels at the temperature samples (of 10)");

        // The HUD: text is drawn on its strip (the script name and the figures).
        SceneLayout scene0 = scene.LastLayout!;
        int textPixels = image.Count(scene0.Hud, c => c.R > 150 && c.G > 150 && c.B > 150);
        Assert.That(textPixels, Is.GreaterThan(200), "light text pixels in the HUD");
        Directory.Delete(output, recursive: true);
    }

    private static bool Close(Rgba a, Rgba b, int tolerance) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;
}
