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

    /// <summary>Scratch the size of one step of gates [B, G·H].</summary>
    private protected Span<float> StepScratch => _stepScratch.AsSpan(0, _batch * GateCount * HiddenSize);

    /// <summary>Carried gradient dLoss/dh [B, H] during the backward time loop.</summary>
    private protected Span<float> CarriedHiddenGradient => _dHidden.AsSpan(0, _batch * HiddenSize);

    /// <summary>Carried gradient dLoss/dc [B, H] during the backward time loop (LSTM).</summary>
    private protected Span<float> CarriedCellGradient => _dCell.AsSpan(0, _batch * HiddenSize);

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
}
