using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// What a cell (Rnn, Lstm, Gru) implements — its time loops and bias folding — and what the base
// lends it for them: states, carried gradients, scratch, packed recurrent weights.
public abstract partial class RecurrentLayer
{
    /// <summary>
    /// Runs the time loop of one layer and direction. On entry <c>buffers.Gates</c> [T·B, G·H]
    /// holds the input projection plus folded biases; the loop adds the recurrent product,
    /// applies the cell, and writes h_t into <paramref name="output"/> [T·B, D·H] at the
    /// direction's column offset.
    /// </summary>
    private protected abstract void RunForward(in DirectionContext dir, DirectionBuffers buffers, float[] output);

    /// <summary>
    /// Runs the time loop backwards: from dLoss/d(layer output) [T·B, D·H] and the carried
    /// gradients in the shared state buffers, fills dA [T·B, G·H] (pre-activation gradients, input side)
    /// and dAh (recurrent side; the same array unless <see cref="UsesSeparateHiddenGradient"/>), and leaves
    /// dLoss/dh0 (and dc0) in the carried buffers.
    /// </summary>
    private protected abstract void RunBackward(in DirectionContext dir, DirectionBuffers buffers, float[] output,
        ReadOnlySpan<float> dOutput, float[] dA, float[] dAh);

    /// <summary>Writes the bias preloaded into every row of the input projection.</summary>
    private protected virtual void FoldBias(Parameter? biasIh, Parameter? biasHh, Span<float> folded)
    {
        if (biasIh is null || biasHh is null)
        {
            folded.Clear();
            return;
        }
        VectorMath.Add(biasIh.Values, biasHh.Values, folded);
    }

    /// <summary>True when the gradient flowing into W_hh differs from the one into W_ih (GRU).</summary>
    private protected virtual bool UsesSeparateHiddenGradient => false;

    /// <summary>Whether <see cref="DirectionBuffers.Extra"/> is used.</summary>
    private protected virtual bool NeedsExtraBuffer => false;

    /// <summary>Scratch the size of one step of gates [B, G·H], the direction's own.</summary>
    private protected Span<float> StepScratchOf(in DirectionContext dir) => ScratchOf(dir).Step.AsSpan(0, _batch * GateCount * HiddenSize);

    /// <summary>Carried gradient dLoss/dh [B, H] during the direction's backward time loop.</summary>
    private protected Span<float> CarriedHiddenGradientOf(in DirectionContext dir) => ScratchOf(dir).DHidden.AsSpan(0, _batch * HiddenSize);

    /// <summary>Carried gradient dLoss/dc [B, H] during the direction's backward time loop (LSTM).</summary>
    private protected Span<float> CarriedCellGradientOf(in DirectionContext dir) => ScratchOf(dir).DCell.AsSpan(0, _batch * HiddenSize);

    private DirectionScratch ScratchOf(in DirectionContext dir) => _scratch[dir.Reverse ? 1 : 0];

    /// <summary>Initial hidden state [B, H] of a layer and direction, or empty for zeros.</summary>
    private protected ReadOnlySpan<float> InitialHiddenOf(int index) =>
        _hasInitialHidden ? _h0.AsSpan(index * _batch * HiddenSize, _batch * HiddenSize) : default;

    /// <summary>Initial cell state [B, H] of a layer and direction, or empty for zeros.</summary>
    private protected ReadOnlySpan<float> InitialCellOf(int index) =>
        _hasInitialCell ? _c0.AsSpan(index * _batch * HiddenSize, _batch * HiddenSize) : default;

    private protected Parameter WeightHhAt(int index) => _weightHh[index];

    private protected Parameter? BiasHhAt(int index) => _biasHh[index];

    /// <summary>
    /// Packs layer-direction <paramref name="index"/>'s W_hh [G·H × H] once for a whole time loop:
    /// as W_hhᵀ (k = H, n = G·H) for the forward products h_{t−1}·W_hhᵀ, or as W_hh (k = G·H, n = H)
    /// for the backward products dA_t·W_hh.
    /// </summary>
    private protected PackedMatrix PackRecurrentWeights(int index, DirectionBuffers buffers, bool forward)
    {
        int h = HiddenSize, gh = GateCount * h;
        ReadOnlySpan<float> whh = _weightHh[index].Values;
        if (forward) Sgemm.PackB(true, h, gh, whh, h, buffers.RecurrentWeights);
        else Sgemm.PackB(false, gh, h, whh, h, buffers.RecurrentWeights);
        return buffers.RecurrentWeights;
    }

