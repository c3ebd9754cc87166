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
        PackedMatrix whh = PackRecurrentWeights(dir.Index, buffers, forward: true);
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index), c0 = InitialCellOf(dir.Index);
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            Span<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh);
            Span<float> cell = buffers.Cell.AsSpan(t * batch * h, batch * h), tanhC = buffers.Extra.AsSpan(t * batch * h, batch * h);
            Span<float> hOut = output.AsSpan(t * batch * dh + off);
            // gates [B × 4H] += h_{t−1} [B × H] · W_hhᵀ: rows that go on from the previous step, then rows that start
            if (going > 0)
            {
                Sgemm.Multiply(false, going, output.AsSpan(prev * batch * dh + off), dh, whh, gates, gh, accumulate: true);
                LstmCellMath.Forward(going, h, gates, buffers.Cell.AsSpan(prev * batch * h, going * h), cell, tanhC, hOut, dh);
            }
            if (going < active)
            {
                if (!h0.IsEmpty)
                    Sgemm.Multiply(false, active - going, h0[(going * h)..], h, whh, gates[(going * gh)..], gh, accumulate: true);
                LstmCellMath.Forward(active - going, h, gates[(going * gh)..], c0.IsEmpty ? default : c0[(going * h)..],
                    cell[(going * h)..], tanhC[(going * h)..], hOut[(going * dh)..], dh);
            }
        }
    }

    /// <summary>
    /// One sample's cell update: <paramref name="gates"/> [4H] holds the pre-activations on entry
    /// and i, f, g, o on exit; c = f ⊙ cPrev + i ⊙ g (cPrev empty means zeros); h = o ⊙ tanh(c).
    /// </summary>
    internal static void CellForward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h) =>
        LstmCellMath.Forward(1, h.Length, gates, cPrev, c, tanhC, h, h.Length);

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
        PackedMatrix whh = PackRecurrentWeights(dir.Index, buffers, forward: false);
        ReadOnlySpan<float> c0 = InitialCellOf(dir.Index);
        Span<float> dHidden = CarriedHiddenGradient;
        Span<float> dCell = CarriedCellGradient;
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            Span<float> dGates = dA.AsSpan(t * batch * gh, batch * gh);
            ReadOnlySpan<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh), tanhC = buffers.Extra.AsSpan(t * batch * h, batch * h);
            ReadOnlySpan<float> dy = dOutput[(t * batch * dh + off)..];
            if (going > 0)
                LstmCellMath.Backward(going, h, gates, tanhC, buffers.Cell.AsSpan(prev * batch * h, going * h), dy, dh, dHidden, dCell, dGates);
            if (going < active)
                LstmCellMath.Backward(active - going, h, gates[(going * gh)..], tanhC[(going * h)..], c0.IsEmpty ? default : c0[(going * h)..],
                    dy[(going * dh)..], dh, dHidden[(going * h)..], dCell[(going * h)..], dGates[(going * gh)..]);
            RecordStepGradient(t, dHidden[..(active * h)]);
            // dh_{t−1} [B × H] = dA_t [B × 4H] · W_hh [4H × H]
            Sgemm.Multiply(false, active, dGates, gh, whh, dHidden, h);
        }
    }
}
