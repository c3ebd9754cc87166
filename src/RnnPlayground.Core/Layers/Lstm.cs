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

    /// <summary>
    /// Added to the forget gate's input bias (<c>bias_ih</c> rows H…2H) when parameters are reset:
    /// 0 is PyTorch's initialization; 1 (Jozefowicz et al., 2015) keeps the cell's memory open at the
    /// start of training, which helps on long dependencies.
    /// </summary>
    public float ForgetBias { get; init; }

    public override void ResetParameters(RandomSource random)
    {
        base.ResetParameters(random);
        if (ForgetBias == 0f || !HasBias) return;
        int h = HiddenSize;
        for (int l = 0; l < NumLayers; l++)
            for (int d = 0; d < Directions; d++)
            {
                Span<float> forget = BiasIh(l, d)!.Values.Slice(h, h);
                for (int j = 0; j < h; j++) forget[j] += ForgetBias;
            }
    }

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
                int row = t * batch + b;
                ReadOnlySpan<float> cPrev = prev >= 0 ? buffers.Cell.AsSpan((prev * batch + b) * h, h)
                    : c0.IsEmpty ? default : c0.Slice(b * h, h);
                CellForward(gates.Slice(b * gh, gh), cPrev, buffers.Cell.AsSpan(row * h, h), buffers.Extra.AsSpan(row * h, h),
                    output.AsSpan(row * dh + off, h));
            }
        }
    }

    /// <summary>
    /// One sample's cell update: <paramref name="gates"/> [4H] holds the pre-activations on entry
    /// and i, f, g, o on exit; c = f ⊙ cPrev + i ⊙ g (cPrev empty means zeros); h = o ⊙ tanh(c).
    /// </summary>
    internal static void CellForward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h)
    {
        int n = h.Length;
        for (int j = 0; j < n; j++)
        {
            float ig = Pointwise.Sigmoid(gates[j]);
            float fg = Pointwise.Sigmoid(gates[n + j]);
            float gg = MathF.Tanh(gates[2 * n + j]);
            float og = Pointwise.Sigmoid(gates[3 * n + j]);
            gates[j] = ig;
            gates[n + j] = fg;
            gates[2 * n + j] = gg;
            gates[3 * n + j] = og;
            float cv = ig * gg + (cPrev.IsEmpty ? 0f : fg * cPrev[j]);
            c[j] = cv;
            float tcv = MathF.Tanh(cv);
            tanhC[j] = tcv;
            h[j] = og * tcv;
        }
    }

    private protected override void StepCell(int index, ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int gh = 4 * HiddenSize;
        Span<float> gates = scratch[..gh];
        InputAndRecurrentProduct(index, x, h, gates, folded: true);
        CellForward(gates, c, c, scratch.Slice(gh, HiddenSize), h);
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
