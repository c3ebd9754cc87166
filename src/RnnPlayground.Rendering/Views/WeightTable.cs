using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Every input and recurrent weight and bias of a small network, written out under the unrolled
/// network when a script asks for <c>weight_labels</c>: one line per hidden unit,
/// "W_ih → h1: temp_mean 0.30 · humidity 0.01 · wind 0.11   W_hh → h1: h1 −0.60 · h2 −0.16   b 1.23"
/// (the content block of a gated cell), then one per output of the output Linear,
/// "W_y → rain: h1 0.52 · h2 −0.33   b 0.10". Left out, and recorded as cut, when the network is too large to read.
/// </summary>
public static class WeightTable
{
    private const int MaxLines = 8;

    /// <summary>Pixels from one line of the table to the next.</summary>
    public const float LineHeight = 17f;

    /// <summary>The height the table takes under the network showing <paramref name="layers"/> (0 when it is too large to write out).</summary>
    public static float Height(NetworkSnapshot network, IReadOnlyList<int> layers)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(layers);
        var count = layers.Sum(l => network.HiddenSizes[l]) + (HasOutputLines(network, layers) ? network.OutputSize : 0);
        return count <= MaxLines ? count * LineHeight : 0f;
    }

    private static bool HasOutputLines(NetworkSnapshot n, IReadOnlyList<int> layers)
    {
        var last = n.HiddenSizes.Count - 1;
        return last >= 0 && layers.Contains(last) && n.OutputWeights.Length == n.OutputSize * n.HiddenSizes[last];
    }

    public static void Draw(DrawList list, NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(layout);
        var n = layout.Network;
        var lines = new List<string>();
        var block = UnrolledNetworkView.ContentBlock(n.GateOrder);
        foreach (var layer in layout.Layers)
        {
            int h = n.HiddenSizes[layer], inputs = layer == 0 ? n.InputSize : n.HiddenSizes[layer - 1];
            for (var u = 0; u < h; u++)
            {
                var row = (block * h) + u;
                var ih = string.Join(" · ", Enumerable.Range(0, inputs).Select(j =>
                    $"{Source(n, layer, j)} {NumberFormat.Fixed(n.InputWeights[layer][(row * inputs) + j], 2)}"));
                var hh = string.Join(" · ", Enumerable.Range(0, h).Select(k => $"h{k + 1} {NumberFormat.Fixed(n.RecurrentWeights[layer][(row * h) + k], 2)}"));
                var bias = Bias(n, layer, row);
                lines.Add($"W_ih → h{u + 1}: {ih}    W_hh → h{u + 1}: {hh}    b {NumberFormat.Fixed(bias, 2)}");
            }
        }

        if (HasOutputLines(n, layout.Layers))
        {
            var h = n.HiddenSizes[^1];
            for (var o = 0; o < n.OutputSize; o++)
            {
                var w = string.Join(" · ", Enumerable.Range(0, h).Select(k => $"h{k + 1} {NumberFormat.Fixed(n.OutputWeights[(o * h) + k], 2)}"));
                var bias = o < n.OutputBias.Length ? $"    b {NumberFormat.Fixed(n.OutputBias[o], 2)}" : "";
                lines.Add($"W_y → {InspectorText.UnitName(n, InspectedKind.Output, o)}: {w}{bias}");
            }
        }

        if (lines.Count > MaxLines)
        {
            list.RecordCut($"weight labels left out ({lines.Count} lines are too many to write out, at most {MaxLines})");
            return;
        }

        const float step = LineHeight;
        var y = layout.Area.Bottom - (lines.Count * step);
        foreach (var line in lines)
        {
            list.Text(list.Ellipsize(line, TextStyle.Body, layout.Area.Width), layout.Area.X, y, TextStyle.Body, Theme.Text);
            y += step;
        }
    }

    private static string Source(NetworkSnapshot n, int layer, int j) =>
        layer == 0 ? InspectorText.UnitName(n, InspectedKind.Input, j) : $"{InspectorText.LayerName(n, layer - 1)} h{j + 1}";

    private static double Bias(NetworkSnapshot n, int layer, int row)
    {
        double b = 0;
        if (layer < n.InputBiases.Count && row < n.InputBiases[layer].Length) b += n.InputBiases[layer][row];
        if (layer < n.RecurrentBiases.Count && row < n.RecurrentBiases[layer].Length) b += n.RecurrentBiases[layer][row];
        return b;
    }
}
