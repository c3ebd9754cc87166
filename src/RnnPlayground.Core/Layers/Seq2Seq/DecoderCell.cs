using System.Runtime.CompilerServices;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// One recurrent cell (GRU, LSTM or vanilla RNN) run one step at a time, as a decoder needs when each
/// step's input depends on the step before (attention, sampled tokens). The element-wise math is the
/// recurrent layers' own (<see cref="GruCellMath"/>, <see cref="LstmCellMath"/>, <see cref="RnnCellMath"/>);
/// what a step keeps for backward is kept per step t. Parameters as PyTorch's <c>GRUCell</c>/<c>LSTMCell</c>/<c>RNNCell</c>:
/// <c>{prefix}weight_ih</c> [G·H × in], <c>weight_hh</c> [G·H × H], <c>bias_ih</c>, <c>bias_hh</c> [G·H], uniform(±1/√H).
/// Backward runs the steps in reverse (<see cref="BeginBackward"/>, <see cref="BackwardStep"/> from the
/// last step down, <see cref="FinishBackward"/>); the weight gradients of all steps are one product each.
/// </summary>
public sealed class DecoderCell
{
    private readonly PackedMatrix _inputWeightsT = new(), _recurrentT = new(), _recurrent = new(), _contextWeights = new();
    private readonly float[] _foldedBias;
    private float[] _gates = [], _extra = [], _cell = [], _hiddenProduct = [], _dA = [], _dAh = [], _dHidden = [], _dCell = [], _reorder = [];
    private int _rows, _projectedColumns;
    private EmbeddingProjection? _embedded;

    public DecoderCell(ParameterStore store, string prefix, CellKind cell, int inputSize, int hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        GateCount = cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
        int gh = GateCount * hiddenSize;
        WeightIh = store.Declare(prefix + "weight_ih", gh, inputSize);
        WeightHh = store.Declare(prefix + "weight_hh", gh, hiddenSize);
        BiasIh = store.Declare(prefix + "bias_ih", gh);
        BiasHh = store.Declare(prefix + "bias_hh", gh);
        _foldedBias = new float[gh];
    }

    public CellKind Cell { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    /// <summary>G: 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n) or 1.</summary>
    public int GateCount { get; }

    public Parameter WeightIh { get; }

    public Parameter WeightHh { get; }

    public Parameter BiasIh { get; }

    public Parameter BiasHh { get; }

    public bool HasCellState => Cell == CellKind.Lstm;

    public void ResetParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        float bound = 1f / MathF.Sqrt(HiddenSize);
        foreach (Parameter p in (Parameter[])[WeightIh, WeightHh, BiasIh, BiasHh]) random.FillUniform(p.Values, -bound, bound);
    }

    /// <summary>
    /// Prepares up to <paramref name="steps"/> steps of <paramref name="rows"/> rows with the current
    /// weights (packs them, folds the biases); the cell state starts at zeros. With
    /// <paramref name="embedded"/> the input columns before <see cref="ContextColumn"/> are that
    /// embedding's rows for its tokens (row t·R + r at step t): their product is a lookup in
    /// E·W_ihᵀ and their gradients go into the embedding in <see cref="FinishBackward"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Begin(int steps, int rows, EmbeddingProjection? embedded = null)
    {
        int h = HiddenSize, gh = GateCount * h, n = steps * rows;
        Grow(ref _gates, n * gh);
        if (Cell is CellKind.Gru or CellKind.Lstm) Grow(ref _extra, n * h);
        if (HasCellState) Grow(ref _cell, n * h);
        Grow(ref _hiddenProduct, rows * gh);
        Grow(ref _dHidden, rows * h);
        Grow(ref _dCell, rows * h);
        _rows = rows;
        if (embedded is not null && embedded.Embedding.Dimension != ContextColumn)
            throw new ArgumentException($"decoder cell: the embedding's width {embedded.Embedding.Dimension} is not the {ContextColumn} columns before the context", nameof(embedded));
        _embedded = embedded;
        _projectedColumns = embedded is null ? 0 : ContextColumn;
        _embedded?.MakeTable(WeightIh.Values, InputSize, gh);
        Sgemm.PackB(true, InputSize - _projectedColumns, gh, WeightIh.Values[_projectedColumns..], InputSize, _inputWeightsT);
        Sgemm.PackB(true, h, gh, WeightHh.Values, h, _recurrentT);
        ReadOnlySpan<float> bi = BiasIh.Values, bh = BiasHh.Values;
        if (Cell == CellKind.Gru)
        {
            VectorMath.Add(bi[..(2 * h)], bh[..(2 * h)], _foldedBias.AsSpan(0, 2 * h));
            bi.Slice(2 * h, h).CopyTo(_foldedBias.AsSpan(2 * h, h));
        }
        else
        {
            VectorMath.Add(bi, bh, _foldedBias);
        }
    }

