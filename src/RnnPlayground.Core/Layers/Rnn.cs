using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>The non-linearity of a vanilla (Elman) RNN.</summary>
public enum RnnNonlinearity
{
    Tanh,
    Relu,
}

/// <summary>
/// Vanilla (Elman) RNN: h' = act(W_ih·x + b_ih + W_hh·h + b_hh) with act = tanh or ReLU.
/// Shapes as in <see cref="RecurrentLayer"/>.
/// </summary>
public sealed class Rnn : RecurrentLayer
{
    public Rnn(ParameterStore store, string prefix, int inputSize, int hiddenSize, int numLayers = 1,
        RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, bool bias = true, float dropout = 0f, bool bidirectional = false)
        : base(store, prefix, 1, inputSize, hiddenSize, numLayers, bias, dropout, bidirectional)
    {
        if (!Enum.IsDefined(nonlinearity)) throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "must be Tanh or Relu");
        Nonlinearity = nonlinearity;
    }

    public RnnNonlinearity Nonlinearity { get; }

    public override string Kind => Nonlinearity == RnnNonlinearity.Tanh ? "rnn_tanh" : "rnn_relu";

    public override IReadOnlyList<string> GateNames => [];

    private protected override void RunForward(in DirectionContext dir, DirectionBuffers buffers, float[] output)
    {
        int batch = dir.Batch, h = HiddenSize, dh = OutputSize, off = dir.ColumnOffset;
        PackedMatrix whh = PackRecurrentWeights(dir.Index, buffers, forward: true);
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        bool tanh = Nonlinearity == RnnNonlinearity.Tanh;
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            Span<float> pre = buffers.Gates.AsSpan(t * batch * h, batch * h);
            if (RecurrentMasked)
                Sgemm.Multiply(false, active, MaskedPrevious(dir, buffers, output, t, going, active, h0), h, whh, pre, h, accumulate: true);
            else if (going > 0)
                Sgemm.Multiply(false, going, output.AsSpan(prev * batch * dh + off), dh, whh, pre, h, accumulate: true);
            if (!RecurrentMasked && going < active && !h0.IsEmpty)
                Sgemm.Multiply(false, active - going, h0[(going * h)..], h, whh, pre[(going * h)..], h, accumulate: true);
            RnnCellMath.Forward(active, h, pre, output.AsSpan(t * batch * dh + off), dh, tanh);
        }
    }

    /// <summary>One sample's update: h = tanh(pre) or max(pre, 0).</summary>
    internal static void CellForward(ReadOnlySpan<float> pre, Span<float> h, bool tanh) => RnnCellMath.Forward(1, h.Length, pre, h, h.Length, tanh);

    private protected override void StepCell(int index, ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> scratch)
    {
        Span<float> pre = scratch[..HiddenSize];
        InputAndRecurrentProduct(index, x, h, pre, folded: true);
        CellForward(pre, h, Nonlinearity == RnnNonlinearity.Tanh);
    }

    private protected override void RunBackward(in DirectionContext dir, DirectionBuffers buffers, float[] output,
        ReadOnlySpan<float> dOutput, float[] dA, float[] dAh)
    {
        int batch = dir.Batch, h = HiddenSize, dh = OutputSize, off = dir.ColumnOffset;
        PackedMatrix whh = PackRecurrentWeights(dir.Index, buffers, forward: false);
        Span<float> dHidden = CarriedHiddenGradientOf(dir);
        bool tanh = Nonlinearity == RnnNonlinearity.Tanh;
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n);
            int active = dir.RowsAt(t).Active;
            Span<float> da = dA.AsSpan(t * batch * h, batch * h);
            RnnCellMath.Backward(active, h, output.AsSpan(t * batch * dh + off), dh, dOutput[(t * batch * dh + off)..], dh, dHidden, da, tanh);
            RecordStepGradient(t, dHidden[..(active * h)]);
            // dh_{t−1} [B × H] = dA_t [B × H] · W_hh [H × H]
            Sgemm.Multiply(false, active, da, h, whh, dHidden, h);
            if (RecurrentMasked) UnmaskRecurrentGradient(dir.Index, dHidden, dHidden, active, accumulate: false);
        }
    }
}
