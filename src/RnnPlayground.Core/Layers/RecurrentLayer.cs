using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// A stack of <see cref="NumLayers"/> recurrent layers (optionally bidirectional, with dropout
/// between layers while training), run over a whole sequence at once. Input [T, B, in] is
/// time-major; the output is [T, B, D·H] (D = 2 when bidirectional: forward direction in the
/// first H columns, reverse in the next H); final states are [L·D, B, H].
/// Parameters per layer k follow PyTorch: <c>weight_ih_l{k}</c> [G·H × in],
/// <c>weight_hh_l{k}</c> [G·H × H], <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> [G·H], with suffix
/// <c>_reverse</c> for the reverse direction; all initialised uniform(−1/√H, 1/√H).
/// The input projection of every step is one matrix product per layer and direction; only the
/// recurrent product runs step by step.
/// </summary>
public abstract class RecurrentLayer : Module
{
    private readonly Parameter[] _weightIh;
    private readonly Parameter[] _weightHh;
    private readonly Parameter?[] _biasIh;
    private readonly Parameter?[] _biasHh;
    private readonly DirectionBuffers[] _buffers;
    private readonly float[][] _layerOutputs;
    private readonly float[][] _dropped;
    private readonly float[][] _masks;
    private readonly bool[] _dropoutApplied;
    private float[] _finalHidden = [];
    private float[] _finalCell = [];
    private float[] _initialHiddenGradient = [];
    private float[] _initialCellGradient = [];
    private float[] _dA = [];
    private float[] _dAh = [];
    private float[] _stepScratch = [];
    private float[] _dHidden = [];
    private float[] _dCell = [];
    private float[] _dInputA = [];
    private float[] _dInputB = [];
    private float[] _foldedBias;
    private readonly float[] _columnSums;
    private float[] _gradientNormPerStep = [];
    private float[] _timeMajorInput = [];
    private float[] _batchFirstOutput = [];
    private float[] _timeMajorGradient = [];
    private float[] _batchFirstGradient = [];
    private Activations _input;
    private int _steps, _batch, _capacityRows, _capacityBatch;
    private bool _hasInitialHidden, _hasInitialCell, _forwardDone;

