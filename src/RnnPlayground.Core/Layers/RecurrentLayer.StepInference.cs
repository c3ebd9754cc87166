using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// One-step inference for streaming: one sample, one step, from a carried state, allocating nothing.
public abstract partial class RecurrentLayer
{
    /// <summary>Creates the carried state for <see cref="StepInference"/> (zeros).</summary>
    public RecurrentStepState CreateStepState() => new(StateCount, HiddenSize, HasCellState, GateCount);

    /// <summary>
    /// Streaming inference: advances one step for one sample from the carried
    /// <paramref name="state"/> (hidden and cell [L, H], updated in place) and writes the top
    /// layer's h [H] into <paramref name="output"/>. Reads the current weights; allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer is bidirectional (the reverse direction needs the whole sequence).</exception>
    public void StepInference(ReadOnlySpan<float> input, RecurrentStepState state, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Bidirectional) throw new InvalidOperationException($"{Kind}: a bidirectional layer cannot run one step at a time");
        if (input.Length != InputSize) throw new ArgumentException($"{Kind}: expected one step of {InputSize} inputs, got {input.Length}", nameof(input));
        if (output.Length < HiddenSize) throw new ArgumentException($"{Kind}: output needs {HiddenSize} values, got {output.Length}", nameof(output));
        if (state.Layers != NumLayers || state.HiddenSize != HiddenSize || state.HasCell != HasCellState)
            throw new ArgumentException($"{Kind}: the state was made for another layer", nameof(state));
        int h = HiddenSize;
        ReadOnlySpan<float> x = input;
        for (int l = 0; l < NumLayers; l++)
        {
            Span<float> hl = state.Hidden.AsSpan(l * h, h);
            StepCell(l, x, hl, HasCellState ? state.Cell.AsSpan(l * h, h) : default, state.Scratch);
            x = hl;
        }
        x.CopyTo(output);
    }

    /// <summary>One step of one layer for one sample: updates h (and c) in place.</summary>
    private protected abstract void StepCell(int index, ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> scratch);

    /// <summary>
    /// dest (+)= W_ih·x + W_hh·h for one sample, starting from the folded bias when
    /// <paramref name="folded"/> (otherwise adding to what dest holds); empty x or h is skipped.
    /// </summary>
    private protected void InputAndRecurrentProduct(int index, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> dest, bool folded)
    {
        if (folded) FoldBias(_biasIh[index], _biasHh[index], dest);
        if (!x.IsEmpty) VectorMath.AddMatrixVector(_weightIh[index].Values, x.Length, x, dest);
        if (!h.IsEmpty) VectorMath.AddMatrixVector(_weightHh[index].Values, h.Length, h, dest);
    }
}
