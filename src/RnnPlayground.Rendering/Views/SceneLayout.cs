using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Where the HUD and each panel go in a frame of a given size for a given <see cref="ViewPanel"/>.
/// Panels not shown have an empty rectangle. Content rectangles are inside the panel frames, below
/// their titles.
/// </summary>
/// <param name="Banner">The error banner across the bottom (empty without an error).</param>
/// <param name="Controls">The strip of buttons above the banner (empty without one).</param>
public sealed record SceneLayout(int Width, int Height, ViewPanel Panel, RectF Hud, RectF Network, RectF Weather, RectF Training, RectF Banner = default, RectF Controls = default)
{
    private const float Margin = 10f;
    private const float Gap = 10f;
    private const float TitleHeight = 24f;
    private const float Padding = 10f;

    /// <param name="withWeather">Whether the experiment has a weather stream; without one, "all" gives the network and training panels the full height.</param>
    /// <param name="bannerHeight">Height of the error banner kept free at the bottom (0: none).</param>
    /// <param name="controlsHeight">Height of the strip of buttons above the banner (0: none).</param>
    public static SceneLayout Compute(int width, int height, ViewPanel panel, bool withWeather = true, float bannerHeight = 0f, float controlsHeight = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var frame = new RectF(0, 0, width, height);
        var hud = frame.TakeTop(Views.Hud.Height);
        bannerHeight = MathF.Min(MathF.Ceiling(bannerHeight), MathF.Max(0f, height - Views.Hud.Height - 120f));
        var banner = bannerHeight > 0f ? frame.TakeBottom(bannerHeight) : default;
        controlsHeight = height - Views.Hud.Height - bannerHeight - controlsHeight >= 200f ? controlsHeight : 0f;
        var controls = controlsHeight > 0f ? frame.SkipBottom(bannerHeight).TakeBottom(controlsHeight) : default;
        var body = frame.SkipTop(Views.Hud.Height).SkipBottom(bannerHeight + controlsHeight).Inset(Margin);
        RectF network = default, weather = default, training = default;
        switch (panel)
        {
            case ViewPanel.Network:
                network = body;
                break;
            case ViewPanel.Weather:
                weather = body;
                break;
            case ViewPanel.Training:
                training = body;
                break;
            case ViewPanel.All when !withWeather:
                network = body.TakeLeft(MathF.Round((body.Width - Gap) * 0.6f));
                training = body.SkipLeft(network.Width + Gap);
                break;
            default:
                var top = body.TakeTop(MathF.Round((body.Height - Gap) * 0.58f));
                weather = body.SkipTop(top.Height + Gap);
                network = top.TakeLeft(MathF.Round((top.Width - Gap) * 0.6f));
                training = top.SkipLeft(network.Width + Gap);
                break;
        }

        return new SceneLayout(width, height, panel, hud, Snap(network), Snap(weather), Snap(training), Snap(banner), Snap(controls));
    }

    /// <summary>The frame of <paramref name="panel"/> (the whole frame for <see cref="ViewPanel.All"/>).</summary>
    public RectF FrameOf(ViewPanel panel) => panel switch
    {
        ViewPanel.Network => Network,
        ViewPanel.Weather => Weather,
        ViewPanel.Training => Training,
        _ => new RectF(0, 0, Width, Height),
    };

    /// <summary>Inside <paramref name="panel"/>'s frame, below its title; what views and overlays draw into.</summary>
    public RectF ContentOf(ViewPanel panel)
    {
        var frame = FrameOf(panel);
        if (panel == ViewPanel.All)
        {
            return frame;
        }

        return frame.IsEmpty ? frame : frame.Inset(Padding, TitleHeight + 4f, Padding, Padding);
    }

    /// <summary>
    /// The parts of the frame below the HUD that no panel covers (margins and gaps between panels),
    /// as disjoint rectangles.
    /// </summary>
    public IReadOnlyList<RectF> Gaps()
    {
        var pieces = new List<RectF> { RectF.FromEdges(0, Hud.Bottom, Width, Height) };
        foreach (var panel in new[] { Network, Weather, Training })
        {
            if (panel.IsEmpty)
            {
                continue;
            }

            var next = new List<RectF>();
            foreach (var piece in pieces)
            {
                next.AddRange(Subtract(piece, panel));
            }

            pieces = next;
        }

        return pieces;
    }

    /// <summary><paramref name="a"/> minus <paramref name="b"/>: up to four rectangles (above, below, left, right of the overlap).</summary>
    private static IEnumerable<RectF> Subtract(RectF a, RectF b)
    {
        var left = MathF.Max(a.X, b.X);
        var right = MathF.Min(a.Right, b.Right);
        var top = MathF.Max(a.Y, b.Y);
        var bottom = MathF.Min(a.Bottom, b.Bottom);
        if (left >= right || top >= bottom)
        {
            yield return a;
            yield break;
        }

        var candidates = new[]
        {
            RectF.FromEdges(a.X, a.Y, a.Right, top),
            RectF.FromEdges(a.X, bottom, a.Right, a.Bottom),
            RectF.FromEdges(a.X, top, left, bottom),
            RectF.FromEdges(right, top, a.Right, bottom),
        };
        foreach (var piece in candidates)
        {
            if (!piece.IsEmpty)
            {
                yield return piece;
            }
        }
    }

    /// <summary>The title strip of a panel's frame.</summary>
    public static RectF TitleOf(RectF frame) => frame.TakeTop(TitleHeight);

    private static RectF Snap(RectF r) => r.IsEmpty ? default : r.Snapped();
}