    private protected RecurrentLayer(ParameterStore store, string prefix, int gateCount, int inputSize, int hiddenSize,
        int numLayers, bool bias, float dropout, bool bidirectional)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "input size must be ≥ 1");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "hidden size must be ≥ 1");
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, "number of layers must be ≥ 1");
        if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be in [0, 1)");
        if ((long)gateCount * hiddenSize * Math.Max(inputSize, (bidirectional ? 2L : 1L) * hiddenSize) > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"a layer of {hiddenSize} units on {inputSize} inputs is too large");
        GateCount = gateCount;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBias = bias;
        Dropout = dropout;
        Directions = bidirectional ? 2 : 1;
        int n = numLayers * Directions;
        _weightIh = new Parameter[n];
        _weightHh = new Parameter[n];
        _biasIh = new Parameter?[n];
        _biasHh = new Parameter?[n];
        _buffers = new DirectionBuffers[n];
        int gh = gateCount * hiddenSize;
        for (int l = 0; l < numLayers; l++)
        {
            int inWidth = l == 0 ? inputSize : Directions * hiddenSize;
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                string suffix = $"_l{l}" + (d == 1 ? "_reverse" : "");
                _weightIh[i] = store.Declare($"{prefix}weight_ih{suffix}", gh, inWidth);
                _weightHh[i] = store.Declare($"{prefix}weight_hh{suffix}", gh, hiddenSize);
                if (bias)
                {
                    _biasIh[i] = store.Declare($"{prefix}bias_ih{suffix}", gh);
                    _biasHh[i] = store.Declare($"{prefix}bias_hh{suffix}", gh);
                }
                _buffers[i] = new DirectionBuffers();
            }
        }
        _layerOutputs = new float[numLayers][];
        _dropped = new float[numLayers][];
        _masks = new float[numLayers][];
        _dropoutApplied = new bool[numLayers];
        for (int l = 0; l < numLayers; l++) _layerOutputs[l] = _dropped[l] = _masks[l] = [];
        _foldedBias = new float[gh];
        _columnSums = new float[gh];
    }

    public int GateCount { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int NumLayers { get; }

    /// <summary>1, or 2 when bidirectional.</summary>
    public int Directions { get; }

    public bool Bidirectional => Directions == 2;

    public bool HasBias { get; }

    /// <summary>Probability of dropping an output of every layer but the last, while training.</summary>
    public float Dropout { get; }

    /// <summary>The random source for dropout masks; required when <see cref="Dropout"/> &gt; 0 and training.</summary>
    public RandomSource? Random { get; set; }

    /// <summary>Width of each step of the output: D·H.</summary>
    public int OutputSize => Directions * HiddenSize;

    /// <summary>Number of state vectors per sample: L·D.</summary>
    public int StateCount => NumLayers * Directions;

    /// <summary>Whether the cell carries a second state (the LSTM's c).</summary>
    public virtual bool HasCellState => false;

    /// <summary>Names of the gates in weight order ("i","f","g","o"; "r","z","n"; none for a vanilla RNN).</summary>
    public abstract IReadOnlyList<string> GateNames { get; }

    /// <summary>
    /// Initial hidden state [L·D, B, H] for the next <see cref="Forward"/>; null means zeros.
    /// The array is read, not kept beyond the call.
    /// </summary>
    public float[]? InitialHidden { get; set; }

    /// <summary>Initial cell state [L·D, B, H] (LSTM only); null means zeros.</summary>
    public float[]? InitialCell { get; set; }

    /// <summary>Gradient with respect to the final hidden state [L·D, B, H] added by the next <see cref="Backward"/>; null means none.</summary>
    public float[]? FinalHiddenGradient { get; set; }

    /// <summary>Gradient with respect to the final cell state (LSTM only); null means none.</summary>
    public float[]? FinalCellGradient { get; set; }

    /// <summary>
    /// When set, <see cref="Forward"/> takes input laid out [B, T, in] and returns output
    /// [B, T, D·H] (and <see cref="Backward"/> takes and returns gradients laid out the same way);
    /// the <see cref="Activations"/> still say Steps = T and Batch = B.
    /// </summary>
    public bool BatchFirst { get; set; }

    /// <summary>When set, <see cref="Backward"/> records the 2-norm of dLoss/dh_t at each step (over all layers) in <see cref="GradientNormPerStep"/>.</summary>
    public bool TrackGradientNorms { get; set; }

    /// <summary>Final hidden state [L·D, B, H] of the latest forward pass.</summary>
    public ReadOnlySpan<float> FinalHidden => _finalHidden.AsSpan(0, StateCount * _batch * HiddenSize);

    /// <summary>Final cell state [L·D, B, H] of the latest forward pass (LSTM only; empty otherwise).</summary>
    public ReadOnlySpan<float> FinalCell => HasCellState ? _finalCell.AsSpan(0, StateCount * _batch * HiddenSize) : default;

    /// <summary>Gradient with respect to the initial hidden state, after <see cref="Backward"/>.</summary>
    public ReadOnlySpan<float> InitialHiddenGradient => _initialHiddenGradient.AsSpan(0, StateCount * _batch * HiddenSize);

    /// <summary>Gradient with respect to the initial cell state, after <see cref="Backward"/> (LSTM only).</summary>
    public ReadOnlySpan<float> InitialCellGradient => HasCellState ? _initialCellGradient.AsSpan(0, StateCount * _batch * HiddenSize) : default;

    /// <summary>[T] gradient norm per step of the latest backward pass when <see cref="TrackGradientNorms"/> is set.</summary>
    public ReadOnlySpan<float> GradientNormPerStep => _gradientNormPerStep.AsSpan(0, TrackGradientNorms ? _steps : 0);

    public Parameter WeightIh(int layer, int direction = 0) => _weightIh[Index(layer, direction)];

    public Parameter WeightHh(int layer, int direction = 0) => _weightHh[Index(layer, direction)];

    public Parameter? BiasIh(int layer, int direction = 0) => _biasIh[Index(layer, direction)];

    public Parameter? BiasHh(int layer, int direction = 0) => _biasHh[Index(layer, direction)];

    /// <summary>Steps and batch size of the latest forward pass.</summary>
    public (int Steps, int Batch) LastShape => (_steps, _batch);

    /// <summary>Output [T, B, D·H] of layer <paramref name="layer"/> in the latest forward pass.</summary>
    public ReadOnlySpan<float> LayerOutput(int layer) => _layerOutputs[layer].AsSpan(0, _steps * _batch * OutputSize);

    /// <summary>
    /// Post-activation gates [T, B, G·H] of one layer and direction in the latest forward pass
    /// (empty for a vanilla RNN).
    /// </summary>
    public ReadOnlySpan<float> LayerGates(int layer, int direction = 0) =>
        GateNames.Count == 0 ? default : _buffers[Index(layer, direction)].Gates.AsSpan(0, _steps * _batch * GateCount * HiddenSize);

    private int Index(int layer, int direction)
    {
        if ((uint)layer >= (uint)NumLayers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"must be in [0, {NumLayers})");
        if ((uint)direction >= (uint)Directions) throw new ArgumentOutOfRangeException(nameof(direction), direction, $"must be in [0, {Directions})");
        return layer * Directions + direction;
    }

    public override int OutputWidth(int inputWidth) => OutputSize;

    public override void ResetParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        float bound = 1f / MathF.Sqrt(HiddenSize);
        for (int i = 0; i < _weightIh.Length; i++)
        {
            random.FillUniform(_weightIh[i].Values, -bound, bound);
            random.FillUniform(_weightHh[i].Values, -bound, bound);
            if (HasBias)
            {
                random.FillUniform(_biasIh[i]!.Values, -bound, bound);
                random.FillUniform(_biasHh[i]!.Values, -bound, bound);
            }
        }
    }

    public override Activations Forward(in Activations input, bool training)
    {
        CheckWidth(input, InputSize);
        int steps = input.Steps, batch = input.Batch;
        if (steps < 1 || batch < 1) throw new ArgumentException($"{Kind}: input {input} must have at least one step and one sample", nameof(input));
        int stateLength = StateCount * batch * HiddenSize;
        _hasInitialHidden = CheckState(InitialHidden, stateLength, nameof(InitialHidden), batch);
        _hasInitialCell = HasCellState && CheckState(InitialCell, stateLength, nameof(InitialCell), batch);
        if (training && Dropout > 0f && NumLayers > 1 && Random is null)
            throw new InvalidOperationException($"{Kind}: dropout {Dropout} needs a random source (set Random) while training");
        EnsureCapacity(steps, batch);
        _steps = steps;
        _batch = batch;
        _input = BatchFirst ? Transposed(input, ref _timeMajorInput, toBatchFirst: false) : input;

        int rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        ReadOnlySpan<float> layerInput = _input.Data.AsSpan(0, rows * InputSize);
        int inWidth = InputSize;
        for (int l = 0; l < NumLayers; l++)
        {
            float[] output = _layerOutputs[l];
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                DirectionBuffers buf = _buffers[i];
                Span<float> gates = buf.Gates.AsSpan(0, rows * gh);
                FoldBias(_biasIh[i], _biasHh[i], _foldedBias);
                for (int r = 0; r < rows; r++) _foldedBias.CopyTo(gates.Slice(r * gh, gh));
                Sgemm.Multiply(false, true, rows, gh, inWidth, layerInput, inWidth, _weightIh[i].Values, inWidth, gates, gh, accumulate: true);
                var dir = new DirectionContext(this, i, d == 1, steps, batch, d * h);
                RunForward(dir, buf, output);
                // Final states: the hidden state after the last processed step.
                int lastStep = d == 1 ? 0 : steps - 1;
                for (int b = 0; b < batch; b++)
                {
                    output.AsSpan((lastStep * batch + b) * dh + d * h, h).CopyTo(_finalHidden.AsSpan((i * batch + b) * h, h));
                    if (HasCellState) buf.Cell.AsSpan((lastStep * batch + b) * h, h).CopyTo(_finalCell.AsSpan((i * batch + b) * h, h));
                }
            }
            _dropoutApplied[l] = training && Dropout > 0f && l < NumLayers - 1;
            if (_dropoutApplied[l])
            {
                Span<float> mask = _masks[l].AsSpan(0, rows * dh);
                Span<float> dropped = _dropped[l].AsSpan(0, rows * dh);
                float keep = 1f - Dropout, scale = 1f / keep;
                ReadOnlySpan<float> y = output.AsSpan(0, rows * dh);
                for (int k = 0; k < mask.Length; k++)
                {
                    mask[k] = Random!.NextFloat() < keep ? scale : 0f;
                    dropped[k] = y[k] * mask[k];
                }
                layerInput = dropped;
            }
            else
            {
                layerInput = output.AsSpan(0, rows * dh);
            }
            inWidth = dh;
        }
        _forwardDone = true;
        var result = new Activations(_layerOutputs[NumLayers - 1], steps, batch, dh);
        return BatchFirst ? Transposed(result, ref _batchFirstOutput, toBatchFirst: true) : result;
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        if (!_forwardDone) throw new InvalidOperationException($"{Kind}: Backward called before Forward");
        int steps = _steps, batch = _batch, rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        if (outputGradient.Rows != rows || outputGradient.Width != dh)
            throw new ArgumentException($"{Kind}: output gradient {outputGradient} does not match output [{steps}, {batch}, {dh}]", nameof(outputGradient));
        int stateLength = StateCount * batch * h;
        bool hasFinalGrad = CheckState(FinalHiddenGradient, stateLength, nameof(FinalHiddenGradient), batch);
        bool hasFinalCellGrad = HasCellState && CheckState(FinalCellGradient, stateLength, nameof(FinalCellGradient), batch);
        if (TrackGradientNorms) _gradientNormPerStep.AsSpan(0, steps).Clear();

        ReadOnlySpan<float> dOutput = (BatchFirst ? Transposed(outputGradient, ref _timeMajorGradient, toBatchFirst: false) : outputGradient).Data.AsSpan(0, rows * dh);
        float[] dInput = _dInputA, dInputOther = _dInputB;
        for (int l = NumLayers - 1; l >= 0; l--)
        {
            int inWidth = l == 0 ? InputSize : dh;
            ReadOnlySpan<float> layerInput = l == 0 ? _input.Data.AsSpan(0, rows * InputSize)
                : (_dropoutApplied[l - 1] ? _dropped[l - 1] : _layerOutputs[l - 1]).AsSpan(0, rows * dh);
            bool needDx = l > 0 || needInputGradient;
            Span<float> dx = dInput.AsSpan(0, rows * inWidth);
            if (needDx) dx.Clear();
            float[] output = _layerOutputs[l];
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                bool reverse = d == 1;
                var dir = new DirectionContext(this, i, reverse, steps, batch, d * h);
                Span<float> dHidden = _dHidden.AsSpan(0, batch * h);
                Span<float> dCell = _dCell.AsSpan(0, batch * h);
                if (hasFinalGrad) FinalHiddenGradient.AsSpan(i * batch * h, batch * h).CopyTo(dHidden); else dHidden.Clear();
                if (HasCellState)
                {
                    if (hasFinalCellGrad) FinalCellGradient.AsSpan(i * batch * h, batch * h).CopyTo(dCell); else dCell.Clear();
                }
                float[] dAh = UsesSeparateHiddenGradient ? _dAh : _dA;
                RunBackward(dir, _buffers[i], output, dOutput, _dA, dAh);
                dHidden.CopyTo(_initialHiddenGradient.AsSpan(i * batch * h, batch * h));
                if (HasCellState) dCell.CopyTo(_initialCellGradient.AsSpan(i * batch * h, batch * h));

                ReadOnlySpan<float> dA = _dA.AsSpan(0, rows * gh);
                ReadOnlySpan<float> dAhSpan = dAh.AsSpan(0, rows * gh);
                // dW_ih [GH × in] += dAᵀ · X
                Sgemm.Multiply(true, false, gh, inWidth, rows, dA, gh, layerInput, inWidth, _weightIh[i].Gradients, inWidth, accumulate: true);
                // dW_hh [GH × H] += Σ_t dAh_tᵀ · h_prev(t): steps whose previous state is an output row, then the initial state.
                if (steps > 1)
                {
                    int firstRowWithPrev = reverse ? 0 : batch;
                    int prevRowStart = reverse ? batch : 0;
                    Sgemm.Multiply(true, false, gh, h, (steps - 1) * batch,
                        dAhSpan[(firstRowWithPrev * gh)..], gh, output.AsSpan(prevRowStart * dh + d * h), dh,
                        _weightHh[i].Gradients, h, accumulate: true);
                }
                if (_hasInitialHidden)
                {
                    int firstStep = reverse ? steps - 1 : 0;
                    Sgemm.Multiply(true, false, gh, h, batch, dAhSpan.Slice(firstStep * batch * gh, batch * gh), gh,
                        InitialHidden.AsSpan(i * batch * h, batch * h), h, _weightHh[i].Gradients, h, accumulate: true);
                }
                if (HasBias && UsesSeparateHiddenGradient)
                {
                    VectorMath.AddColumnSums(rows, gh, dA, gh, _biasIh[i]!.Gradients);
                    VectorMath.AddColumnSums(rows, gh, dAhSpan, gh, _biasHh[i]!.Gradients);
                }
                else if (HasBias)
                {
                    // b_ih and b_hh enter the same pre-activation: one column sum serves both.
                    _columnSums.AsSpan().Clear();
                    VectorMath.AddColumnSums(rows, gh, dA, gh, _columnSums);
                    VectorMath.Add(_biasIh[i]!.Gradients, _columnSums, _biasIh[i]!.Gradients);
                    VectorMath.Add(_biasHh[i]!.Gradients, _columnSums, _biasHh[i]!.Gradients);
                }
                if (needDx)
                    Sgemm.Multiply(false, false, rows, inWidth, gh, dA, gh, _weightIh[i].Values, inWidth, dx, inWidth, accumulate: true);
            }
            if (l > 0 && _dropoutApplied[l - 1])
            {
                ReadOnlySpan<float> mask = _masks[l - 1].AsSpan(0, rows * dh);
                for (int k = 0; k < dx.Length; k++) dx[k] *= mask[k];
            }
            dOutput = dx;
            (dInput, dInputOther) = (dInputOther, dInput);
        }
        if (TrackGradientNorms)
        {
            Span<float> norms = _gradientNormPerStep.AsSpan(0, steps);
            for (int t = 0; t < steps; t++) norms[t] = MathF.Sqrt(norms[t]);
        }
        if (!needInputGradient) return default;
        var dInputResult = new Activations(dInputOther, steps, batch, InputSize);
        return BatchFirst ? Transposed(dInputResult, ref _batchFirstGradient, toBatchFirst: true) : dInputResult;
    }

    /// <summary>Copies [T, B, W] to [B, T, W] (or back) into <paramref name="buffer"/>.</summary>
    private static Activations Transposed(in Activations a, ref float[] buffer, bool toBatchFirst)
    {
        int t = a.Steps, b = a.Batch, w = a.Width;
        Ensure(ref buffer, t * b * w);
        ReadOnlySpan<float> src = a.Data;
        for (int ti = 0; ti < t; ti++)
            for (int bi = 0; bi < b; bi++)
            {
                int tm = (ti * b + bi) * w, bf = (bi * t + ti) * w;
                src.Slice(toBatchFirst ? tm : bf, w).CopyTo(buffer.AsSpan(toBatchFirst ? bf : tm, w));
            }
        return new Activations(buffer, t, b, w);
    }

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

    /// <summary>Scratch the size of one step of gates [B, G·H].</summary>
    private protected Span<float> StepScratch => _stepScratch.AsSpan(0, _batch * GateCount * HiddenSize);

    /// <summary>Carried gradient dLoss/dh [B, H] during the backward time loop.</summary>
    private protected Span<float> CarriedHiddenGradient => _dHidden.AsSpan(0, _batch * HiddenSize);

    /// <summary>Carried gradient dLoss/dc [B, H] during the backward time loop (LSTM).</summary>
    private protected Span<float> CarriedCellGradient => _dCell.AsSpan(0, _batch * HiddenSize);

    /// <summary>Initial hidden state [B, H] of a layer and direction, or empty for zeros.</summary>
    private protected ReadOnlySpan<float> InitialHiddenOf(int index) =>
        _hasInitialHidden ? InitialHidden.AsSpan(index * _batch * HiddenSize, _batch * HiddenSize) : default;

    /// <summary>Initial cell state [B, H] of a layer and direction, or empty for zeros.</summary>
    private protected ReadOnlySpan<float> InitialCellOf(int index) =>
        _hasInitialCell ? InitialCell.AsSpan(index * _batch * HiddenSize, _batch * HiddenSize) : default;

    private protected Parameter WeightHhAt(int index) => _weightHh[index];

    private protected Parameter? BiasHhAt(int index) => _biasHh[index];

    /// <summary>Adds Σ (dLoss/dh_t)² of a step (summed by the time loop) into the per-step gradient norm record.</summary>
    private protected void RecordStepGradient(int step, float sumOfSquares)
    {
        if (TrackGradientNorms) _gradientNormPerStep[step] += sumOfSquares;
    }

    /// <summary>Adds Σ dh² of a step's dLoss/dh_t [B, H] into the per-step gradient norm record (when tracking).</summary>
    private protected void RecordStepGradient(int step, ReadOnlySpan<float> dHidden)
    {
        if (TrackGradientNorms) _gradientNormPerStep[step] += (float)VectorMath.SumOfSquares(dHidden);
    }

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

    private bool CheckState(float[]? state, int length, string name, int batch)
    {
        if (state is null) return false;
        if (state.Length < length)
            throw new ArgumentException($"{Kind}: {name} must have shape [{StateCount}, {batch}, {HiddenSize}] ({length} values), got {state.Length} values", name);
        return true;
    }

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
        _dA = new float[capRows * gh];
        if (UsesSeparateHiddenGradient) _dAh = new float[capRows * gh];
        int maxWidth = Math.Max(InputSize, dh);
        _dInputA = new float[capRows * maxWidth];
        _dInputB = new float[capRows * maxWidth];
        _stepScratch = new float[capBatch * gh];
        _dHidden = new float[capBatch * h];
        _dCell = new float[capBatch * h];
        int stateLength = StateCount * capBatch * h;
        _finalHidden = new float[stateLength];
        _finalCell = HasCellState ? new float[stateLength] : [];
        _initialHiddenGradient = new float[stateLength];
        _initialCellGradient = HasCellState ? new float[stateLength] : [];
        _gradientNormPerStep = new float[Math.Max(steps, _gradientNormPerStep.Length)];
        _capacityRows = capRows;
        _capacityBatch = capBatch;
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

        /// <summary>W_hh packed for the products of the running time loop (see <see cref="PackRecurrentWeights"/>).</summary>
        public readonly PackedMatrix RecurrentWeights = new();

        public void Allocate(int rows, int gh, int h, RecurrentLayer owner)
        {
            Gates = new float[rows * gh];
            if (owner.HasCellState) Cell = new float[rows * h];
            if (owner.NeedsExtraBuffer) Extra = new float[rows * h];
        }
    }

    /// <summary>Whether <see cref="DirectionBuffers.Extra"/> is used.</summary>
    private protected virtual bool NeedsExtraBuffer => false;

    /// <summary>What the time loop of one layer and direction needs to know.</summary>
    private protected readonly struct DirectionContext(RecurrentLayer owner, int index, bool reverse, int steps, int batch, int columnOffset)
    {
        public RecurrentLayer Owner { get; } = owner;

        /// <summary>layer·D + direction.</summary>
        public int Index { get; } = index;

        public bool Reverse { get; } = reverse;

        public int Steps { get; } = steps;

        public int Batch { get; } = batch;

        /// <summary>Column of this direction's h within an output row.</summary>
        public int ColumnOffset { get; } = columnOffset;

        /// <summary>The n-th step in processing order.</summary>
        public int StepAt(int n) => Reverse ? Steps - 1 - n : n;

        /// <summary>The step processed just before <paramref name="t"/>, or −1 for the first.</summary>
        public int PreviousStep(int t) => Reverse ? (t == Steps - 1 ? -1 : t + 1) : t - 1;
    }
}