    /// <summary>
    /// Step t: from input x [R, in] (row stride ldx) and the previous state hPrev [R, H] (row stride
    /// ldp; empty means zeros at t = 0) writes h [R, H] (row stride ldh). The LSTM's c is kept inside.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(int t, ReadOnlySpan<float> x, int ldx, ReadOnlySpan<float> hPrev, int ldp, Span<float> h, int ldh)
    {
        int rows = _rows, hs = HiddenSize, gh = GateCount * hs;
        Span<float> gates = _gates.AsSpan(t * rows * gh, rows * gh);
        for (int r = 0; r < rows; r++) _foldedBias.CopyTo(gates.Slice(r * gh, gh));
        _embedded?.AddRows(t * rows, rows, gates, gh);
        Sgemm.Multiply(false, rows, x[_projectedColumns..], ldx, _inputWeightsT, gates, gh, accumulate: true);
        switch (Cell)
        {
            case CellKind.Gru:
                {
                    Span<float> hg = _hiddenProduct.AsSpan(0, rows * gh);
                    if (!hPrev.IsEmpty) Sgemm.Multiply(false, rows, hPrev, ldp, _recurrentT, hg, gh);
                    else hg.Clear();
                    GruCellMath.Forward(rows, hs, gates, hg, BiasHh.Values.Slice(2 * hs, hs), hPrev, ldp, _extra.AsSpan(t * rows * hs, rows * hs), h, ldh);
                    break;
                }
            case CellKind.Lstm:
                {
                    if (!hPrev.IsEmpty) Sgemm.Multiply(false, rows, hPrev, ldp, _recurrentT, gates, gh, accumulate: true);
                    ReadOnlySpan<float> cPrev = t > 0 ? _cell.AsSpan((t - 1) * rows * hs, rows * hs) : default;
                    LstmCellMath.Forward(rows, hs, gates, cPrev, _cell.AsSpan(t * rows * hs, rows * hs), _extra.AsSpan(t * rows * hs, rows * hs), h, ldh);
                    break;
                }
            default:
                if (!hPrev.IsEmpty) Sgemm.Multiply(false, rows, hPrev, ldp, _recurrentT, gates, gh, accumulate: true);
                RnnCellMath.Forward(rows, hs, gates, h, ldh, Cell == CellKind.RnnTanh);
                break;
        }
    }

    /// <summary>
    /// Copies step <paramref name="from"/>'s LSTM cell state rows into step <paramref name="to"/>'s in the
    /// order <paramref name="rowOrder"/> (beam search reorders its hypotheses between steps).
    /// </summary>
    public void ReorderCell(int from, int to, ReadOnlySpan<int> rowOrder)
    {
        if (!HasCellState) return;
        int hs = HiddenSize, rows = _rows;
        Grow(ref _reorder, rowOrder.Length * hs);
        for (int r = 0; r < rowOrder.Length; r++)
            _cell.AsSpan((from * rows + rowOrder[r]) * hs, hs).CopyTo(_reorder.AsSpan(r * hs, hs));
        _reorder.AsSpan(0, rowOrder.Length * hs).CopyTo(_cell.AsSpan(to * rows * hs));
    }

    /// <summary>Sizes the gradient storage for <paramref name="steps"/> steps and clears the carried gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginBackward(int steps)
    {
        int rows = _rows, hs = HiddenSize, gh = GateCount * hs;
        Grow(ref _dA, steps * rows * gh);
        if (Cell == CellKind.Gru) Grow(ref _dAh, steps * rows * gh);
        _dHidden.AsSpan(0, rows * hs).Clear();
        _dCell.AsSpan(0, rows * hs).Clear();
        Sgemm.PackB(false, gh, hs, WeightHh.Values, hs, _recurrent);
        if (InputSize > ContextColumn) Sgemm.PackB(false, gh, InputSize - ContextColumn, WeightIh.Values[ContextColumn..], InputSize, _contextWeights);
    }

    /// <summary>First input column whose gradient <see cref="BackwardStep"/> returns per step (the context's).</summary>
    public int ContextColumn { get; set; }

    /// <summary>
    /// dLoss/dh carried into the step being back-propagated (from later steps); after
    /// <see cref="BackwardStep"/> of step t it is dLoss/dh_{t−1} from the recurrence, to which the caller
    /// adds what else h_{t−1} fed (the attention query).
    /// </summary>
    public Span<float> CarriedHiddenGradient => _dHidden.AsSpan(0, _rows * HiddenSize);

