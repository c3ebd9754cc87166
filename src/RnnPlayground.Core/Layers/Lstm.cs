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
        PackedMatrix whh = PackRecurrentWeights(dir, buffers, forward: true, out int slices);
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index), c0 = InitialCellOf(dir.Index);
        if (slices > 0)
        {
            RunForwardFused(dir, buffers, output, whh, h0, c0, slices);
            return;
        }
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            Span<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh);
            Span<float> cell = buffers.Cell.AsSpan(t * batch * h, batch * h), tanhC = buffers.Extra.AsSpan(t * batch * h, batch * h);
            Span<float> hOut = output.AsSpan(t * batch * dh + off);
            // gates [B × 4H] += h_{t−1} [B × H] · W_hhᵀ: rows that go on from the previous step, then rows that start
            if (RecurrentMasked)
            {
                Sgemm.Multiply(false, active, MaskedPrevious(dir, buffers, output, t, going, active, h0), h, whh, gates, gh, accumulate: true);
            }
            else
            {
                if (going > 0) Sgemm.Multiply(false, going, output.AsSpan(prev * batch * dh + off), dh, whh, gates, gh, accumulate: true);
                if (going < active && !h0.IsEmpty)
                    Sgemm.Multiply(false, active - going, h0[(going * h)..], h, whh, gates[(going * gh)..], gh, accumulate: true);
            }
            if (going > 0) LstmCellMath.Forward(going, h, gates, buffers.Cell.AsSpan(prev * batch * h, going * h), cell, tanhC, hOut, dh);
            if (going < active)
            {
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
        PackedMatrix whh = PackRecurrentWeights(dir, buffers, forward: false, out int slices);
        ReadOnlySpan<float> c0 = InitialCellOf(dir.Index);
        Span<float> dHidden = CarriedHiddenGradientOf(dir);
        Span<float> dCell = CarriedCellGradientOf(dir);
        if (slices > 0)
        {
            RunBackwardFused(dir, buffers, dOutput, dA, whh, c0, slices);
            return;
        }
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
            if (RecurrentMasked) UnmaskRecurrentGradient(dir.Index, dHidden, dHidden, active, accumulate: false);
        }
    }

    /// <summary>The forward time loop as one job: each step's slices of hidden units in parallel (see <see cref="RecurrentLayer.FusedSlices"/>).</summary>
    private unsafe void RunForwardFused(in DirectionContext dir, DirectionBuffers buffers, float[] output, PackedMatrix whh,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int slices)
    {
        fixed (float* gates = buffers.Gates, cell = buffers.Cell, tanhC = buffers.Extra, hOut = output, ph0 = h0, pc0 = c0)
        {
            var loop = new FusedLoop(dir, whh, slices, HiddenSize, OutputSize);
            var body = new ForwardSteps
            {
                Loop = loop,
                Gates = gates, Cell = cell, TanhC = tanhC, Output = hOut + dir.ColumnOffset,
                H0 = h0.IsEmpty ? null : ph0, C0 = c0.IsEmpty ? null : pc0,
            };
            RunFused(loop, forward: true, dir.Steps, body);
        }
    }

    /// <summary>The backward time loop as one job: per step, the gate gradients of each slice of units, then each slice of dh_{t−1}'s columns.</summary>
    private unsafe void RunBackwardFused(in DirectionContext dir, DirectionBuffers buffers, ReadOnlySpan<float> dOutput, float[] dA,
        PackedMatrix whh, ReadOnlySpan<float> c0, int slices)
    {
        fixed (float* gates = buffers.Gates, cell = buffers.Cell, tanhC = buffers.Extra, dy = dOutput, dGates = dA, pc0 = c0,
            dHidden = CarriedHiddenGradientOf(dir), dCell = CarriedCellGradientOf(dir))
        {
            var loop = new FusedLoop(dir, whh, slices, HiddenSize, OutputSize);
            var body = new BackwardSteps
            {
                Loop = loop,
                Gates = gates, Cell = cell, TanhC = tanhC, Dy = dy + dir.ColumnOffset, DGates = dGates,
                C0 = c0.IsEmpty ? null : pc0, DHidden = dHidden, DCell = dCell,
            };
            RunFused(loop, forward: false, dir.Steps + 1, body);
        }
    }

    /// <summary>Phase n: step n's gates += h_{t−1}·W_hhᵀ and the cell, for one slice of hidden units.</summary>
    private unsafe struct ForwardSteps : IPhaseBody
    {
        public FusedLoop Loop;
        public float* Gates, Cell, TanhC, Output, H0, C0;

        public readonly void Invoke(int phase, int slice)
        {
            (int t, int prev, int first, int count) = Loop.Locate(phase, slice, backward: false);
            int batch = Loop.Batch, h = Loop.Hidden, dh = Loop.OutputWidth;
            float* gates = Gates + (nint)t * batch * 4 * h;
            float* hPrev = prev >= 0 ? Output + (nint)prev * batch * dh : H0;
            float* cPrev = prev >= 0 ? Cell + (nint)prev * batch * h : C0;
            if (hPrev != null) Loop.Multiply(4, first, count, hPrev, prev >= 0 ? dh : h, gates, accumulate: true);
            LstmCellMath.Forward(batch, h, first, count, gates, cPrev, Cell + (nint)t * batch * h, TanhC + (nint)t * batch * h,
                Output + (nint)t * batch * dh, dh);
        }
    }

    /// <summary>
    /// Phase n, for one slice of hidden units: that slice's columns of dh = dA·W_hh of the step
    /// before (phase n − 1), then step n's (from the last) gate gradients of the slice's units, which
    /// read only those columns: one barrier a step. The last phase is the product alone (dh₀).
    /// </summary>
    private unsafe struct BackwardSteps : IPhaseBody
    {
        public FusedLoop Loop;
        public float* Gates, Cell, TanhC, Dy, DGates, C0, DHidden, DCell;

        public readonly void Invoke(int phase, int slice)
        {
            int batch = Loop.Batch, h = Loop.Hidden, gh = 4 * h, dh = Loop.OutputWidth;
            Loop.BackwardProduct(phase, slice, DGates, gh, DHidden, accumulate: false);
            if (phase < Loop.Steps)
            {
                (int t, int prev, int first, int count) = Loop.Locate(phase, slice, backward: true);
                float* cPrev = prev >= 0 ? Cell + (nint)prev * batch * h : C0;
                LstmCellMath.Backward(batch, h, first, count, Gates + (nint)t * batch * gh, TanhC + (nint)t * batch * h, cPrev,
                    Dy + (nint)t * batch * dh, dh, DHidden, DCell, DGates + (nint)t * batch * gh);
            }
        }
    }
}
