using System.Numerics;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The pointer over a scene: what is under it in the latest frame's layouts (a button, a unit, a
/// gate, a weight, a gradient bar, a chart point) and the tooltip that reads its value from the
/// snapshot; a click on a hidden unit pins its trace (<see cref="PinnedTrace"/>), a click on a
/// button asks for its control. Positions are in layout pixels. Worked out again only when the
/// pointer or the snapshot changed.
/// </summary>
public sealed class SceneInspector
{
    private Vector2? _testedAt;
    private long _testedSequence = -1;
    private int _testedLayout = -1;

    /// <summary>The pointer in layout pixels (null: outside the window or never seen).</summary>
    public Vector2? Pointer { get; set; }

    /// <summary>What the pointer is over in the latest frame.</summary>
    public Inspected? Hovered { get; private set; }

    /// <summary>The tooltip of the latest frame (empty when nothing is under the pointer).</summary>
    public IReadOnlyList<string> TooltipLines { get; private set; } = [];

    public PinnedTrace Pinned { get; } = new();

    /// <summary>What the latest click hit (null: nothing that reads a value, e.g. a panel's background).</summary>
    public Inspected? LastClicked { get; private set; }

    public ControlBar Controls { get; } = new();

    /// <summary>Finds what is under the pointer in the frame just laid out (<paramref name="layoutKey"/> changes with the frame's size and panels).</summary>
    internal void Update(SceneRenderer scene, Snapshot? snapshot, int layoutKey)
    {
        var sequence = snapshot?.Sequence ?? -1;
        if (Pointer == _testedAt && sequence == _testedSequence && layoutKey == _testedLayout)
        {
            return;
        }

        (_testedAt, _testedSequence, _testedLayout) = (Pointer, sequence, layoutKey);
        Hovered = Pointer is { } p ? Find(scene, p) : null;
        TooltipLines = Hovered is { Kind: not InspectedKind.Button } h && snapshot is not null ? InspectorText.Describe(h, snapshot) : [];
    }

    /// <summary>
    /// A click at <paramref name="p"/> (layout pixels): the control of a button there, or null after
    /// pinning (or unpinning) the hidden unit there.
    /// </summary>
    internal WindowControl? Click(SceneRenderer scene, Vector2 p)
    {
        LastClicked = Find(scene, p);
        switch (LastClicked)
        {
            case { Kind: InspectedKind.Button } b:
                return b.Control;
            case { Kind: InspectedKind.Hidden or InspectedKind.Gate } h:
                if (Pinned.Unit == (h.Layer, h.Unit))
                {
                    Pinned.Unpin();
                }
                else
                {
                    Pinned.Pin(h.Layer, h.Unit);
                }

                _testedLayout = -1;
                return null;
            default:
                return null;
        }
    }

    private Inspected? Find(SceneRenderer scene, Vector2 p)
    {
        if (Controls.At(p) is { } control)
        {
            return new Inspected(InspectedKind.Button, Control: control);
        }

        if (scene.ShowHelp)
        {
            return null;
        }

        if (scene.LastNetworkLayout is { } network && network.Area.Inset(-4f).Contains(p.X, p.Y)
            && NetworkHitTest.At(network, scene.LastGradientStrip, p) is { } inNetwork)
        {
            return inNetwork;
        }

        if (scene.LastEncoderDecoderLayout?.At(p) is { } inEncoderDecoder)
        {
            return inEncoderDecoder;
        }

        if (scene.LastAttentionLayout?.At(p) is { } inHeatmap)
        {
            return inHeatmap;
        }

        return ChartHitTest.At(scene.LastWeatherLayout, scene.LastTrainingLayout, p);
    }
}
