using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// Masked (variable-length) batches, with PyTorch's pack_padded_sequence semantics: each row of
// the batch is a sequence of its own length, padded to the batch's steps. The rows are sorted
// longest first (gathered into buffers when they are not already), so the sequences still running
// at any step are a prefix of the batch and the cells run on that prefix only; outputs come back
// in the caller's order, zero at padded steps.
public abstract partial class RecurrentLayer
{
    private int[] _lengths = [];
    private int[] _sortedLengths = [];
    private int[] _order = [];
    private int[] _activeRows = [];
    private float[] _sortedInput = [];
    private float[] _maskedOutput = [];
    private float[] _sortedGradient = [];
    private float[] _maskedInputGradient = [];
    private float[] _sortedState = [];
    private float[] _sortedCellState = [];
    private float[] _sortedStateGradient = [];
    private float[] _sortedCellGradient = [];
    private float[] _stateScratch = [];
    private bool _masked, _permuted;

    /// <summary>
    /// Lengths of the sequences of the latest <see cref="Forward(in Activations, ReadOnlySpan{int}, bool)"/>
    /// in the caller's row order (empty after an unmasked pass, or when every sequence was full length).
    /// </summary>
    public ReadOnlySpan<int> SequenceLengths => _masked ? _lengths.AsSpan(0, _batch) : default;

    /// <summary>
    /// Runs a padded batch in which row b is a sequence of <paramref name="lengths"/>[b] steps
    /// (1 ≤ length ≤ Steps; rows in any order): the output [T, B, D·H] (or batch-first) at each
    /// row's valid steps, the final states (<see cref="FinalHidden"/>, <see cref="FinalCell"/>: the
    /// forward direction's state after the row's own last step, the reverse direction's after step
    /// 0, having started at the row's last step), and after <see cref="Backward"/> all gradients
    /// are exactly those of each sequence run alone. Outputs at padded steps are zero; the output
    /// gradient at padded steps is ignored. Initial states and state gradients are in the caller's
    /// row order. When every length is Steps this is the plain <see cref="Forward(in Activations, bool)"/>.
    /// </summary>
    public Activations Forward(in Activations input, ReadOnlySpan<int> lengths, bool training)
    {
        CheckWidth(input, InputSize);
        CheckNotEmpty(input);
        int steps = input.Steps, batch = input.Batch;
        if (lengths.Length != batch)
            throw new ArgumentException($"{Kind}: {lengths.Length} sequence lengths for a batch of {batch}", nameof(lengths));
        bool full = true;
        foreach (int length in lengths)
        {
            if (length < 1 || length > steps)
                throw new ArgumentOutOfRangeException(nameof(lengths), length, $"{Kind}: a sequence length must be in [1, {steps}]");
            full &= length == steps;
        }
        if (full) return Forward(input, training);
        EnsureMaskCapacity(steps, batch);
        SortByLength(lengths, steps);
        _masked = true;
        if (!_permuted) return RunLayers(input, training, BatchFirst, InitialHidden, InitialCell);

        float[]? h0 = PermutedState(InitialHidden, ref _sortedState, batch, nameof(InitialHidden));
        float[]? c0 = HasCellState ? PermutedState(InitialCell, ref _sortedCellState, batch, nameof(InitialCell)) : null;
        Activations sorted = RunLayers(Sorted(input, ref _sortedInput), training, transpose: false, h0, c0);
        UnpermuteStates(_finalHidden, _finalCell);
        return Unsorted(sorted, ref _maskedOutput);
    }

    /// <summary>Backward of a masked batch whose rows were gathered into length order.</summary>
    private Activations BackwardPermuted(in Activations outputGradient, bool needInputGradient)
    {
        int steps = _steps, batch = _batch, dh = OutputSize;
        if (outputGradient.Rows != steps * batch || outputGradient.Width != dh)
            throw new ArgumentException($"{Kind}: output gradient {outputGradient} does not match output [{steps}, {batch}, {dh}]", nameof(outputGradient));
        float[]? dh1 = PermutedState(FinalHiddenGradient, ref _sortedStateGradient, batch, nameof(FinalHiddenGradient));
        float[]? dc1 = HasCellState ? PermutedState(FinalCellGradient, ref _sortedCellGradient, batch, nameof(FinalCellGradient)) : null;
        Activations sorted = BackwardLayers(Sorted(outputGradient, ref _sortedGradient), needInputGradient, transpose: false, dh1, dc1);
        UnpermuteStates(_initialHiddenGradient, _initialCellGradient);
        return needInputGradient ? Unsorted(sorted, ref _maskedInputGradient) : default;
    }

    /// <summary>Rows of <paramref name="a"/> (in the caller's layout and order) gathered time-major in length order into <paramref name="buffer"/>.</summary>
    private Activations Sorted(in Activations a, ref float[] buffer)
    {
        Ensure(ref buffer, a.Rows * a.Width);
        GatherRows(a.Data, buffer, a.Steps, a.Batch, a.Width, BatchFirst);
        return new Activations(buffer, a.Steps, a.Batch, a.Width);
    }