    /// <summary>
    /// Packs the W_hh of <paramref name="dir"/>'s layer and direction for a time loop that may run
    /// fused: sizes the packed matrix and returns, in <paramref name="slices"/>, the loop's slices (see
    /// <see cref="FusedSlices"/>). A fused loop (slices &gt; 0) leaves the packing to its first phase,
    /// every slice packing its own panels (see <see cref="RunFused"/>), so the copy is shared by the
    /// threads and each thread's share lands in its own cache; a step-by-step loop gets the whole
    /// matrix packed here, as <see cref="PackRecurrentWeights(int, DirectionBuffers, bool)"/> does.
    /// </summary>
    private protected PackedMatrix PackRecurrentWeights(in DirectionContext dir, DirectionBuffers buffers, bool forward, out int slices)
    {
        int h = HiddenSize, gh = GateCount * h;
        PackedMatrix whh = Sgemm.PrepareB(forward ? h : gh, forward ? gh : h, buffers.RecurrentWeights);
        slices = FusedSlices(dir, whh);
        return slices > 0 ? whh : PackRecurrentWeights(dir.Index, buffers, forward);
    }

    /// <summary>
    /// A time loop runs as one job split by hidden units (see <see cref="FusedSlices"/>) only when
    /// each step's recurrent product has at least this many multiply-adds (B·G·H·H; about 15 µs on
    /// one core): below it the barrier between steps costs more than the second core adds.
    /// </summary>
    private const long FusedMinWork = 1L << 21;

    /// <summary>Slices of hidden units per compute thread in a fused time loop (more than one, so a late thread leaves its share to the others).</summary>
    private const int FusedSlicesPerThread = 2;

    private readonly PhasedJob _stepJob = new();

    /// <summary>
    /// How many slices of hidden units each step of a time loop of <paramref name="dir"/> with
    /// packed recurrent weights <paramref name="whh"/> is cut into, to run the whole loop as one
    /// <see cref="PhasedJob"/> over the compute threads; 0 for the step-by-step loop (one thread, a
    /// masked batch or recurrent dropout, gradient norms tracked, H not a whole number of the
    /// weights' panels, steps too small, or the loop itself run inside a job, e.g. beside the other
    /// direction's, see <see cref="DirectionsTogether"/>). Every slice is whole panels of each gate's columns, so
    /// each value is computed exactly as in the step-by-step loop.
    /// </summary>
    private protected int FusedSlices(in DirectionContext dir, PackedMatrix whh)
    {
        int threads = ComputeThreads.Count, h = HiddenSize, panel = whh.PanelWidth;
        if (threads <= 1 || dir.Masked || RecurrentMasked || TrackGradientNorms || h % panel != 0 || ComputeThreads.InsideJob) return 0;
        if ((long)dir.Batch * GateCount * h * h < FusedMinWork) return 0;
        int slices = Math.Min(h / panel, threads * FusedSlicesPerThread);
        return slices > 1 ? slices : 0;
    }

    /// <summary>
    /// Runs a fused time loop (see <see cref="FusedSlices"/>) of <paramref name="phases"/> phases on the
    /// layer's job, its W_hh (sized by <see cref="PackRecurrentWeights(in DirectionContext, DirectionBuffers, bool, out int)"/>)
    /// packed in the first phase: each slice packs the panels it multiplies with (the slice's columns
    /// of every gate forwards, of dh backwards) before its first step, so no slice waits for the copy.
    /// </summary>
    private protected unsafe void RunFused<TBody>(in FusedLoop loop, bool forward, int phases, TBody body)
        where TBody : struct, IPhaseBody
    {
        FusedLoops++;
        fixed (float* weights = _weightHh[loop.Index].Values)
        {
            var packing = new PackingFirst<TBody>(body, loop, weights, forward, forward ? GateCount : 1);
            _stepJob.Run(Math.Min(ComputeThreads.Count, loop.Slices), phases, loop.Slices, packing);
        }
    }

