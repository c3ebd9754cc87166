using System.Runtime.CompilerServices;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// An encoder–decoder with attention (see <see cref="Seq2SeqSpec"/>), trained teacher-forced with a
/// ratio (scheduled sampling: at each step after the first a sample is fed the true previous token with
/// probability <see cref="TeacherForcingRatio"/>, else its own greedy prediction). Parameters with
/// PyTorch-style names: <c>encoder.embedding.weight</c>, <c>encoder.rnn.weight_ih_l0</c>… (as
/// <c>nn.GRU</c>/<c>nn.LSTM</c>), <c>decoder.embedding.weight</c>, <c>decoder.bridge.weight</c>/<c>bias</c>,
/// <c>decoder.cell.weight_ih</c>… (as <c>nn.GRUCell</c>), <c>decoder.out.weight</c>/<c>bias</c>,
/// <c>attention.*</c> (see <see cref="Attention"/>). <see cref="Forward"/> computes the loss and keeps
/// what <see cref="Backward"/> needs; after the first batch of the largest shape neither allocates.
/// The model is in parts: this file (building, the training passes) and the inference steps (<c>.Inference</c>).
/// </summary>
public sealed partial class Seq2SeqModel
{
    private readonly CrossEntropyLoss _loss = new(Seq2SeqBatch.Padding);
    private readonly EmbeddingProjection _sourceProjection, _targetProjection;
    private float[] _x = [], _o = [], _s0 = [], _bridgeIn = [], _dLogits = [], _dContext = [], _dPre = [];
    private float[] _stepLogits = [], _zeroMemoryGradient = [], _finalGradient = [];
    private int[] _decoderTokens = [];
    private Activations _memory;
    private int _sourceSteps, _targetSteps, _batch;
    private bool _forwardDone;

    /// <exception cref="ArgumentException">The spec does not fit together (the message says how).</exception>
    public Seq2SeqModel(Seq2SeqSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        Parameters = new ParameterStore();
        int m = spec.MemoryWidth, hd = spec.DecoderHidden, c = spec.ContextWidth;
        SourceEmbedding = new Embedding(Parameters, "encoder.embedding.", spec.SourceVocabulary, spec.SourceEmbedding);
        Encoder = RecurrentLayer.Create(Parameters, "encoder.rnn.", spec.SourceEmbedding, spec.Encoder);
        _sourceProjection = new EmbeddingProjection(SourceEmbedding);
        TargetEmbedding = new Embedding(Parameters, "decoder.embedding.", spec.TargetVocabulary, spec.TargetEmbedding);
        _targetProjection = new EmbeddingProjection(TargetEmbedding);
        Bridge = spec.Bridge == BridgeKind.Linear ? new Linear(Parameters, "decoder.bridge.", m, hd) : null;
        Cell = new DecoderCell(Parameters, "decoder.cell.", spec.DecoderCell, spec.TargetEmbedding + c, hd) { ContextColumn = spec.TargetEmbedding };
        Output = new Linear(Parameters, "decoder.out.", hd + c, spec.TargetVocabulary);
        Attention = new Attention(Parameters, "attention.", spec.Attention, hd, m, spec.EffectiveAttentionSize);
        Parameters.Seal();
    }

    public Seq2SeqSpec Spec { get; }

    public ParameterStore Parameters { get; }

    public Embedding SourceEmbedding { get; }

    public RecurrentLayer Encoder { get; }

    public Embedding TargetEmbedding { get; }

    /// <summary>The bridge's Linear (null for <see cref="BridgeKind.None"/>).</summary>
    public Linear? Bridge { get; }

    public DecoderCell Cell { get; }

    public Attention Attention { get; }

    /// <summary>The output layer over [s_t ; c_t].</summary>
    public Linear Output { get; }

