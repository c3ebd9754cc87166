using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// Gated recurrent unit (gates r, z, n in weight order):
/// r = σ(W_ir·x + b_ir + W_hr·h + b_hr), z = σ(W_iz·x + b_iz + W_hz·h + b_hz),
/// n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// Shapes as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class Gru : RecurrentLayer
{
    private static readonly string[] Gates = ["r", "z", "n"];

    public Gru(ParameterStore store, string prefix, int inputSize, int hiddenSize, int numLayers = 1,
        bool bias = true, float dropout = 0f, bool bidirectional = false)
        : base(store, prefix, 3, inputSize, hiddenSize, numLayers, bias, dropout, bidirectional)
    {
    }

    public override string Kind => "gru";

    public override IReadOnlyList<string> GateNames => Gates;

    private protected override bool NeedsExtraBuffer => true;

    private protected override bool UsesSeparateHiddenGradient => true;

    /// <summary>b_ih plus the r and z parts of b_hh; b_hn stays inside r ⊙ (…).</summary>
    private protected override void FoldBias(Parameter? biasIh, Parameter? biasHh, Span<float> folded)
    {
        if (biasIh is null || biasHh is null)
        {
            folded.Clear();
            return;
        }
        int h = HiddenSize;
        ReadOnlySpan<float> bi = biasIh.Values, bh = biasHh.Values;
        for (int j = 0; j < 2 * h; j++) folded[j] = bi[j] + bh[j];
        bi.Slice(2 * h, h).CopyTo(folded.Slice(2 * h, h));
    }

    private protected override void RunForward(in DirectionContext dir, DirectionBuffers buffers, float[] output)
    {
        int batch = dir.Batch, h = HiddenSize, gh = 3 * h, dh = OutputSize, off = dir.ColumnOffset;
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        ReadOnlySpan<float> bhn = BiasHhAt(dir.Index) is { } bhh ? bhh.Values.Slice(2 * h, h) : default;
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        Span<float> hg = StepScratch;
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            // hg [B × 3H] = h_{t−1}·W_hhᵀ (+ b_hn in the n part)
            ReadOnlySpan<float> hPrevAll = prev >= 0 ? output.AsSpan(prev * batch * dh + off) : h0;
            int ldPrev = prev >= 0 ? dh : h;
            if (!hPrevAll.IsEmpty) Sgemm.Multiply(false, true, batch, gh, h, hPrevAll, ldPrev, whh, h, hg, gh);
            else hg.Clear();
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                CellForward(buffers.Gates.AsSpan(row * gh, gh), hg.Slice(b * gh, gh), bhn,
                    hPrevAll.IsEmpty ? default : hPrevAll.Slice(b * ldPrev, h), buffers.Extra.AsSpan(row * h, h), output.AsSpan(row * dh + off, h));
            }
        }
    }

    /// <summary>
    /// One sample's cell update: <paramref name="gates"/> [3H] holds the input side (with folded
    /// biases) on entry and r, z, n on exit; <paramref name="hidden"/> [3H] is W_hh·h_prev;
    /// <paramref name="hn"/> receives W_hn·h_prev + b_hn; h = (1 − z) ⊙ n + z ⊙ h_prev
    /// (hPrev empty means zeros). <paramref name="h"/> may be the same memory as <paramref name="hPrev"/>.
    /// </summary>
    internal static void CellForward(Span<float> gates, ReadOnlySpan<float> hidden, ReadOnlySpan<float> bhn, ReadOnlySpan<float> hPrev,
        Span<float> hn, Span<float> h)
    {
        int n = h.Length;
        for (int j = 0; j < n; j++)
        {
            float r = Pointwise.Sigmoid(gates[j] + hidden[j]);
            float z = Pointwise.Sigmoid(gates[n + j] + hidden[n + j]);
            float hnv = hidden[2 * n + j] + (bhn.IsEmpty ? 0f : bhn[j]);
            float nv = MathF.Tanh(gates[2 * n + j] + r * hnv);
            gates[j] = r;
            gates[n + j] = z;
            gates[2 * n + j] = nv;
            hn[j] = hnv;
            float hp = hPrev.IsEmpty ? 0f : hPrev[j];
            h[j] = nv + z * (hp - nv);
        }
    }

    private protected override void StepCell(int index, ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int hs = HiddenSize, gh = 3 * hs;
        Span<float> gates = scratch[..gh], hidden = scratch.Slice(gh, gh);
        InputAndRecurrentProduct(index, x, default, gates, folded: true);
        hidden.Clear();
        InputAndRecurrentProduct(index, default, h, hidden, folded: false);
        ReadOnlySpan<float> bhn = BiasHhAt(index) is { } bhh ? bhh.Values.Slice(2 * hs, hs) : default;
        CellForward(gates, hidden, bhn, h, scratch.Slice(2 * gh, hs), h);
    }

    private protected override void RunBackward(in DirectionContext dir, DirectionBuffers buffers, float[] output,
        ReadOnlySpan<float> dOutput, float[] dA, float[] dAh)
    {
        int batch = dir.Batch, h = HiddenSize, gh = 3 * h, dh = OutputSize, off = dir.ColumnOffset;
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        Span<float> dHidden = CarriedHiddenGradient;
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            ReadOnlySpan<float> hPrevAll = prev >= 0 ? output.AsSpan(prev * batch * dh + off) : h0;
            int ldPrev = prev >= 0 ? dh : h;
            Span<float> dAhStep = dAh.AsSpan(t * batch * gh, batch * gh);
            float sumSquares = 0f;
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                ReadOnlySpan<float> g = buffers.Gates.AsSpan(row * gh, gh);
                ReadOnlySpan<float> hn = buffers.Extra.AsSpan(row * h, h);
                ReadOnlySpan<float> hPrev = hPrevAll.IsEmpty ? default : hPrevAll.Slice(b * ldPrev, h);
                ReadOnlySpan<float> dy = dOutput.Slice(row * dh + off, h);
                Span<float> dhb = dHidden.Slice(b * h, h);
                Span<float> dx = dA.AsSpan(row * gh, gh);
                Span<float> dhh = dAhStep.Slice(b * gh, gh);
                for (int j = 0; j < h; j++)
                {
                    float r = g[j], z = g[h + j], nv = g[2 * h + j];
                    float dhv = dy[j] + dhb[j];
                    float hp = hPrev.IsEmpty ? 0f : hPrev[j];
                    float dan = dhv * (1f - z) * (1f - nv * nv);
                    float dar = dan * hn[j] * r * (1f - r);
                    float daz = dhv * (hp - nv) * z * (1f - z);
                    dx[j] = dar;
                    dx[h + j] = daz;
                    dx[2 * h + j] = dan;
                    dhh[j] = dar;
                    dhh[h + j] = daz;
                    dhh[2 * h + j] = dan * r;
                    dhb[j] = dhv * z;
                    sumSquares += dhv * dhv;
                }
            }
            RecordStepGradient(t, sumSquares);
            // dh_{t−1} = dh ⊙ z + dAh_t [B × 3H] · W_hh [3H × H]
            Sgemm.Multiply(false, false, batch, h, gh, dAhStep, gh, whh, h, dHidden, h, accumulate: true);
        }
    }
}
