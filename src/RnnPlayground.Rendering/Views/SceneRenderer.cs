using RnnPlayground.Snapshots;
using RnnPlayground.Rendering.Drawing;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Draws a whole frame for a snapshot: the HUD, then the panels of the current
/// <see cref="ViewPanel"/> (all, network, weather or training; Tab cycles), each in a titled frame,
/// then the script's overlay items; laid out afresh for each framebuffer size, so resizing works.
/// One frame costs a clear and two instanced draw calls.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly DrawListRenderer _renderer;
    private readonly UnrolledNetworkView _networkView = new();
    private readonly WeatherStreamView _weatherView = new();
    private readonly TrainingPanelView _trainingView = new();
    private readonly Hud _hud = new();
    private ViewPanel? _lastScriptPanel;
    private bool _disposed;

    /// <param name="atlas">Glyphs to draw text with; null builds the default (DejaVu Sans) atlas.</param>
    /// <param name="shaderDirectory">Where the shaders are; null for shaders/ beside the assembly.</param>
    public SceneRenderer(GL gl, GlyphAtlas? atlas = null, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        atlas ??= GlyphAtlas.CreateDefault();
        _renderer = new DrawListRenderer(gl, atlas, shaderDirectory);
        DrawList = new DrawList(atlas);
    }

    /// <summary>The panel shown; set by the user (Tab) or, when it changes its request, the script.</summary>
    public ViewPanel Panel { get; set; }

    /// <summary>The list the latest frame was built in (read it after <see cref="Render"/>, e.g. for counts).</summary>
    public DrawList DrawList { get; }

    public SceneLayout? LastLayout { get; private set; }

    public NetworkLayout? LastNetworkLayout { get; private set; }

    public WeatherStreamLayout? LastWeatherLayout { get; private set; }

    public TrainingPanelLayout? LastTrainingLayout { get; private set; }

    public int LastDrawCalls => _renderer.LastDrawCalls;

    /// <summary>Recompiles the shaders from their files; on a <see cref="GlObjects.ShaderException"/> the current ones stay.</summary>
    public void ReloadShaders() => _renderer.ReloadShaders();

    /// <summary>All → network → weather → training → all.</summary>
    public ViewPanel CyclePanel()
    {
        Panel = Panel switch
        {
            ViewPanel.All => ViewPanel.Network,
            ViewPanel.Network => ViewPanel.Weather,
            ViewPanel.Weather => ViewPanel.Training,
            _ => ViewPanel.All,
        };
        return Panel;
    }

    /// <summary>Clears the bound framebuffer and draws <paramref name="snapshot"/> (null: a waiting screen) into it.</summary>
    public SceneLayout Render(Snapshot? snapshot, int width, int height, FrameStats stats)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        FollowScript(snapshot?.View?.Panel);
        var layout = SceneLayout.Compute(width, height, Panel, withWeather: snapshot is null || snapshot.Weather is not null);
        var list = DrawList;
        list.Clear();
        LastNetworkLayout = null;
        LastWeatherLayout = null;
        LastTrainingLayout = null;
        // The frame is cleared to the panel colour (the cheapest fill), so only the margins between
        // panels are filled with the background colour.
        foreach (var gap in layout.Gaps())
        {
            list.FillBackground(gap, Theme.Background);
        }

        _hud.Draw(list, layout.Hud, snapshot, stats, Panel);
        if (snapshot is not null)
        {
            var settings = snapshot.View;
            if (!layout.Network.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Network, "UNROLLED NETWORK", snapshot.Network is null ? "no recurrent network in this experiment" : null, content =>
                    LastNetworkLayout = _networkView.Draw(list, content, snapshot.Network!, settings));
            }

            if (!layout.Weather.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Weather, "WEATHER STREAM", snapshot.Weather is null ? "no weather stream in this experiment" : null, content =>
                    LastWeatherLayout = _weatherView.Draw(list, content, snapshot.Weather!, settings));
            }

            if (!layout.Training.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Training, "TRAINING", null, content =>
                    LastTrainingLayout = _trainingView.Draw(list, content, snapshot));
            }

            OverlayPainter.Draw(list, layout, snapshot.Overlay);
        }

        _renderer.Clear(Theme.Panel);
        _renderer.Render(list, width, height);
        LastLayout = layout;
        return layout;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _renderer.Dispose();
    }

    private void FollowScript(ViewPanel? requested)
    {
        if (requested is { } panel && panel != _lastScriptPanel)
        {
            Panel = panel;
        }

        _lastScriptPanel = requested;
    }

    private static void DrawPanel(DrawList list, SceneLayout layout, ViewPanel panel, string title, string? emptyMessage, Action<RectF> drawContent)
    {
        var frame = layout.FrameOf(panel);
        list.StrokeRect(frame, Theme.PanelBorder);
        var titleStrip = SceneLayout.TitleOf(frame);
        list.FillBackground(titleStrip.Inset(1f, 1f, 1f, 0f), Theme.PlotBackground);
        list.Text(title, frame.X + 10f, titleStrip.Center.Y, TextStyle.Small.Bolded, Theme.Title, HAlign.Left, VAlign.Middle);
        var content = layout.ContentOf(panel);
        if (emptyMessage is not null)
        {
            list.Text(emptyMessage, content.Center.X, content.Center.Y, TextStyle.Body, Theme.TextDim, HAlign.Center, VAlign.Middle);
            return;
        }

        try
        {
            drawContent(content);
        }
        catch (ArgumentException e)
        {
            // A malformed snapshot shows up where it would have been drawn instead of ending the viewer.
            list.Text(list.Ellipsize(e.Message, TextStyle.Body, content.Width), content.X, content.Y, TextStyle.Body, Theme.Danger);
        }
    }
}
