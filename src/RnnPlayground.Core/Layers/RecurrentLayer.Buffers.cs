using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// Storage, allocated once for the largest shape seen and reused: what forward keeps for backward,
// per layer and direction, and the scratch of both passes. Nothing is allocated per pass after that.
public abstract partial class RecurrentLayer
{
    private readonly DirectionBuffers[] _buffers;
    private readonly float[][] _layerOutputs;
    private readonly float[][] _dropped;
    private readonly float[][] _masks;
    private readonly bool[] _dropoutApplied;
    private float[] _finalHidden = [];
    private float[] _finalCell = [];
    private float[] _initialHiddenGradient = [];
    private float[] _initialCellGradient = [];
    private readonly DirectionScratch[] _scratch;
    private float[] _dInputA = [];
    private float[] _dInputB = [];
    private float[] _foldedBias;
    private readonly float[] _columnSums;
    private Activations _input;
    private int _steps, _batch, _capacityRows, _capacityBatch;
    private float[]? _h0, _c0;
    private bool _hasInitialHidden, _hasInitialCell, _forwardDone;

    private void EnsureCapacity(int steps, int batch)
    {
        int rows = steps * batch;
        if (rows <= _capacityRows && batch <= _capacityBatch && steps <= _gradientNormPerStep.Length) return;
        int capRows = Math.Max(rows, _capacityRows), capBatch = Math.Max(batch, _capacityBatch);
        int h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        foreach (DirectionBuffers buf in _buffers) buf.Allocate(capRows, gh, h, this);
        for (int l = 0; l < NumLayers; l++)
        {
            _layerOutputs[l] = new float[capRows * dh];
            if (Dropout > 0f && l < NumLayers - 1)
            {
                _dropped[l] = new float[capRows * dh];
                _masks[l] = new float[capRows * dh];
            }
        }
        foreach (DirectionScratch scratch in _scratch) scratch.Allocate(capRows, capBatch, gh, h, UsesSeparateHiddenGradient);
        int maxWidth = Math.Max(InputSize, dh);
        _dInputA = new float[capRows * maxWidth];
        _dInputB = new float[capRows * maxWidth];
        int stateLength = StateCount * capBatch * h;
        _finalHidden = new float[stateLength];
        _finalCell = HasCellState ? new float[stateLength] : [];
        _initialHiddenGradient = new float[stateLength];
        _initialCellGradient = HasCellState ? new float[stateLength] : [];
        _gradientNormPerStep = new float[Math.Max(steps, _gradientNormPerStep.Length)];
        _capacityRows = capRows;
        _capacityBatch = capBatch;
    }

    private bool CheckState(float[]? state, int length, string name, int batch)
    {
        if (state is null) return false;
        if (state.Length < length)
            throw new ArgumentException($"{Kind}: {name} must have shape [{StateCount}, {batch}, {HiddenSize}] ({length} values), got {state.Length} values", name);
        return true;
    }

    /// <summary>
    /// A time loop's scratch, one per direction (shared by the layers), so the two directions of a
    /// layer can run their loops at once (see <see cref="DirectionsTogether"/>).
    /// </summary>
    private sealed class DirectionScratch
    {
        /// <summary>[T·B, G·H]: pre-activation gradients, input side.</summary>
        public float[] DA = [];

        /// <summary>[T·B, G·H]: pre-activation gradients, recurrent side (GRU; else empty and <see cref="DA"/> serves).</summary>
        public float[] DAh = [];

        /// <summary>[B, G·H]: one step of gates.</summary>
        public float[] Step = [];

        /// <summary>[B, H]: the carried dLoss/dh.</summary>
        public float[] DHidden = [];

        /// <summary>[B, H]: the carried dLoss/dc (LSTM).</summary>
        public float[] DCell = [];

        public void Allocate(int rows, int batch, int gh, int h, bool separateHiddenGradient)
        {
            DA = new float[rows * gh];
            if (separateHiddenGradient) DAh = new float[rows * gh];
            Step = new float[batch * gh];
            DHidden = new float[batch * h];
            DCell = new float[batch * h];
        }

        /// <summary>The recurrent side's gradients: <see cref="DAh"/> when kept apart, else <see cref="DA"/>.</summary>
        public float[] RecurrentSide(bool separate) => separate ? DAh : DA;
    }

    /// <summary>Per layer and direction storage kept from forward for backward.</summary>
    private protected sealed class DirectionBuffers
    {
        /// <summary>[T·B, G·H]: input projection, then the post-activation gates.</summary>
        public float[] Gates = [];

        /// <summary>[T·B, H]: LSTM cell state c_t.</summary>
        public float[] Cell = [];

        /// <summary>[T·B, H]: LSTM tanh(c_t); GRU W_hn·h_{t−1} + b_hn.</summary>
        public float[] Extra = [];

        /// <summary>[T·B, H]: h_{t−1} ⊙ mask, the recurrent product's input under recurrent dropout.</summary>
        public float[] MaskedPrevious = [];

        /// <summary>W_hh packed for the products of the running time loop (see <see cref="PackRecurrentWeights"/>).</summary>
        public readonly PackedMatrix RecurrentWeights = new();

        public void Allocate(int rows, int gh, int h, RecurrentLayer owner)
        {
            Gates = new float[rows * gh];
            if (owner.HasCellState) Cell = new float[rows * h];
            if (owner.NeedsExtraBuffer) Extra = new float[rows * h];
            if (owner.RecurrentDropout > 0f) MaskedPrevious = new float[rows * h];
        }
    }

    /// <summary>What the time loop of one layer and direction needs to know.</summary>
    private protected readonly struct DirectionContext(RecurrentLayer owner, int index, bool reverse, int steps, int batch, int columnOffset,
        int[]? activeRows = null)
    {
        private readonly int[]? _activeRows = activeRows;

        public RecurrentLayer Owner { get; } = owner;

        /// <summary>layer·D + direction.</summary>
        public int Index { get; } = index;

        public bool Reverse { get; } = reverse;

        public int Steps { get; } = steps;

        public int Batch { get; } = batch;

        /// <summary>Column of this direction's h within an output row.</summary>
        public int ColumnOffset { get; } = columnOffset;

        /// <summary>Whether only some rows run at some steps (a masked batch).</summary>
        public bool Masked => _activeRows is not null;

        /// <summary>The n-th step in processing order.</summary>
        public int StepAt(int n) => Reverse ? Steps - 1 - n : n;

        /// <summary>The step processed just before <paramref name="t"/>, or −1 for the first.</summary>
        public int PreviousStep(int t) => Reverse ? (t == Steps - 1 ? -1 : t + 1) : t - 1;

        /// <summary>
        /// The rows of step <paramref name="t"/> the cell runs: rows [0, Active) are sequences still
        /// running (all of them unless the batch is masked, sorted longest first); of these, rows
        /// [0, Continuing) carry the state of the previous step and rows [Continuing, Active) start
        /// from the initial state (every row at a direction's first step; in the reverse direction of
        /// a masked batch, also the sequences whose own last step is <paramref name="t"/>).
        /// </summary>
        public (int Continuing, int Active) RowsAt(int t)
        {
            int prev = PreviousStep(t);
            if (_activeRows is null) return (prev < 0 ? 0 : Batch, Batch);
            int active = _activeRows[t];
            return (prev < 0 ? 0 : Math.Min(active, _activeRows[prev]), active);
        }
    }
}
