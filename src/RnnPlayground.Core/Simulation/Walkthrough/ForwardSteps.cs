using RnnPlayground.Snapshots;
using static RnnPlayground.Core.Simulation.Walkthrough.WalkNumbers;

namespace RnnPlayground.Core.Simulation.Walkthrough;

/// <summary>
/// One forward step of one unit written out from a <see cref="NetworkSnapshot"/>: every product of a
/// weight and the value it multiplies (inputs, then the previous hidden state), the bias, the sum
/// and the activation the model computed. Steps are 1-based in the text (h₀ is the zero start state).
/// </summary>
internal static class ForwardSteps
{
    public static IReadOnlyList<string> Lines(NetworkSnapshot n, int layer, int unit, int t)
    {
        int h = n.HiddenSizes[layer];
        float[] x = InputAt(n, layer, t);
        float[] prev = t > 0 ? n.Hidden[layer].AsSpan((t - 1) * h, h).ToArray() : new float[h];
        double model = n.Hidden[layer][(t * h) + unit];
        string s = Sub(t + 1), p = Sub(t), u = $"[{unit + 1}]";
        switch (n.CellType)
        {
            case CellType.Lstm:
                {
                    double i = Gate(n, layer, t, 0, unit), f = Gate(n, layer, t, 1, unit), g = Gate(n, layer, t, 2, unit), o = Gate(n, layer, t, 3, unit);
                    double cPrev = CellBefore(n, layer, unit, t), c = (f * cPrev) + (i * g);
                    return
                    [
                        $"i{s}{u} = σ({Fixed(Pre(n, layer, unit, 0, x, prev), 3)}) = {Fixed(i, 3)}   f{s}{u} = σ({Fixed(Pre(n, layer, unit, 1, x, prev), 3)}) = {Fixed(f, 3)}",
                        $"g{s}{u} = tanh({Fixed(Pre(n, layer, unit, 2, x, prev), 3)}) = {Fixed(g, 3)}   o{s}{u} = σ({Fixed(Pre(n, layer, unit, 3, x, prev), 3)}) = {Fixed(o, 3)}",
                        $"c{s}{u} = f·c{p}{u} + i·g = {Fixed(f, 3)}·{Fixed(cPrev, 3)} + {Fixed(i, 3)}·{Fixed(g, 3)} = {Fixed(c, 3)}",
                        $"h{s}{u} = o·tanh(c{s}{u}) = {Fixed(o, 3)}·tanh({Fixed(c, 3)}) = {Fixed(model, 3)}",
                    ];
                }
            case CellType.Gru:
                {
                    double r = Gate(n, layer, t, 0, unit), z = Gate(n, layer, t, 1, unit), nn = Gate(n, layer, t, 2, unit);
                    return
                    [
                        $"r{s}{u} = σ({Fixed(Pre(n, layer, unit, 0, x, prev), 3)}) = {Fixed(r, 3)}   z{s}{u} = σ({Fixed(Pre(n, layer, unit, 1, x, prev), 3)}) = {Fixed(z, 3)}",
                        $"n{s}{u} = tanh(W_in·x{s} + b_in + r·(W_hn·h{p} + b_hn)) = {Fixed(nn, 3)}",
                        $"h{s}{u} = (1 − z)·n + z·h{p}{u} = {Fixed(1 - z, 3)}·{Fixed(nn, 3)} + {Fixed(z, 3)}·{Fixed(prev[unit], 3)} = {Fixed(model, 3)}",
                    ];
                }
            default:
                {
                    bool relu = n.CellType == CellType.RnnRelu;
                    string f = relu ? "relu" : "tanh";
                    var terms = new List<string>();
                    float[] wIh = n.InputWeights[layer], wHh = n.RecurrentWeights[layer];
                    for (int j = 0; j < x.Length; j++) terms.Add($"{Fixed(wIh[(unit * x.Length) + j], 2)}·{Fixed(x[j], 2)}");
                    if (t > 0)
                        for (int k = 0; k < h; k++) terms.Add($"{Fixed(wHh[(unit * h) + k], 2)}·{Fixed(prev[k], 2)}");
                    terms.Add(Fixed(Bias(n, layer, unit), 2));
                    double pre = Pre(n, layer, unit, 0, x, prev);
                    return
                    [
                        $"h{s}{u} = {f}(W_ih·x{s} + W_hh·h{p} + b){(t == 0 ? "   (h₀ = 0)" : "")}",
                        $"= {f}({string.Join(" + ", terms)})",
                        $"= {f}({Fixed(pre, 3)}) = {Fixed(model, 3)}",
                    ];
                }
        }
    }

    /// <summary>The input of <paramref name="layer"/> at step <paramref name="t"/>: the data, or the layer below's hidden state.</summary>
    private static float[] InputAt(NetworkSnapshot n, int layer, int t)
    {
        if (layer == 0) return n.Inputs.AsSpan(t * n.InputSize, n.InputSize).ToArray();
        int below = n.HiddenSizes[layer - 1];
        return n.Hidden[layer - 1].AsSpan(t * below, below).ToArray();
    }

    private static double Gate(NetworkSnapshot n, int layer, int t, int gate, int unit)
    {
        int h = n.HiddenSizes[layer], g = n.GateOrder.Count;
        return n.Gates[layer][(t * g * h) + (gate * h) + unit];
    }

    /// <summary>c_{t−1} of an LSTM unit, rebuilt from the gates the model computed (c₀ = 0): c = f·c + i·g step after step.</summary>
    private static double CellBefore(NetworkSnapshot n, int layer, int unit, int t)
    {
        double c = 0;
        for (int s = 0; s < t; s++) c = (Gate(n, layer, s, 1, unit) * c) + (Gate(n, layer, s, 0, unit) * Gate(n, layer, s, 2, unit));
        return c;
    }

    /// <summary>b_ih + b_hh of row <paramref name="row"/> (0 without bias).</summary>
    private static double Bias(NetworkSnapshot n, int layer, int row)
    {
        double b = 0;
        if (layer < n.InputBiases.Count && n.InputBiases[layer].Length > row) b += n.InputBiases[layer][row];
        if (layer < n.RecurrentBiases.Count && n.RecurrentBiases[layer].Length > row) b += n.RecurrentBiases[layer][row];
        return b;
    }

    /// <summary>The pre-activation of gate <paramref name="gate"/> (0 for a vanilla RNN) of a unit: W_ih·x + W_hh·h_prev + b.</summary>
    private static double Pre(NetworkSnapshot n, int layer, int unit, int gate, float[] x, float[] prev)
    {
        int h = n.HiddenSizes[layer], row = (gate * h) + unit;
        float[] wIh = n.InputWeights[layer], wHh = n.RecurrentWeights[layer];
        double sum = Bias(n, layer, row);
        for (int j = 0; j < x.Length; j++) sum += (double)wIh[(row * x.Length) + j] * x[j];
        for (int k = 0; k < h; k++) sum += (double)wHh[(row * h) + k] * prev[k];
        return sum;
    }
}
