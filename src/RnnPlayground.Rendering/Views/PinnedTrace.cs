using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// A hidden unit the presenter clicked: its activation at the latest step of every new snapshot,
/// kept for the last <see cref="Capacity"/> of them and drawn as a small chart in the network panel,
/// with the unit's cells outlined in the grid. Click it again or press Esc to let go.
/// </summary>
public sealed class PinnedTrace
{
    /// <summary>Snapshots remembered.</summary>
    public const int Capacity = 200;

    private readonly float[] _ring = new float[Capacity];
    private readonly float[] _ordered = new float[Capacity];
    private long _lastSequence = -1;
    private int _count, _next;

    /// <summary>The pinned unit: its recurrent layer and index, or null.</summary>
    public (int Layer, int Unit)? Unit { get; private set; }

    /// <summary>Values recorded so far, oldest first.</summary>
    public int Count => _count;

    public void Pin(int layer, int unit)
    {
        Unit = (layer, unit);
        _count = _next = 0;
        _lastSequence = -1;
    }

    public void Unpin() => Unit = null;

    /// <summary>Records the pinned unit's value in <paramref name="snapshot"/> when it is a new one.</summary>
    public void Observe(Snapshot? snapshot)
    {
        if (Unit is not { } u || snapshot?.Network is not { } n || snapshot.Sequence == _lastSequence
            || u.Layer >= n.HiddenSizes.Count || u.Unit >= n.HiddenSizes[u.Layer])
        {
            return;
        }

        _lastSequence = snapshot.Sequence;
        _ring[_next] = n.Hidden[u.Layer][((n.Steps - 1) * n.HiddenSizes[u.Layer]) + u.Unit];
        _next = (_next + 1) % Capacity;
        _count = Math.Min(Capacity, _count + 1);
    }

    /// <summary>The values recorded, oldest first (a copy).</summary>
    public float[] Values()
    {
        var values = new float[_count];
        for (var i = 0; i < _count; i++)
        {
            values[i] = _ring[(_next - _count + i + Capacity) % Capacity];
        }

        return values;
    }

    /// <summary>Outlines the unit in <paramref name="layout"/> and draws its trace in the top-right corner of the network content.</summary>
    public void Draw(DrawList list, NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(layout);
        if (Unit is not { } u || layout.HiddenBand(u.Layer) is not { } band || u.Unit >= band.Shown)
        {
            return;
        }

        for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
        {
            list.StrokeRect(layout.HiddenCell(t, u.Layer, u.Unit).Inset(-1.5f), Theme.Accent, 1.5f);
        }

        var box = new RectF(layout.Area.Right - 250f, layout.Header.Bottom + 4f, 250f, 92f);
        list.FillRect(box, Theme.Background.WithAlpha(0.94f));
        list.StrokeRect(box, Theme.Accent);
        var title = $"{InspectorText.LayerName(layout.Network, u.Layer)} · unit {u.Unit} · h at the last step";
        list.Text(list.Ellipsize(title, TextStyle.Small.Bolded, box.Width - 12f), box.X + 6f, box.Y + 4f, TextStyle.Small.Bolded, Theme.Accent);
        for (var i = 0; i < Capacity; i++)
        {
            _ordered[i] = i < Capacity - _count ? float.NaN : _ring[(_next - Capacity + i + (2 * Capacity)) % Capacity];
        }

        var bounded = !layout.Network.CellType.IsUnbounded();
        var (min, max) = bounded ? (-1f, 1f) : ChartGeometry.RangeOf([_ordered], logY: false);
        var chart = new ChartGeometry(box.Inset(6f, 22f, 6f, 6f), Capacity, min, max);
        ChartPainter.Frame(list, chart, labels: false);
        ChartPainter.Series(list, chart, _ordered, Theme.Accent, 1.6f);
        var latest = _count > 0 ? _ring[(_next - 1 + Capacity) % Capacity] : float.NaN;
        list.Text($"{NumberFormat.Exact(latest)} · last {_count}", box.Right - 6f, box.Bottom - 4f, TextStyle.Small, Theme.Text, HAlign.Right, VAlign.Bottom);
    }
}