    /// <summary>
    /// A fused loop's body whose first phase packs each slice's panels of W_hh before the slice's own
    /// work: forwards op(B) = W_hhᵀ [H × G·H], the slice's columns of each of the G gates; backwards
    /// op(B) = W_hh [G·H × H], the slice's columns of dh (one "gate"), as <see cref="FusedLoop.Multiply"/> reads them.
    /// </summary>
    private readonly unsafe struct PackingFirst<TBody>(TBody body, FusedLoop loop, float* weights, bool transposed, int gates) : IPhaseBody
        where TBody : struct, IPhaseBody
    {
        private readonly TBody _body = body;
        private readonly FusedLoop _loop = loop;

        public void Invoke(int phase, int slice)
        {
            if (phase == 0)
            {
                (int first, int count) = _loop.UnitsOf(slice);
                int h = _loop.Hidden;
                for (int g = 0; g < gates; g++) Sgemm.PackBColumns(transposed, weights, h, _loop.Whh, g * h + first, count);
            }
            _body.Invoke(phase, slice);
        }
    }

    /// <summary>Time loops (forward or backward, per direction) this layer has run fused so far (for tests).</summary>
    internal long FusedLoops { get; private set; }

    /// <summary>
    /// Where a phase and slice of a fused time loop (see <see cref="FusedSlices"/>) fall: which step,
    /// its previous step, and which hidden units: whole panels of the packed recurrent weights.
    /// </summary>
    private protected readonly unsafe struct FusedLoop(in DirectionContext dir, PackedMatrix whh, int slices, int hidden, int outputWidth)
    {
        private readonly DirectionContext _dir = dir;

        public PackedMatrix Whh { get; } = whh;

        /// <summary>The layer-direction index of the loop (whose W_hh <see cref="Whh"/> holds packed).</summary>
        public int Index => _dir.Index;

        public int Slices { get; } = slices;

        public int Batch => _dir.Batch;

        public int Hidden { get; } = hidden;

        /// <summary>Width of an output row (D·H).</summary>
        public int OutputWidth { get; } = outputWidth;

        /// <summary>Time steps of the loop.</summary>
        public int Steps => _dir.Steps;

        /// <summary>
        /// Step t of phase <paramref name="phase"/> (one phase a step, from the last step when
        /// <paramref name="backward"/>), the step before it (−1 at the first) and the units
        /// [First, First + Count) of slice <paramref name="slice"/>.
        /// </summary>
        public (int T, int Prev, int First, int Count) Locate(int phase, int slice, bool backward)
        {
            int t = _dir.StepAt(backward ? _dir.Steps - 1 - phase : phase);
            (int first, int count) = UnitsOf(slice);
            return (t, _dir.PreviousStep(t), first, count);
        }

        /// <summary>The hidden units [First, First + Count) of slice <paramref name="slice"/>: whole panels of the packed weights.</summary>
        public (int First, int Count) UnitsOf(int slice)
        {
            int panel = Whh.PanelWidth, panels = Hidden / panel;
            int first = panels * slice / Slices * panel, end = panels * (slice + 1) / Slices * panel;
            return (first, end - first);
        }

        /// <summary>
        /// C[B × gates·H] (+)= A[B × k]·Whh for the slice's columns of each of <paramref name="gates"/>
        /// gates (or, with one gate, the slice's columns of C[B × H]).
        /// </summary>
        public void Multiply(int gates, int first, int count, float* a, nint lda, float* c, bool accumulate)
        {
            int h = Hidden;
            for (int g = 0; g < gates; g++)
                Sgemm.MultiplyColumns(Batch, a, lda, Whh, g * h + first, g * h + first + count, c, gates * h, accumulate);
        }

        /// <summary>
        /// The first half of backward phase <paramref name="phase"/> &gt; 0: the slice's columns of
        /// dh (+)= dA·W_hh for the step of phase − 1, dA being that step's rows of
        /// <paramref name="stepGradients"/> (<paramref name="width"/> floats a row).
        /// </summary>
        public void BackwardProduct(int phase, int slice, float* stepGradients, int width, float* dHidden, bool accumulate)
        {
            if (phase == 0) return;
            (int later, _, int first, int count) = Locate(phase - 1, slice, backward: true);
            Multiply(1, first, count, stepGradients + (nint)later * Batch * width, width, dHidden, accumulate);
        }
    }
}
