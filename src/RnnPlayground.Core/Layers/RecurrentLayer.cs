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
/// The class is in parts, one job each: this file (parameters, shape, states in and out), the
/// whole-sequence passes (<c>.Sequence</c>), padded batches of sequences of different lengths
/// (<c>.Masked</c>), the cells' hooks (<c>.CellHooks</c>), buffers
/// (<c>.Buffers</c>), batch-first layout (<c>.BatchFirst</c>), gradient-norm tracking
/// (<c>.GradientNorms</c>) and one-step inference (<c>.StepInference</c>).
/// </summary>
public abstract partial class RecurrentLayer : Module
{
    private readonly Parameter[] _weightIh;
    private readonly Parameter[] _weightHh;
    private readonly Parameter?[] _biasIh;
    private readonly Parameter?[] _biasHh;

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
        _scratch = new DirectionScratch[Directions];
        for (int d = 0; d < Directions; d++) _scratch[d] = new DirectionScratch();
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

    /// <summary>Final hidden state [L·D, B, H] of the latest forward pass.</summary>
    public ReadOnlySpan<float> FinalHidden => _finalHidden.AsSpan(0, StateCount * _batch * HiddenSize);

    /// <summary>Final cell state [L·D, B, H] of the latest forward pass (LSTM only; empty otherwise).</summary>
    public ReadOnlySpan<float> FinalCell => HasCellState ? _finalCell.AsSpan(0, StateCount * _batch * HiddenSize) : default;

    /// <summary>Gradient with respect to the initial hidden state, after <see cref="Backward"/>.</summary>
    public ReadOnlySpan<float> InitialHiddenGradient => _initialHiddenGradient.AsSpan(0, StateCount * _batch * HiddenSize);

    /// <summary>Gradient with respect to the initial cell state, after <see cref="Backward"/> (LSTM only).</summary>
    public ReadOnlySpan<float> InitialCellGradient => HasCellState ? _initialCellGradient.AsSpan(0, StateCount * _batch * HiddenSize) : default;

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
}