    /// <summary>Time-major rows in length order scattered back to the caller's layout and order into <paramref name="buffer"/>.</summary>
    private Activations Unsorted(in Activations sorted, ref float[] buffer)
    {
        Ensure(ref buffer, sorted.Rows * sorted.Width);
        ScatterRows(sorted.Data, buffer, sorted.Steps, sorted.Batch, sorted.Width, BatchFirst);
        return new Activations(buffer, sorted.Steps, sorted.Batch, sorted.Width);
    }

    private void EnsureMaskCapacity(int steps, int batch)
    {
        if (_order.Length < batch)
        {
            _lengths = new int[batch];
            _sortedLengths = new int[batch];
            _order = new int[batch];
        }
        if (_activeRows.Length < steps) _activeRows = new int[steps];
    }

    /// <summary>
    /// Fills the order of rows longest first (stable), the sorted lengths, and the number of rows
    /// still running at each step; sets <see cref="_permuted"/> when the order is not the identity.
    /// </summary>
    private void SortByLength(ReadOnlySpan<int> lengths, int steps)
    {
        int batch = lengths.Length;
        lengths.CopyTo(_lengths);
        _permuted = false;
        for (int b = 0; b < batch; b++)
        {
            // Insertion sort: batches are small, and this allocates nothing.
            int j = b;
            while (j > 0 && lengths[_order[j - 1]] < lengths[b])
            {
                _order[j] = _order[j - 1];
                j--;
            }
            _order[j] = b;
        }
        for (int j = 0; j < batch; j++)
        {
            _sortedLengths[j] = lengths[_order[j]];
            _permuted |= _order[j] != j;
        }
        int running = batch;
        for (int t = 0; t < steps; t++)
        {
            while (running > 0 && _sortedLengths[running - 1] <= t) running--;
            _activeRows[t] = running;
        }
    }

    /// <summary>Zeroes, at each step, the columns [offset, offset + count) of the rows past the running ones.</summary>
    private void ClearPaddedRows(float[] buffer, int stride, int offset, int count, int steps, int batch)
    {
        for (int t = 0; t < steps; t++)
            for (int b = _activeRows[t]; b < batch; b++)
                buffer.AsSpan((t * batch + b) * stride + offset, count).Clear();
    }

    /// <summary>
    /// dW_hh += dAh ⊗ h0 for the reverse direction of a masked batch, where each row starts from
    /// its initial state at its own last step.
    /// </summary>
    private void AddInitialStateProducts(int index, ReadOnlySpan<float> dAh)
    {
        int batch = _batch, h = HiddenSize, gh = GateCount * h;
        for (int b = 0; b < batch; b++)
        {
            int first = _sortedLengths[b] - 1;
            Sgemm.Multiply(true, false, gh, h, 1, dAh.Slice((first * batch + b) * gh, gh), gh,
                _h0.AsSpan((index * batch + b) * h, h), h, _weightHh[index].Gradients, h, accumulate: true);
        }
    }

    /// <summary>Copies rows (time-major, or batch-first when <paramref name="batchFirst"/>) into time-major rows in length order.</summary>
    private void GatherRows(ReadOnlySpan<float> source, Span<float> sorted, int steps, int batch, int width, bool batchFirst)
    {
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < batch; j++)
            {
                int b = _order[j];
                source.Slice((batchFirst ? b * steps + t : t * batch + b) * width, width).CopyTo(sorted.Slice((t * batch + j) * width, width));
            }
    }

    /// <summary>Copies time-major rows in length order back to the caller's order and layout.</summary>
    private void ScatterRows(ReadOnlySpan<float> sorted, Span<float> target, int steps, int batch, int width, bool batchFirst)
    {
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < batch; j++)
            {
                int b = _order[j];
                sorted.Slice((t * batch + j) * width, width).CopyTo(target.Slice((batchFirst ? b * steps + t : t * batch + b) * width, width));
            }
    }

    /// <summary>A state [L·D, B, H] in the caller's order, checked, copied into length order (null stays null).</summary>
    private float[]? PermutedState(float[]? state, ref float[] buffer, int batch, string name)
    {
        if (!CheckState(state, StateCount * batch * HiddenSize, name, batch)) return null;
        Ensure(ref buffer, StateCount * batch * HiddenSize);
        GatherRows(state, buffer, StateCount, batch, HiddenSize, batchFirst: false);
        return buffer;
    }

    /// <summary>Puts states [L·D, B, H] in length order (the cell state only for an LSTM) back into the caller's order, in place.</summary>
    private void UnpermuteStates(float[] hidden, float[] cell)
    {
        int length = StateCount * _batch * HiddenSize;
        Ensure(ref _stateScratch, length);
        foreach (float[] state in HasCellState ? [hidden, cell] : (ReadOnlySpan<float[]>)[hidden])
        {
            state.AsSpan(0, length).CopyTo(_stateScratch);
            ScatterRows(_stateScratch, state, StateCount, _batch, HiddenSize, batchFirst: false);
        }
    }
}
