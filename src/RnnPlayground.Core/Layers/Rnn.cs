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
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        bool tanh = Nonlinearity == RnnNonlinearity.Tanh;
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            Span<float> pre = buffers.Gates.AsSpan(t * batch * h, batch * h);
            if (prev >= 0)
                Sgemm.Multiply(false, true, batch, h, h, output.AsSpan(prev * batch * dh + off), dh, whh, h, pre, h, accumulate: true);
            else if (!h0.IsEmpty)
                Sgemm.Multiply(false, true, batch, h, h, h0, h, whh, h, pre, h, accumulate: true);
            for (int b = 0; b < batch; b++)
                CellForward(pre.Slice(b * h, h), output.AsSpan((t * batch + b) * dh + off, h), tanh);
        }
    }

    /// <summary>One sample's update: h = tanh(pre) or max(pre, 0).</summary>
    internal static void CellForward(ReadOnlySpan<float> pre, Span<float> h, bool tanh)
    {
        for (int j = 0; j < h.Length; j++) h[j] = tanh ? MathF.Tanh(pre[j]) : MathF.Max(pre[j], 0f);
    }

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
        ReadOnlySpan<float> whh = WeightHhAt(dir.Index).Values;
        Span<float> dHidden = CarriedHiddenGradient;
        bool tanh = Nonlinearity == RnnNonlinearity.Tanh;
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n);
            float sumSquares = 0f;
            Span<float> da = dA.AsSpan(t * batch * h, batch * h);
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                ReadOnlySpan<float> hv = output.AsSpan(row * dh + off, h);
                ReadOnlySpan<float> dy = dOutput.Slice(row * dh + off, h);
                Span<float> dhb = dHidden.Slice(b * h, h);
                Span<float> dab = da.Slice(b * h, h);
                for (int j = 0; j < h; j++)
                {
                    float dhv = dy[j] + dhb[j];
                    dhb[j] = dhv;
                    sumSquares += dhv * dhv;
                    dab[j] = tanh ? dhv * (1f - hv[j] * hv[j]) : (hv[j] > 0f ? dhv : 0f);
                }
            }
            RecordStepGradient(t, sumSquares);
            Sgemm.Multiply(false, false, batch, h, h, da, h, whh, h, dHidden, h);
        }
    }
}
