using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// A sequence model built from a <see cref="ModelSpec"/>: optional embedding, recurrent stacks,
/// dropout and linear layers in order, all parameters in one <see cref="ParameterStore"/> with
/// PyTorch-style names (<c>embedding.weight</c>, <c>lstm.weight_ih_l0</c>, <c>linear.weight</c>…).
/// Input is time-major [T, B, F] floats or [T, B] token ids; the output is [B, W] for a last-step
/// head or [T·B, W] for an every-step head.
/// </summary>
public sealed class SequenceModel
{
    private readonly Module[] _modules;
    private readonly RecurrentLayer[] _recurrent;
    private readonly CarriedState[] _carried;
    private readonly Dropout[] _dropouts;
    private bool _forwardDone;

    // Where the latest forward pass lies in the sequence carried since ResetState (truncated BPTT
    // runs one sequence as several passes), and the per-step gradient norms recorded over it.
    private int _passStart, _passEnd;
    private float[] _stepNorms = [];
    private int _normSteps;
    private bool _normsStale = true;

    public SequenceModel(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Layers.Count == 0) throw new ArgumentException("a model needs at least one layer", nameof(spec));
        if (spec.TokenInput == (spec.InputFeatures > 0))
            throw new ArgumentException($"a model takes either float features or tokens: input features {spec.InputFeatures}, vocabulary {spec.Vocabulary}", nameof(spec));
        if (!Enum.IsDefined(spec.Head)) throw new ArgumentOutOfRangeException(nameof(spec), spec.Head, "unknown head mode");
        Spec = spec;
        Parameters = new ParameterStore();
        var modules = new List<Module>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        int width = spec.TokenInput ? 0 : spec.InputFeatures;
        int lastRecurrent = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
            if (spec.Layers[i] is RecurrentSpec) lastRecurrent = i;
        bool selected = spec.Head == HeadMode.EveryStep;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i] ?? throw new ArgumentException($"layer {i + 1} is null", nameof(spec));
            if (spec.TokenInput && i == 0 && layer is not EmbeddingSpec)
                throw new ArgumentException($"token input needs an embedding as the first layer, got {Describe(layer)}", nameof(spec));
            if (layer is EmbeddingSpec && (i != 0 || !spec.TokenInput))
                throw new ArgumentException($"layer {i + 1}: an embedding must be the first layer of a model with token input", nameof(spec));
            if (!selected && lastRecurrent < 0 && layer is LinearSpec)
            {
                modules.Add(new LastStep());
                selected = true;
            }
            string prefix = Prefix(layer, names);
            Module module = layer switch
            {
                EmbeddingSpec e => new Embedding(Parameters, prefix, spec.Vocabulary, Positive(e.Dimension, i, "dimension")),
                RecurrentSpec r => RecurrentLayer.Create(Parameters, prefix, width,
                    r with { Hidden = Positive(r.Hidden, i, "hidden"), Layers = Positive(r.Layers, i, "layers") }),
                LinearSpec l => new Linear(Parameters, prefix, width, Positive(l.Output, i, "output"), l.Bias),
                DropoutSpec d => new Dropout(d.Probability),
                _ => throw new ArgumentException($"layer {i + 1}: unknown layer {layer.GetType().Name}", nameof(spec)),
            };
            if (width == 0 && module is not Embedding) throw new ArgumentException($"layer {i + 1} has no input width", nameof(spec));
            modules.Add(module);
            width = module.OutputWidth(width);
            if (i == lastRecurrent && !selected)
            {
                modules.Add(new LastStep());
                selected = true;
            }
        }
        if (!selected) modules.Add(new LastStep());
        Parameters.Seal();
        _modules = [.. modules];
        _recurrent = [.. modules.OfType<RecurrentLayer>()];
        _dropouts = [.. modules.OfType<Dropout>()];
        _carried = new CarriedState[_recurrent.Length];
        for (int i = 0; i < _carried.Length; i++) _carried[i] = new CarriedState();
        OutputWidth = width;
    }

    public ModelSpec Spec { get; }

    public ParameterStore Parameters { get; }

    public IReadOnlyList<Module> Modules => _modules;

    /// <summary>The recurrent stacks in order.</summary>
    public IReadOnlyList<RecurrentLayer> RecurrentLayers => _recurrent;

    /// <summary>Width of each output row.</summary>
    public int OutputWidth { get; }

    public HeadMode Head => Spec.Head;

    /// <summary>
    /// When set, every forward pass starts from the final states of the previous one (detached:
    /// no gradient flows into the earlier pass), as truncated BPTT and streaming inference need.
    /// The carried state is reset by <see cref="ResetState"/> or when the batch size changes.
    /// </summary>
    public bool CarryState { get; set; }

    /// <summary>Sets the random source used for dropout masks.</summary>
    public void SetRandom(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (RecurrentLayer r in _recurrent) r.Random = random;
        foreach (Dropout d in _dropouts) d.Random = random;
    }

    /// <summary>Initialises every parameter the PyTorch way, in layer order, from <paramref name="random"/>.</summary>
    public void ResetParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (Module m in _modules) m.ResetParameters(random);
    }

    /// <summary>Forgets the carried recurrent state.</summary>
    public void ResetState()
    {
        foreach (CarriedState c in _carried) c.Clear();
        _passEnd = 0;
        _normsStale = true;
    }

    /// <summary>Runs the model on time-major input; the result is owned by the model until its next call.</summary>
    public Activations Forward(in Activations input, bool training) => Forward(input, default, training);

    /// <summary>
    /// Runs the model on a padded batch whose row b is a sequence of <paramref name="lengths"/>[b]
    /// steps (empty: every row is full length): the recurrent stacks run each sequence as if alone,
    /// and a last-step head reads each sequence's own last step. An every-step head's rows past a
    /// sequence's length are padding (give them no target).
    /// </summary>
    public Activations Forward(in Activations input, ReadOnlySpan<int> lengths, bool training)
    {
        if (!lengths.IsEmpty && CarryState) throw new InvalidOperationException("sequences of different lengths cannot carry state from one pass to the next");
        if (input.IsTokens != Spec.TokenInput)
            throw new ArgumentException(Spec.TokenInput ? $"the model takes token ids, got float input {input}" : $"the model takes float input of width {Spec.InputFeatures}, got token ids {input}", nameof(input));
        if (!input.IsTokens && input.Width != Spec.InputFeatures)
            throw new ArgumentException($"the model takes input [T, B, {Spec.InputFeatures}], got {input}", nameof(input));
        for (int i = 0; i < _recurrent.Length; i++)
        {
            RecurrentLayer r = _recurrent[i];
            if (CarryState)
            {
                if (r.Bidirectional) throw new InvalidOperationException("a bidirectional layer cannot carry state from one pass to the next");
                _carried[i].Begin(r, input.Batch);
            }
            else
            {
                r.InitialHidden = null;
                r.InitialCell = null;
            }
        }
        _passStart = CarryState ? _passEnd : 0;
        _passEnd = _passStart + input.Steps;
        Activations x = input;
        foreach (Module m in _modules)
            x = lengths.IsEmpty ? m.Forward(x, training) : m switch
            {
                RecurrentLayer r => r.Forward(x, lengths, training),
                LastStep last => last.Forward(x, lengths),
                _ => m.Forward(x, training),
            };
        LastOutput = x;
        if (CarryState)
            for (int i = 0; i < _recurrent.Length; i++) _carried[i].Keep(_recurrent[i]);
        _forwardDone = true;
        return x;
    }

    /// <summary>The output of the latest <see cref="Forward"/> (owned by the model until its next call).</summary>
    public Activations LastOutput { get; private set; }

    /// <summary>
    /// Writes into <paramref name="norms"/> [T] the 2-norm of dLoss/dh_t at each step over every
    /// recurrent stack (stacks must track gradient norms), for the sequence since the last
    /// <see cref="ResetState"/>: under truncated BPTT each chunk's backward pass fills its own steps
    /// (steps no backward pass reached are 0). Returns false, writing nothing, when no backward pass
    /// recorded a sequence of <paramref name="norms"/>.Length steps.
    /// </summary>
    public bool GradientNormPerStep(Span<float> norms)
    {
        if (_normSteps != norms.Length || _normSteps == 0) return false;
        _stepNorms.AsSpan(0, _normSteps).CopyTo(norms);
        return true;
    }

    /// <summary>Back-propagates dLoss/doutput through every module, adding into <see cref="Parameters"/>' gradients.</summary>
    public void Backward(in Activations outputGradient)
    {
        if (!_forwardDone) throw new InvalidOperationException("Backward called before Forward");
        Activations g = outputGradient;
        for (int i = _modules.Length - 1; i >= 0; i--)
        {
            bool needInput = i > 0 && NeedsGradientBelow(i);
            g = _modules[i].Backward(g, needInput);
            if (!needInput) break;
        }
        RecordGradientNorms();
    }

    /// <summary>Folds the stacks' per-step norms of this backward pass into the sequence's record, at the pass's place in it.</summary>
    private void RecordGradientNorms()
    {
        int steps = _passEnd - _passStart;
        bool any = false;
        foreach (RecurrentLayer r in _recurrent)
        {
            ReadOnlySpan<float> n = r.GradientNormPerStep;
            if (n.Length != steps) continue;
            if (!any)
            {
                if (_stepNorms.Length < _passEnd) Array.Resize(ref _stepNorms, _passEnd);
                if (_normsStale || _passStart == 0) _stepNorms.AsSpan().Clear();
                else _stepNorms.AsSpan(_passStart, steps).Clear();
                _normsStale = false;
            }
            any = true;
            for (int t = 0; t < steps; t++) _stepNorms[_passStart + t] += n[t] * n[t];
        }
        if (!any) return;
        for (int t = _passStart; t < _passEnd; t++) _stepNorms[t] = MathF.Sqrt(_stepNorms[t]);
        _normSteps = _passEnd;
    }

    private bool NeedsGradientBelow(int index)
    {
        for (int i = 0; i < index; i++)
            if (_modules[i] is not (LastStep or Dropout)) return true;
        return false;
    }

    private static string Prefix(LayerSpec layer, Dictionary<string, int> used)
    {
        string kind = layer switch
        {
            EmbeddingSpec => "embedding",
            RecurrentSpec r => r.Cell switch { CellKind.Lstm => "lstm", CellKind.Gru => "gru", _ => "rnn" },
            LinearSpec => "linear",
            _ => "dropout",
        };
        string name = layer.Name ?? kind;
        int n = used.GetValueOrDefault(name) + 1;
        used[name] = n;
        if (layer.Name is not null && n > 1) throw new ArgumentException($"two layers are named '{name}'");
        return (n == 1 ? name : $"{name}_{n}") + ".";
    }

    private static int Positive(int value, int index, string what) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(what, value, $"layer {index + 1}: '{what}' must be a positive integer (got {value})");

    private static string Describe(LayerSpec layer) => layer.GetType().Name.Replace("Spec", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Two buffers per recurrent stack: the state this pass starts from, and the one it ended with.</summary>
    private sealed class CarriedState
    {
        private float[] _startHidden = [], _startCell = [], _endHidden = [], _endCell = [];
        private int _batch = -1;
        private bool _hasEnd;

        public void Clear()
        {
            _hasEnd = false;
            _batch = -1;
        }

        public void Begin(RecurrentLayer layer, int batch)
        {
            if (!_hasEnd || batch != _batch)
            {
                layer.InitialHidden = null;
                layer.InitialCell = null;
                _batch = batch;
                return;
            }
            (_startHidden, _endHidden) = (_endHidden, _startHidden);
            (_startCell, _endCell) = (_endCell, _startCell);
            layer.InitialHidden = _startHidden;
            layer.InitialCell = layer.HasCellState ? _startCell : null;
        }

        public void Keep(RecurrentLayer layer)
        {
            int n = layer.FinalHidden.Length;
            if (_endHidden.Length < n) _endHidden = new float[n];
            layer.FinalHidden.CopyTo(_endHidden);
            if (layer.HasCellState)
            {
                if (_endCell.Length < n) _endCell = new float[n];
                layer.FinalCell.CopyTo(_endCell);
            }
            _hasEnd = true;
        }

        /// <summary>The state the model will start from next (for snapshots and checkpoints).</summary>
        public ReadOnlySpan<float> PendingHidden => _hasEnd ? _endHidden : default;
    }
}
