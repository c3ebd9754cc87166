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
        VectorMath.Add(bi[..(2 * h)], bh[..(2 * h)], folded[..(2 * h)]);
        bi.Slice(2 * h, h).CopyTo(folded.Slice(2 * h, h));
    }

    private protected override void RunForward(in DirectionContext dir, DirectionBuffers buffers, float[] output)
    {
        int batch = dir.Batch, h = HiddenSize, gh = 3 * h, dh = OutputSize, off = dir.ColumnOffset;
        PackedMatrix whh = PackRecurrentWeights(dir, buffers, forward: true, out int slices);
        ReadOnlySpan<float> bhn = BiasHhAt(dir.Index) is { } bhh ? bhh.Values.Slice(2 * h, h) : default;
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        Span<float> hg = StepScratchOf(dir);
        if (slices > 0)
        {
            RunForwardFused(dir, buffers, output, whh, bhn, h0, hg, slices);
            return;
        }
        for (int n = 0; n < dir.Steps; n++)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            Span<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh), hn = buffers.Extra.AsSpan(t * batch * h, batch * h);
            Span<float> hOut = output.AsSpan(t * batch * dh + off);
            // hg [B × 3H] = h_{t−1}·W_hhᵀ: rows that go on from the previous step, then rows that start
            ReadOnlySpan<float> hStart = h0.IsEmpty ? default : h0[(going * h)..];
            if (RecurrentMasked)
            {
                Sgemm.Multiply(false, active, MaskedPrevious(dir, buffers, output, t, going, active, h0), h, whh, hg, gh);
            }
            else
            {
                if (going > 0) Sgemm.Multiply(false, going, output.AsSpan(prev * batch * dh + off), dh, whh, hg, gh);
                if (going < active && !hStart.IsEmpty) Sgemm.Multiply(false, active - going, hStart, h, whh, hg[(going * gh)..], gh);
                else if (going < active) hg.Slice(going * gh, (active - going) * gh).Clear();
            }
            if (going > 0) GruCellMath.Forward(going, h, gates, hg, bhn, output.AsSpan(prev * batch * dh + off), dh, hn, hOut, dh);
            if (going < active)
            {
                Span<float> hgStart = hg[(going * gh)..];
                GruCellMath.Forward(active - going, h, gates[(going * gh)..], hgStart, bhn, hStart, h, hn[(going * h)..], hOut[(going * dh)..], dh);
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
        Span<float> hn, Span<float> h) =>
        GruCellMath.Forward(1, h.Length, gates, hidden, bhn, hPrev, h.Length, hn, h, h.Length);

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
        PackedMatrix whh = PackRecurrentWeights(dir, buffers, forward: false, out int slices);
        ReadOnlySpan<float> h0 = InitialHiddenOf(dir.Index);
        Span<float> dHidden = CarriedHiddenGradientOf(dir);
        if (slices > 0)
        {
            RunBackwardFused(dir, buffers, output, dOutput, dA, dAh, whh, h0, slices);
            return;
        }
        for (int n = dir.Steps - 1; n >= 0; n--)
        {
            int t = dir.StepAt(n), prev = dir.PreviousStep(t);
            (int going, int active) = dir.RowsAt(t);
            ReadOnlySpan<float> dy = dOutput[(t * batch * dh + off)..];
            ReadOnlySpan<float> gates = buffers.Gates.AsSpan(t * batch * gh, batch * gh), hn = buffers.Extra.AsSpan(t * batch * h, batch * h);
            Span<float> dAStep = dA.AsSpan(t * batch * gh, batch * gh), dAhStep = dAh.AsSpan(t * batch * gh, batch * gh);
            if (TrackGradientNorms) RecordStepGradient(t, SumOfSquaresOfSums(active, h, dy, dh, dHidden));
            if (going > 0)
                GruCellMath.Backward(going, h, gates, hn, output.AsSpan(prev * batch * dh + off), dh, dy, dh, dHidden, dAStep, dAhStep);
            if (going < active)
                GruCellMath.Backward(active - going, h, gates[(going * gh)..], hn[(going * h)..], h0.IsEmpty ? default : h0[(going * h)..], h,
                    dy[(going * dh)..], dh, dHidden[(going * h)..], dAStep[(going * gh)..], dAhStep[(going * gh)..]);
            // dh_{t−1} = dh ⊙ z + dAh_t [B × 3H] · W_hh [3H × H]
            if (RecurrentMasked)
            {
                Span<float> recurrent = StepScratchOf(dir)[..(active * h)];
                Sgemm.Multiply(false, active, dAhStep, gh, whh, recurrent, h);
                UnmaskRecurrentGradient(dir.Index, recurrent, dHidden, active, accumulate: true);
            }
            else
            {
                Sgemm.Multiply(false, active, dAhStep, gh, whh, dHidden, h, accumulate: true);
            }
        }
    }

    /// <summary>The forward time loop as one job: each step's slices of hidden units in parallel (see <see cref="RecurrentLayer.FusedSlices"/>).</summary>
    private unsafe void RunForwardFused(in DirectionContext dir, DirectionBuffers buffers, float[] output, PackedMatrix whh,
        ReadOnlySpan<float> bhn, ReadOnlySpan<float> h0, Span<float> recurrent, int slices)
    {
        fixed (float* gates = buffers.Gates, hn = buffers.Extra, hOut = output, pb = bhn, ph0 = h0, rec = recurrent)
        {
            var loop = new FusedLoop(dir, whh, slices, HiddenSize, OutputSize);
            var body = new ForwardSteps
            {
                Loop = loop,
                Gates = gates, Hn = hn, Output = hOut + dir.ColumnOffset, Bhn = bhn.IsEmpty ? null : pb,
                H0 = h0.IsEmpty ? null : ph0, Recurrent = rec,
            };
            RunFused(loop, forward: true, dir.Steps, body);
        }
    }

    /// <summary>The backward time loop as one job: per step, the gate gradients of each slice of units, then each slice of dh_{t−1}'s columns.</summary>
    private unsafe void RunBackwardFused(in DirectionContext dir, DirectionBuffers buffers, float[] output, ReadOnlySpan<float> dOutput,
        float[] dA, float[] dAh, PackedMatrix whh, ReadOnlySpan<float> h0, int slices)
    {
        fixed (float* gates = buffers.Gates, hn = buffers.Extra, hOut = output, dy = dOutput, pdA = dA, pdAh = dAh, ph0 = h0,
            dHidden = CarriedHiddenGradientOf(dir))
        {
            var loop = new FusedLoop(dir, whh, slices, HiddenSize, OutputSize);
            var body = new BackwardSteps
            {
                Loop = loop,
                Gates = gates, Hn = hn, Output = hOut + dir.ColumnOffset, Dy = dy + dir.ColumnOffset, DA = pdA, DAh = pdAh,
                H0 = h0.IsEmpty ? null : ph0, DHidden = dHidden,
            };
            RunFused(loop, forward: false, dir.Steps + 1, body);
        }
    }

    /// <summary>Phase n: step n's W_hh·h_{t−1} and the cell, for one slice of hidden units.</summary>
    private unsafe struct ForwardSteps : IPhaseBody
    {
        public FusedLoop Loop;
        public float* Gates, Hn, Output, Bhn, H0, Recurrent;

        public readonly void Invoke(int phase, int slice)
        {
            (int t, int prev, int first, int count) = Loop.Locate(phase, slice, backward: false);
            int batch = Loop.Batch, h = Loop.Hidden, gh = 3 * h, dh = Loop.OutputWidth;
            float* hPrev = prev >= 0 ? Output + (nint)prev * batch * dh : H0;
            int ldPrev = prev >= 0 ? dh : h;
            if (hPrev != null) Loop.Multiply(3, first, count, hPrev, ldPrev, Recurrent, accumulate: false);
            else
                for (int b = 0; b < batch; b++)
                    for (int g = 0; g < 3; g++) new Span<float>(Recurrent + (nint)b * gh + g * h + first, count).Clear();
            GruCellMath.Forward(batch, h, first, count, Gates + (nint)t * batch * gh, Recurrent, Bhn, hPrev, ldPrev,
                Hn + (nint)t * batch * h, Output + (nint)t * batch * dh, dh);
        }
    }

    /// <summary>
    /// Phase n, for one slice of hidden units: that slice's columns of dh += dA_h·W_hh of the step
    /// before (phase n − 1), then step n's (from the last) gate gradients of the slice's units, which
    /// read and write only those columns: one barrier a step. The last phase is the product alone (dh₀).
    /// </summary>
    private unsafe struct BackwardSteps : IPhaseBody
    {
        public FusedLoop Loop;
        public float* Gates, Hn, Output, Dy, DA, DAh, H0, DHidden;

        public readonly void Invoke(int phase, int slice)
        {
            int batch = Loop.Batch, h = Loop.Hidden, gh = 3 * h, dh = Loop.OutputWidth;
            Loop.BackwardProduct(phase, slice, DAh, gh, DHidden, accumulate: true);
            if (phase < Loop.Steps)
            {
                (int t, int prev, int first, int count) = Loop.Locate(phase, slice, backward: true);
                float* hPrev = prev >= 0 ? Output + (nint)prev * batch * dh : H0;
                GruCellMath.Backward(batch, h, first, count, Gates + (nint)t * batch * gh, Hn + (nint)t * batch * h, hPrev, prev >= 0 ? dh : h,
                    Dy + (nint)t * batch * dh, dh, DHidden, DA + (nint)t * batch * gh, DAh + (nint)t * batch * gh);
            }
        }
    }

    /// <summary>Σ (dy + dh)² over rows × H, dy rows <paramref name="dyStride"/> apart (the per-step gradient norm record).</summary>
    private static float SumOfSquaresOfSums(int rows, int h, ReadOnlySpan<float> dy, int dyStride, ReadOnlySpan<float> dHidden)
    {
        float sum = 0f;
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                float v = dy[b * dyStride + j] + dHidden[b * h + j];
                sum += v * v;
            }
        return sum;
    }
}