    /// <summary>Probability of feeding the true previous token while training (1: teacher forcing throughout).</summary>
    public float TeacherForcingRatio
    {
        get => _teacherForcingRatio;
        set
        {
            if (!(value >= 0f && value <= 1f)) throw new ArgumentOutOfRangeException(nameof(TeacherForcingRatio), value, "teacher-forcing ratio must be in [0, 1]");
            _teacherForcingRatio = value;
        }
    }

    private float _teacherForcingRatio = 1f;

    /// <summary>The random source of scheduled sampling and encoder dropout (required when either is in use).</summary>
    public RandomSource? Random { get; set; }

    /// <summary>The decoder's input tokens of the latest <see cref="Forward"/> [T·B] (true or sampled).</summary>
    public ReadOnlySpan<int> DecoderInputs => _decoderTokens.AsSpan(0, _targetSteps * _batch);

    /// <summary>The logits [T·B, V] of the latest <see cref="Forward"/>.</summary>
    public ReadOnlySpan<float> Logits => _forwardDone ? _logits.Span : default;

    private Activations _logits;

    /// <summary>Width of a row [s_t ; c_t].</summary>
    private int StateWidth => Spec.DecoderHidden + Spec.ContextWidth;

    /// <summary>Every parameter initialised as PyTorch's modules do.</summary>
    public void ResetParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        SourceEmbedding.ResetParameters(random);
        Encoder.ResetParameters(random);
        TargetEmbedding.ResetParameters(random);
        Bridge?.ResetParameters(random);
        Cell.ResetParameters(random);
        Output.ResetParameters(random);
        Attention.ResetParameters(random);
    }

    /// <summary>
    /// Runs the batch (teacher-forced, with scheduled sampling while <paramref name="training"/> and the
    /// ratio is below 1) and returns the mean cross-entropy over the target steps that are not padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Forward(Seq2SeqBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int s = batch.SourceSteps, t = batch.TargetSteps, b = batch.Size;
        bool sampling = training && _teacherForcingRatio < 1f;
        if (sampling && Random is null) throw new InvalidOperationException("seq2seq: a teacher-forcing ratio below 1 needs a random source (set Random)");
        int et = Spec.TargetEmbedding, inWidth = Cell.InputSize, w = StateWidth, hd = Spec.DecoderHidden, v = Spec.TargetVocabulary;
        Grow(ref _x, t * b * inWidth);
        Grow(ref _o, t * b * w);
        Grow(ref _dLogits, t * b * v);
        Grow(ref _decoderTokens, t * b);
        if (sampling) Grow(ref _stepLogits, b * v);
        Encode(batch.Source, s, b, t, b, training, batch.SourceLengths.AsSpan(0, b));
        _targetSteps = t;
        // The cell's embedding columns are a lookup by the decoder's tokens (filled step by step below).
        _targetProjection.Tokens = _decoderTokens.AsMemory(0, t * b);
        Cell.Begin(t, b, _targetProjection); // the cell reads the embedding columns from the projection's table, not from _x
        for (int step = 0; step < t; step++)
        {
            for (int r = 0; r < b; r++)
            {
                int token = batch.TargetInput[step * b + r];
                if (sampling && step > 0 && Random!.NextFloat() >= _teacherForcingRatio) token = ArgMax(_stepLogits.AsSpan(r * v, v));
                if ((uint)token >= (uint)v) throw new ArgumentOutOfRangeException(nameof(batch), token, $"seq2seq: target token at step {step}, sample {r} must be in [0, {v})");
                _decoderTokens[step * b + r] = token;
            }
            DecoderStep(step, b, _x.AsSpan(step * b * inWidth), PreviousState(step, b), step == 0 ? hd : w, _o.AsSpan(step * b * w));
            if (sampling) Output.Project(_o.AsSpan(step * b * w, b * w), b, _stepLogits);
        }
        _logits = Output.Forward(new Activations(_o, t, b, w), training);
        double loss = _loss.Compute(_logits.Data, t * b, v, v, batch.TargetOutput, _dLogits);
        _forwardDone = true;
        return loss;
    }

    /// <summary>Back-propagates the latest <see cref="Forward"/>'s loss, adding into every parameter's gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward()
    {
        if (!_forwardDone) throw new InvalidOperationException("seq2seq: Backward called before Forward");
        int s = _sourceSteps, t = _targetSteps, b = _batch, w = StateWidth, hd = Spec.DecoderHidden, m = Spec.MemoryWidth;
        int v = Spec.TargetVocabulary;
        bool attention = Spec.Attention != AttentionKind.None;
        ReadOnlySpan<float> dO = Output.Backward(new Activations(_dLogits, t, b, v), needInputGradient: true).Span;
        Grow(ref _dContext, b * m);
        if (attention) Attention.BeginBackward(t, b);
        Cell.BeginBackward(t);
        for (int step = t - 1; step >= 0; step--)
        {
            ReadOnlySpan<float> hPrev = PreviousState(step, b);
            int ldp = step == 0 ? hd : w;
            ReadOnlySpan<float> dStep = dO.Slice(step * b * w, b * w);
            long cell = StepProfile.Begin();
            Cell.BackwardStep(step, _o.AsSpan(step * b * w), w, hPrev, ldp, dStep, w, _dContext, m, accumulate: false);
            StepProfile.End(StepPhase.DecoderCell, cell);
            if (!attention) continue;
            long scores = StepProfile.Begin();
            for (int r = 0; r < b; r++) VectorMath.Add(_dContext.AsSpan(r * m, m), dStep.Slice(r * w + hd, m), _dContext.AsSpan(r * m, m));
            Attention.Backward(step, b, hPrev, ldp, _dContext, m, Cell.CarriedHiddenGradient, hd);
            StepProfile.End(StepPhase.Attention, scores);
        }
        // The target embedding's gradient goes in through the cell's embedding columns (see Forward).
        long cellWeights = StepProfile.Begin();
        Cell.FinishBackward(t, _x.AsSpan(0, t * b * Cell.InputSize), _s0.AsSpan(0, b * hd), _o, w, default);
        StepProfile.End(StepPhase.DecoderCell, cellWeights);
        float[] dMemory;
        if (attention)
        {
            long attentionWeights = StepProfile.Begin();
            dMemory = Attention.FinishBackward();
            StepProfile.End(StepPhase.Attention, attentionWeights);
        }
        else
        {
            Grow(ref _zeroMemoryGradient, s * b * m);
            dMemory = _zeroMemoryGradient;
        }
        BridgeBackward(Cell.CarriedHiddenGradient);
        bool projected = Encoder.InputProjected;
        Activations dEmbedded = Encoder.Backward(new Activations(dMemory, s, b, m), needInputGradient: !projected);
        if (!projected) SourceEmbedding.Backward(dEmbedded, needInputGradient: false);
    }

    /// <summary>
    /// Source embedding, encoder, bridge (into s_0) and the attention's keys for a batch of B sources;
    /// with <paramref name="lengths"/> source b is its first lengths[b] tokens (a masked pass: the rest is padding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Encode(int[] source, int s, int b, int maxSteps, int maxRows, bool training, ReadOnlySpan<int> lengths = default)
    {
        int m = Spec.MemoryWidth, hd = Spec.DecoderHidden, h = Encoder.HiddenSize, d = Encoder.Directions;
        Encoder.Random = Random;
        // The encoder's first input projection is a lookup in E·W_ihᵀ (its gradients go through the tokens) when
        // the sources have more tokens than the vocabulary has rows: the table costs a product over V rows, made
        // anew each pass as the weights change, the direct projection one over S·B (a single source to translate).
        Encoder.InputProjection = s * b > Spec.SourceVocabulary ? _sourceProjection : null;
        Activations embedded = SourceEmbedding.Forward(Activations.FromTokens(source, s, b), training);
        _sourceProjection.Tokens = source.AsMemory(0, s * b);
        _memory = lengths.IsEmpty ? Encoder.Forward(embedded, training) : Encoder.Forward(embedded, lengths, training);
        (_sourceSteps, _batch) = (s, b);
        Grow(ref _bridgeIn, b * m);
        Grow(ref _s0, b * hd);
        ReadOnlySpan<float> final = Encoder.FinalHidden;
        int top = (Encoder.NumLayers - 1) * d;
        for (int r = 0; r < b; r++)
            for (int k = 0; k < d; k++)
                final.Slice(((top + k) * b + r) * h, h).CopyTo(_bridgeIn.AsSpan(r * m + k * h, h));
        if (Bridge is not null) VectorMath.Tanh(Bridge.Forward(new Activations(_bridgeIn, 1, b, m), training).Span, _s0.AsSpan(0, b * hd));
        else _bridgeIn.AsSpan(0, b * m).CopyTo(_s0);
        if (Spec.Attention == AttentionKind.None) return;
        long keys = StepProfile.Begin();
        Attention.Prepare(_memory.Data, s, b, maxSteps, maxRows, lengths);
        StepProfile.End(StepPhase.Attention, keys);
    }

    /// <summary>dLoss/ds_0 [B, Hd] back through the bridge into the encoder's final-state gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BridgeBackward(ReadOnlySpan<float> ds0)
    {
        int b = _batch, hd = Spec.DecoderHidden, m = Spec.MemoryWidth, h = Encoder.HiddenSize, d = Encoder.Directions;
        ReadOnlySpan<float> dIn;
        if (Bridge is not null)
        {
            Grow(ref _dPre, b * hd);
            for (int k = 0; k < b * hd; k++) _dPre[k] = ds0[k] * (1f - _s0[k] * _s0[k]);
            dIn = Bridge.Backward(new Activations(_dPre, 1, b, hd), needInputGradient: true).Span;
        }
        else
        {
            dIn = ds0;
        }
        int length = Encoder.StateCount * b * h, top = (Encoder.NumLayers - 1) * d;
        if (_finalGradient.Length < length) _finalGradient = new float[length];
        else _finalGradient.AsSpan(0, length).Clear();
        for (int r = 0; r < b; r++)
            for (int k = 0; k < d; k++)
                dIn.Slice(r * m + k * h, h).CopyTo(_finalGradient.AsSpan(((top + k) * b + r) * h, h));
        Encoder.FinalHiddenGradient = _finalGradient;
    }

    /// <summary>
    /// One decoder step for R rows whose inputs' embedding columns are filled: attention from hPrev
    /// (context into x and the output row), then the cell (s_t into the output row [s_t ; c_t]).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecoderStep(int step, int rows, Span<float> x, ReadOnlySpan<float> hPrev, int ldp, Span<float> o)
    {
        int inWidth = Cell.InputSize, w = StateWidth, hd = Spec.DecoderHidden, m = Spec.MemoryWidth, et = Spec.TargetEmbedding;
        if (Spec.Attention != AttentionKind.None)
        {
            long attention = StepProfile.Begin();
            Attention.Forward(step, rows, hPrev, ldp, x[et..], inWidth);
            for (int r = 0; r < rows; r++) x.Slice(r * inWidth + et, m).CopyTo(o.Slice(r * w + hd, m));
            StepProfile.End(StepPhase.Attention, attention);
        }
        long cell = StepProfile.Begin();
        Cell.Forward(step, x, inWidth, hPrev, ldp, o, w);
        StepProfile.End(StepPhase.DecoderCell, cell);
    }

    /// <summary>The state before step <paramref name="step"/>: s_0 (row stride Hd), else row block step − 1 of [s ; c] (stride Hd + C).</summary>
    private ReadOnlySpan<float> PreviousState(int step, int rows) =>
        step == 0 ? _s0.AsSpan(0, rows * Spec.DecoderHidden) : _o.AsSpan((step - 1) * rows * StateWidth);

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }
}