    /// <summary>
    /// Step t backward: dy [R, H] (row stride ldy) is dLoss/dh_t from outside the recurrence; h and
    /// hPrev as in forward. Writes dLoss/dx_t for the input columns from <see cref="ContextColumn"/> on into
    /// <paramref name="dContext"/> [R, in − ContextColumn] (row stride lddc), adding when <paramref name="accumulate"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BackwardStep(int t, ReadOnlySpan<float> h, int ldh, ReadOnlySpan<float> hPrev, int ldp, ReadOnlySpan<float> dy, int ldy,
        Span<float> dContext, int lddc, bool accumulate)
    {
        int rows = _rows, hs = HiddenSize, gh = GateCount * hs;
        ReadOnlySpan<float> gates = _gates.AsSpan(t * rows * gh, rows * gh);
        Span<float> dA = _dA.AsSpan(t * rows * gh, rows * gh);
        Span<float> dHidden = CarriedHiddenGradient;
        switch (Cell)
        {
            case CellKind.Gru:
                {
                    Span<float> dAh = _dAh.AsSpan(t * rows * gh, rows * gh);
                    GruCellMath.Backward(rows, hs, gates, _extra.AsSpan(t * rows * hs, rows * hs), hPrev, ldp, dy, ldy, dHidden, dA, dAh);
                    Sgemm.Multiply(false, rows, dAh, gh, _recurrent, dHidden, hs, accumulate: true);
                    break;
                }
            case CellKind.Lstm:
                {
                    ReadOnlySpan<float> cPrev = t > 0 ? _cell.AsSpan((t - 1) * rows * hs, rows * hs) : default;
                    LstmCellMath.Backward(rows, hs, gates, _extra.AsSpan(t * rows * hs, rows * hs), cPrev, dy, ldy, dHidden, _dCell.AsSpan(0, rows * hs), dA);
                    Sgemm.Multiply(false, rows, dA, gh, _recurrent, dHidden, hs);
                    break;
                }
            default:
                RnnCellMath.Backward(rows, hs, h, ldh, dy, ldy, dHidden, dA, Cell == CellKind.RnnTanh);
                Sgemm.Multiply(false, rows, dA, gh, _recurrent, dHidden, hs);
                break;
        }
        if (InputSize > ContextColumn) Sgemm.Multiply(false, rows, dA, gh, _contextWeights, dContext, lddc, accumulate);
    }

    /// <summary>
    /// After the last backward step: adds the weight and bias gradients of all <paramref name="steps"/>
    /// steps, from the inputs X [T·R, in] and the previous states (h_0 [R, H], then h_1 … h_{T−1} as
    /// rows of <paramref name="states"/>, row stride lds); writes dLoss/dx for the input columns before
    /// <see cref="ContextColumn"/> into <paramref name="dInputs"/> [T·R, ContextColumn], or, when they
    /// were an embedding's (see <see cref="Begin"/>), adds their gradients into the embedding's weights.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FinishBackward(int steps, ReadOnlySpan<float> inputs, ReadOnlySpan<float> initialState, ReadOnlySpan<float> states, int lds,
        Span<float> dInputs)
    {
        int rows = _rows, n = steps * rows, hs = HiddenSize, gh = GateCount * hs, inw = InputSize;
        ReadOnlySpan<float> dA = _dA.AsSpan(0, n * gh);
        ReadOnlySpan<float> dAh = Cell == CellKind.Gru ? _dAh.AsSpan(0, n * gh) : dA;
        int pc = _projectedColumns;
        Sgemm.Multiply(true, false, gh, inw - pc, n, dA, gh, inputs[pc..], inw, WeightIh.Gradients[pc..], inw, accumulate: true);
        _embedded?.AddGradients(dA, gh, WeightIh.Values, WeightIh.Gradients, inw);
        if (!initialState.IsEmpty)
            Sgemm.Multiply(true, false, gh, hs, rows, dAh[..(rows * gh)], gh, initialState, hs, WeightHh.Gradients, hs, accumulate: true);
        if (steps > 1)
            Sgemm.Multiply(true, false, gh, hs, (steps - 1) * rows, dAh[(rows * gh)..], gh, states, lds, WeightHh.Gradients, hs, accumulate: true);
        VectorMath.AddColumnSums(n, gh, dA, gh, BiasIh.Gradients);
        VectorMath.AddColumnSums(n, gh, dAh, gh, BiasHh.Gradients);
        if (ContextColumn > 0 && _embedded is null)
            Sgemm.Multiply(false, false, n, ContextColumn, gh, dA, gh, WeightIh.Values, inw, dInputs, ContextColumn);
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
