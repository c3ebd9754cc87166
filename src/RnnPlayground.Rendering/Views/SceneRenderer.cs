using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Snapshots;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Draws a whole frame for a snapshot: the HUD, then the panels of the current
/// <see cref="ViewPanel"/> (all, network, weather or training; Tab cycles), each in a titled frame
/// (the weather panel's place shows a comparison's variants, or an encoder–decoder's attention, and
/// the network panel's an encoder–decoder unrolled over its sample),
/// then the script's overlay items, the strip of control buttons, and the tooltip of what is under
/// the pointer (<see cref="Inspector"/>); laid out afresh for each framebuffer size, so resizing
/// works. One frame costs a clear and two instanced draw calls.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly DrawListRenderer _renderer;
    private readonly UnrolledNetworkView _networkView = new();
    private readonly WeatherStreamView _weatherView = new();
    private readonly TrainingPanelView _trainingView = new();
    private readonly ComparisonView _comparisonView = new();
    private readonly AttentionView _attentionView = new();
    private readonly EncoderDecoderView _encoderDecoderView = new();
    private readonly Hud _hud = new();
    private readonly TextBanner _banner = TextBanner.ForErrors();
    private readonly TextBanner _narration = TextBanner.ForNarration();
    private readonly GlyphAtlas? _fixedAtlas;
    private readonly Dictionary<float, GlyphAtlas> _atlases = [];
    private ViewPanel? _lastScriptPanel;
    private bool _disposed;

    /// <param name="atlas">Glyphs to draw text with at every scale; null builds the default (DejaVu Sans) atlas for each presentation scale.</param>
    /// <param name="shaderDirectory">Where the shaders are; null for shaders/ beside the assembly.</param>
    public SceneRenderer(GL gl, GlyphAtlas? atlas = null, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        _fixedAtlas = atlas;
        atlas ??= AtlasFor(1f);
        _renderer = new DrawListRenderer(gl, atlas, shaderDirectory);
        DrawList = new DrawList(atlas);
    }

    /// <summary>The presenter's factor on top of the scale that follows the frame size (<c>--scale</c>, Ctrl+= / Ctrl+−).</summary>
    public float UserScale
    {
        get;
        set => field = Math.Clamp(value, PresentationScale.MinUser, PresentationScale.MaxUser);
    } = 1f;

    /// <summary>The pointer, what is under it, the pinned unit and the control buttons.</summary>
    public SceneInspector Inspector { get; } = new();

    /// <summary>Whether the strip of control buttons is drawn at the bottom.</summary>
    public bool ShowControls { get; set; } = true;

    /// <summary>Moves the pointer to (<paramref name="x"/>, <paramref name="y"/>) in framebuffer pixels (as of the latest frame's scale).</summary>
    public void PointerAt(float x, float y) => Inspector.Pointer = new Vector2(x, y) / Scale;

    /// <summary>A left click at (<paramref name="x"/>, <paramref name="y"/>) framebuffer pixels: the button's control there, or null (a unit there is pinned or let go).</summary>
    public WindowControl? Click(float x, float y) => Inspector.Click(this, new Vector2(x, y) / Scale);

    /// <summary>Whether the help (keys and colours) is shown in place of the panels (? toggles it).</summary>
    public bool ShowHelp { get; set; }

    /// <summary>The keys the help lists: the window's host sets those it handles (<see cref="HelpOverlay.Keys"/> by default).</summary>
    public IReadOnlyList<(string Keys, string Action)> HelpKeys { get; set; } = HelpOverlay.Keys;

    /// <summary>Device pixels per layout pixel in the latest frame.</summary>
    public float Scale { get; private set; } = 1f;

    /// <summary>What the latest frame's layout had to cut, or text that overlaps or leaves the frame (see <see cref="LayoutReport"/>).</summary>
    public IReadOnlyList<string> LayoutProblems() =>
        LastLayout is { } l ? LayoutReport.Problems(DrawList, l.Width, l.Height) : [];

    /// <summary>The lines of the error banner in the latest frame (empty without an error).</summary>
    public IReadOnlyList<string> BannerLines => [.. _banner.Lines];

    /// <summary>The lines of the narration panel (the step-through and <c>ctx.say</c>) in the latest frame.</summary>
    public IReadOnlyList<string> NarrationLines => [.. _narration.Lines];

    /// <summary>The panel at (<paramref name="x"/>, <paramref name="y"/>) framebuffer pixels in the latest frame, or null outside every panel.</summary>
    public ViewPanel? PanelAt(float x, float y)
    {
        if (LastLayout is not { } l)
        {
            return null;
        }

        var (px, py) = (x / Scale, y / Scale);
        foreach (var panel in new[] { ViewPanel.Network, ViewPanel.Weather, ViewPanel.Training })
        {
            if (l.FrameOf(panel).Contains(px, py))
            {
                return panel;
            }
        }

        return null;
    }

    /// <summary>The panel shown; set by the user (Tab) or, when it changes its request, the script.</summary>
    public ViewPanel Panel { get; set; }

    /// <summary>The list the latest frame was built in (read it after <see cref="Render"/>, e.g. for counts).</summary>
    public DrawList DrawList { get; }

    public SceneLayout? LastLayout { get; private set; }

    public NetworkLayout? LastNetworkLayout { get; private set; }

    /// <summary>The gradient strip of the latest frame's network panel (null when it was not drawn).</summary>
    public GradientStrip? LastGradientStrip => LastNetworkLayout is null ? null : _networkView.LastGradientStrip;

    public WeatherStreamLayout? LastWeatherLayout { get; private set; }

    public TrainingPanelLayout? LastTrainingLayout { get; private set; }

    /// <summary>The variants panel of the latest frame (null when the snapshot compares nothing or the panel was not shown).</summary>
    public ComparisonLayout? LastComparisonLayout { get; private set; }

    /// <summary>The attention panel of the latest frame (null when the snapshot has no encoder–decoder sample or the panel was not shown).</summary>
    public AttentionLayout? LastAttentionLayout { get; private set; }

    /// <summary>The encoder–decoder unrolled in the latest frame's network panel (null when the snapshot has no unrolled states or the panel was not shown).</summary>
    public EncoderDecoderLayout? LastEncoderDecoderLayout { get; private set; }

    public int LastDrawCalls => _renderer.LastDrawCalls;

    /// <summary>Quads the latest <see cref="Render"/> submitted (<see cref="DrawListRenderer.LastSubmittedQuads"/>).</summary>
    public int LastSubmittedQuads => _renderer.LastSubmittedQuads;

    /// <summary>Pixels the latest <see cref="Render"/> drew again (all of them unless <see cref="RetainsFrame"/>).</summary>
    public long LastRedrawnPixels => _renderer.LastRedrawnPixels;

    /// <summary>
    /// Set when the framebuffer still holds the frame this scene drew last (a window on Mesa's software
    /// drivers): <see cref="Render"/> then draws only the tiles that changed (<see cref="DrawListRenderer.RenderFrame"/>).
    /// </summary>
    public bool RetainsFrame { get; set; }

    /// <summary>Whether <see cref="SubmitStarted"/> and <see cref="TilesHashed"/> read the thread's CPU clock too (set while a frame profile is taken).</summary>
    public bool TimesPhases
    {
        get => _renderer.TimesPhases;
        set => _renderer.TimesPhases = value;
    }

    /// <summary>When the latest <see cref="Render"/> had built its draw list and began drawing it (Stopwatch ticks, the thread's CPU clock when <see cref="TimesPhases"/>).</summary>
    public (long Timestamp, long Cpu) SubmitStarted { get; private set; }

    /// <summary>When the latest <see cref="Render"/> had found the tiles that changed and began the GL calls.</summary>
    public (long Timestamp, long Cpu) TilesHashed => _renderer.TilesHashed;

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
        Scale = PresentationScale.For(width, height, UserScale);
        var atlas = _fixedAtlas ?? AtlasFor(Scale);
        _renderer.UseAtlas(atlas);
        var list = DrawList;
        list.Use(atlas, Scale);
        list.Clear();
        var logicalWidth = Math.Max(1, (int)(width / Scale));
        var logicalHeight = Math.Max(1, (int)(height / Scale));
        var bannerHeight = _banner.Measure(list, logicalWidth, TextBanner.Error(snapshot?.Error));
        var narrationHeight = MathF.Ceiling(_narration.Measure(list, logicalWidth, TextBanner.Narration(snapshot)));
        var layout = SceneLayout.Compute(logicalWidth, logicalHeight, Panel, withWeather: snapshot is null || snapshot.Weather is not null || snapshot.Comparison is not null || snapshot.Attention is not null, bannerHeight + narrationHeight,
            ShowControls ? ControlBar.Height : 0f);
        // The narration takes the top of the strip kept at the bottom, the error banner the rest.
        var narrationArea = narrationHeight > 0f && !layout.Banner.IsEmpty ? layout.Banner.TakeTop(MathF.Min(narrationHeight, layout.Banner.Height)) : default;
        layout = layout with { Banner = narrationArea.IsEmpty ? layout.Banner : layout.Banner.SkipTop(narrationArea.Height) };
        Inspector.Pinned.Observe(snapshot);
        LastNetworkLayout = null;
        LastWeatherLayout = null;
        LastTrainingLayout = null;
        LastComparisonLayout = null;
        LastAttentionLayout = null;
        LastEncoderDecoderLayout = null;
        // The frame is cleared to the panel colour (the cheapest fill), so only the margins between
        // panels are filled with the background colour.
        foreach (var gap in layout.Gaps())
        {
            list.FillBackground(gap, Theme.Background);
        }

        list.Region = layout.Hud;
        _hud.Draw(list, layout.Hud, snapshot, stats, Panel);
        if (ShowHelp)
        {
            list.Region = layout.FrameOf(ViewPanel.All).SkipTop(Views.Hud.Height);
            HelpOverlay.Draw(list, RectF.FromEdges(0, Views.Hud.Height, layout.Width, layout.Banner.IsEmpty ? layout.Height : layout.Banner.Y).Inset(10f), HelpKeys);
        }
        else if (snapshot is not null)
        {
            var settings = snapshot.View;
            if (!layout.Network.IsEmpty && snapshot.Attention is { HasStates: true } unrolled)
            {
                // An encoder–decoder shows itself unrolled over its sample where a stack shows its network.
                DrawPanel(list, layout, ViewPanel.Network, "UNROLLED ENCODER–DECODER · ATTENTION", null, content =>
                    LastEncoderDecoderLayout = _encoderDecoderView.Draw(list, content, unrolled, settings));
            }
            else if (!layout.Network.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Network, "UNROLLED NETWORK", snapshot.Network is null ? "no recurrent network in this experiment" : null, content =>
                    LastNetworkLayout = _networkView.Draw(list, content, snapshot.Network!, settings, trained: snapshot.Step > 0));
            }

            if (!layout.Weather.IsEmpty && snapshot.Comparison is { } comparison)
            {
                // A comparison shows its variants side by side where a weather world shows its stream.
                DrawPanel(list, layout, ViewPanel.Weather, $"VARIANTS SIDE BY SIDE · {comparison.Variants.Count}", null, content =>
                    LastComparisonLayout = _comparisonView.Draw(list, content, comparison));
            }
            else if (!layout.Weather.IsEmpty && snapshot.Weather is null && snapshot.Attention is { } attention)
            {
                // An encoder–decoder shows its attention where a weather world shows its stream.
                DrawPanel(list, layout, ViewPanel.Weather, "ATTENTION · OUTPUT AGAINST TARGET", null, content =>
                    LastAttentionLayout = _attentionView.Draw(list, content, attention));
            }
            else if (!layout.Weather.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Weather, snapshot.Weather?.Title ?? "WEATHER STREAM", snapshot.Weather is null ? "no weather stream in this experiment" : null, content =>
                    LastWeatherLayout = _weatherView.Draw(list, content, snapshot.Weather!, settings));
            }

            if (!layout.Training.IsEmpty)
            {
                DrawPanel(list, layout, ViewPanel.Training, "TRAINING", null, content =>
                    LastTrainingLayout = _trainingView.Draw(list, content, snapshot));
            }

            if (LastNetworkLayout is { } network)
            {
                list.Region = layout.FrameOf(ViewPanel.Network);
                StageMarks.Draw(list, network, snapshot);
                Inspector.Pinned.Draw(list, network);
            }

            list.Region = default;
            OverlayPainter.Draw(list, layout, snapshot.Overlay);
        }

        list.Region = layout.Controls;
        Inspector.Controls.Draw(list, layout.Controls, snapshot, Inspector.Hovered?.Control is { } c && Inspector.Hovered?.Kind == InspectedKind.Button ? c : null);
        list.Region = narrationArea;
        _narration.Draw(list, narrationArea);
        list.Region = layout.Banner;
        _banner.Draw(list, layout.Banner);
        Inspector.Update(this, snapshot, HashCode.Combine(layout.Width, layout.Height, Panel, ShowHelp));
        if (Inspector.Pointer is { } pointer && Inspector.TooltipLines.Count > 0)
        {
            list.Region = default;
            Tooltip.Draw(list, pointer, Inspector.TooltipLines, new RectF(0, 0, layout.Width, layout.Height));
        }

        SubmitStarted = ThreadCpuClock.Mark(TimesPhases);
        _renderer.RenderFrame(list, Theme.Panel, width, height, RetainsFrame);
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

    private GlyphAtlas AtlasFor(float scale)
    {
        if (!_atlases.TryGetValue(scale, out var atlas))
        {
            atlas = GlyphAtlas.CreateDefault(scale);
            _atlases[scale] = atlas;
        }

        return atlas;
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
        list.Region = frame;
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
