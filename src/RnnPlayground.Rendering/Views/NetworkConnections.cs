using System.Numerics;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The weight lines of the unrolled network, where they are drawn: per shown recurrent layer the
/// strongest recurrent weights of the content block between neighbouring steps, and the strongest
/// input weights from the row below within each step (<see cref="NetworkLayout.MaxConnections"/> each);
/// when the snapshot has the output Linear's weights, the strongest of them from the last recurrent
/// layer to the outputs at each step that has an output.
/// The view draws them; the pointer is tested against the same lines.
/// </summary>
public static class NetworkConnections
{
    public static IEnumerable<WeightLink> Of(NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var n = layout.Network;
        if (layout.MaxConnections == 0)
        {
            yield break;
        }

        var block = UnrolledNetworkView.ContentBlock(n.GateOrder);
        for (var li = 0; li < layout.Layers.Count; li++)
        {
            var layer = layout.Layers[li];
            var band = layout.HiddenBand(layer)!;
            var h = n.HiddenSizes[layer];

            // Recurrent: h[t-1] → h[t] between neighbouring columns of the same row.
            if (layer < n.RecurrentWeights.Count)
            {
                var strongest = UnrolledNetworkView.StrongestWeights(n.RecurrentWeights[layer], block, h, h, band.Shown, band.Shown, layout.MaxConnections);
                var max = MaxAbs(n.RecurrentWeights[layer]);
                for (var t = layout.FirstStep + 1; t < layout.FirstStep + layout.StepCount; t++)
                {
                    foreach (var (j, k, w) in strongest)
                    {
                        var from = new Vector2(layout.StripX(band, t - 1) + layout.StripWidth, CellMidY(band, k));
                        var to = new Vector2(layout.StripX(band, t), CellMidY(band, j));
                        yield return new WeightLink(from, to, w, max, layer, j, k, t, Recurrent: true);
                    }
                }
            }

            // Input: the row below (input or the previous layer) → this layer, within a column.
            var source = layer == 0 ? layout.InputBand : layout.HiddenBand(layer - 1);
            if (source is null || layer >= n.InputWeights.Count)
            {
                continue;
            }

            var inputs = layer == 0 ? n.InputSize : n.HiddenSizes[layer - 1];
            foreach (var link in WithinSteps(layout, source, band, n.InputWeights[layer], block, h, inputs, layer, output: false))
            {
                yield return link;
            }
        }

        // Output: the last recurrent layer's h_t → y_t through W_y, at the steps that have an output.
        var last = n.HiddenSizes.Count - 1;
        if (last >= 0 && layout.HiddenBand(last) is { } lastBand && layout.OutputBand is { } outputBand
            && n.OutputWeights.Length == n.OutputSize * n.HiddenSizes[last])
        {
            foreach (var link in WithinSteps(layout, lastBand, outputBand, n.OutputWeights, 0, n.OutputSize, n.HiddenSizes[last], last, output: true))
            {
                yield return link;
            }
        }
    }

    /// <summary>
    /// The strongest weights of block <paramref name="block"/> of <paramref name="matrix"/> ([rows, columns]
    /// per block) from <paramref name="source"/> to <paramref name="target"/> within each shown step
    /// (for output weights only the steps with an output).
    /// </summary>
    private static IEnumerable<WeightLink> WithinSteps(NetworkLayout layout, NetworkBand source, NetworkBand target, float[] matrix, int block,
        int rows, int columns, int layer, bool output)
    {
        var n = layout.Network;
        var strongest = UnrolledNetworkView.StrongestWeights(matrix, block, rows, columns, target.Shown, source.Shown, layout.MaxConnections);
        var max = MaxAbs(matrix);
        for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
        {
            if (output && float.IsNaN(n.Outputs[t * n.OutputSize]))
            {
                continue;
            }

            var sourceX = layout.StripX(source, t);
            var targetX = layout.StripX(target, t);
            foreach (var (j, k, w) in strongest)
            {
                var from = new Vector2(targetX > sourceX ? sourceX + layout.StripWidth : sourceX, CellMidY(source, k));
                var to = new Vector2(targetX > sourceX ? targetX : targetX + layout.StripWidth, CellMidY(target, j));
                yield return new WeightLink(from, to, w, max, layer, j, k, t, Recurrent: false, Output: output);
            }
        }
    }

    /// <summary>Distance from <paramref name="p"/> to the segment <paramref name="a"/>–<paramref name="b"/>.</summary>
    public static float Distance(Vector2 p, Vector2 a, Vector2 b)
    {
        var ab = b - a;
        var t = ab.LengthSquared() > 0f ? Math.Clamp(Vector2.Dot(p - a, ab) / ab.LengthSquared(), 0f, 1f) : 0f;
        return Vector2.Distance(p, a + (t * ab));
    }

    private static float CellMidY(NetworkBand band, int unit) => band.Top + (unit * band.RowHeight) + (band.RowHeight / 2f);

    private static float MaxAbs(float[] values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                max = MathF.Max(max, MathF.Abs(v));
            }
        }

        return max;
    }
}
