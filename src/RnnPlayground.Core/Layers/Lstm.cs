using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// Long short-term memory (gates i, f, g, o in weight order):
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of W_ih·x + b_ih + W_hh·h + b_hh;
/// c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). Shapes as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class Lstm : RecurrentLayer
{
    private static readonly string[] Gates = ["i", "f", "g", "o"];

    public Lstm(ParameterStore store, string prefix, int inputSize, int hiddenSize, int numLayers = 1,
        bool bias = true, float dropout = 0f, bool bidirectional = false)
        : base(store, prefix, 4, inputSize, hiddenSize, numLayers, bias, dropout, bidirectional)
    {
    }

    public override string Kind => "lstm";

    public override bool HasCellState => true;

    public override IReadOnlyList<string> GateNames => Gates;

    private protected override bool NeedsExtraBuffer => true;

    private protected override void RunForward(in DirectionContext dir, DirectionBuffers buffers, float[] output)
    {
        int batch = dir.Batch, h = HiddenSize, gh = 4 * h, dh = OutputSize, off = dir.ColumnOffset;
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index), c0 = InitialCellOf(dir.Index);
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            Span<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh);
            if (prev >= 0)
                Sgemm.Multiply(false, true, batch, gh, h, output.AsSpan(prev * batch * dh + off), dh, whh, h, gates, gh, accumulate: true);
            else if (!h0.IsEmpty)
                Sgemm.Multiply(false, true, batch, gh, h, h0, h, whh, h, gates, gh, accumulate: true);
            for (int b = 0; b < batch; b++)
            {
                Span<float> g = gates.Slice(b * gh, gh);
                int row = t * batch + b;
                ReadOnlySpan<float> cPrev = prev >= 0 ? buffers.Cell.AsSpan((prev * batch + b) * h, h)
                    : c0.IsEmpty ? default : c0.Slice(b * h, h);
                Span<float> c = buffers.Cell.AsSpan(row * h, h);
                Span<float> tc = buffers.Extra.AsSpan(row * h, h);
                Span<float> hOut = output.AsSpan(row * dh + off, h);
                for (int j = 0; j < h; j++)
                {
                    float ig = Pointwise.Sigmoid(g[j]);
                    float fg = Pointwise.Sigmoid(g[h + j]);
                    float gg = MathF.Tanh(g[2 * h + j]);
                    float og = Pointwise.Sigmoid(g[3 * h + j]);
                    g[j] = ig;
                    g[h + j] = fg;
                    g[2 * h + j] = gg;
                    g[3 * h + j] = og;
                    float cv = ig * gg + (cPrev.IsEmpty ? 0f : fg * cPrev[j]);
                    c[j] = cv;
                    float tcv = MathF.Tanh(cv);
                    tc[j] = tcv;
                    hOut[j] = og * tcv;
                }
            }
        }
    }

    private protected override void RunBackward(in DirectionContext dir, DirectionBuffers buffers, float[] output,
        ReadOnlySpan<float> dOutput, float[] dA, float[] dAh)
    {
        int batch = dir.Batch, h = HiddenSize, gh = 4 * h, dh = OutputSize, off = dir.ColumnOffset;
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        ReadOnlySpan<float> c0 = InitialCellOf(dir.Index);
        Span<float> dHidden = CarriedHiddenGradient;
        Span<float> dCell = CarriedCellGradient;
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            float sumSquares = 0f;
            Span<float> dGates = dA.AsSpan(t * batch * gh, batch * gh);
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                ReadOnlySpan<float> g = buffers.Gates.AsSpan(row * gh, gh);
                ReadOnlySpan<float> tc = buffers.Extra.AsSpan(row * h, h);
                ReadOnlySpan<float> cPrev = prev >= 0 ? buffers.Cell.AsSpan((prev * batch + b) * h, h)
                    : c0.IsEmpty ? default : c0.Slice(b * h, h);
                ReadOnlySpan<float> dy = dOutput.Slice(row * dh + off, h);
                Span<float> dhb = dHidden.Slice(b * h, h);
                Span<float> dcb = dCell.Slice(b * h, h);
                Span<float> da = dGates.Slice(b * gh, gh);
                for (int j = 0; j < h; j++)
                {
                    float ig = g[j], fg = g[h + j], gg = g[2 * h + j], og = g[3 * h + j];
                    float dhv = dy[j] + dhb[j];
                    dhb[j] = dhv;
                    sumSquares += dhv * dhv;
                    float tcv = tc[j];
                    float dc = dcb[j] + dhv * og * (1f - tcv * tcv);
                    float cp = cPrev.IsEmpty ? 0f : cPrev[j];
                    da[j] = dc * gg * ig * (1f - ig);
                    da[h + j] = dc * cp * fg * (1f - fg);
                    da[2 * h + j] = dc * ig * (1f - gg * gg);
                    da[3 * h + j] = dhv * tcv * og * (1f - og);
                    dcb[j] = dc * fg;
                }
            }
            RecordStepGradient(t, sumSquares);
            // dh_{t−1} [B × H] = dA_t [B × 4H] · W_hh [4H × H]
            Sgemm.Multiply(false, false, batch, h, gh, dGates, gh, whh, h, dHidden, h);
        }
    }
}
