using RnnPlayground.Snapshots;
using static RnnPlayground.Core.Simulation.Walkthrough.WalkNumbers;

namespace RnnPlayground.Core.Simulation.Walkthrough;

/// <summary>
/// One backward step written out from a <see cref="NetworkSnapshot"/>: |∂L/∂h_t| of the latest
/// backward pass, the factor it changed by since the step after, the product since the last step,
/// and the chosen unit's local factor (tanh′ times its recurrent weights; an LSTM's forget gate; a
/// GRU's update gate).
/// </summary>
internal static class BackwardSteps
{
    public static IReadOnlyList<string> Lines(NetworkSnapshot n, int layer, int unit, int t)
    {
        int steps = n.Steps, h = n.HiddenSizes[layer];
        string s = Sub(t + 1), u = $"[{unit + 1}]";
        var lines = new List<string>();
        float[] norms = n.GradientNormPerStep;
        if (norms.Length < steps)
        {
            lines.Add("no backward pass yet: one training step (N) computes ∂L/∂h for every step");
        }
        else
        {
            lines.Add($"|∂L/∂h{s}| = {Magnitude(norms[t])}");
            if (t + 1 < steps && norms[t + 1] > 0)
                lines.Add($"factor this step: |∂L/∂h{s}| / |∂L/∂h{Sub(t + 2)}| = {Magnitude(norms[t] / (double)norms[t + 1])}");
            if (t + 1 < steps && norms[steps - 1] > 0)
                lines.Add($"since the last step: |∂L/∂h{s}| / |∂L/∂h{Sub(steps)}| = {Magnitude(norms[t] / (double)norms[steps - 1])}");
        }
        if (t == 0) return [.. lines, "h₀ is the start state: the gradient stops here"];
        string p = Sub(t);
        switch (n.CellType)
        {
            case CellType.Lstm:
                {
                    int g = n.GateOrder.Count;
                    double f = n.Gates[layer][(t * g * h) + h + unit];
                    lines.Add($"∂c{s}{u}/∂c{p}{u} = f{s}{u} = {Fixed(f, 3)}   (the forget gate carries the gradient back)");
                    break;
                }
            case CellType.Gru:
                {
                    int g = n.GateOrder.Count;
                    double z = n.Gates[layer][(t * g * h) + h + unit];
                    lines.Add($"direct path ∂h{s}{u}/∂h{p}{u} = z{s}{u} = {Fixed(z, 3)}   (the update gate carries the gradient back)");
                    break;
                }
            default:
                {
                    double hv = n.Hidden[layer][(t * h) + unit];
                    double slope = n.CellType == CellType.RnnRelu ? (hv > 0 ? 1 : 0) : 1 - (hv * hv);
                    float[] wHh = n.RecurrentWeights[layer];
                    int best = 0;
                    for (int k = 1; k < h; k++) if (Math.Abs(wHh[(unit * h) + k]) > Math.Abs(wHh[(unit * h) + best])) best = k;
                    string d = n.CellType == CellType.RnnRelu ? "relu'" : $"1 − h{s}{u}²";
                    lines.Add($"∂h{s}{u}/∂h{p}[k] = ({d})·W_hh{u}[k] = {Fixed(slope, 3)}·W_hh{u}[k]; largest: {Fixed(slope, 3)}·{Fixed(wHh[(unit * h) + best], 3)} = {Fixed(slope * wHh[(unit * h) + best], 3)} (k = {best + 1})");
                    break;
                }
        }
        return lines;
    }
}
