using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// Streaming inference with a <see cref="SequenceModel"/>: one time step of one sample per call,
/// the recurrent state carried between calls (as a live prediction needs). Always reads the
/// model's current weights, so it can run between training steps; allocates nothing per step.
/// </summary>
public sealed class StreamingSession
{
    private readonly SequenceModel _model;
    private readonly RecurrentStepState?[] _states;
    private readonly float[][] _buffers;
    private readonly float[] _output;

    public StreamingSession(SequenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        IReadOnlyList<Module> modules = model.Modules;
        _states = new RecurrentStepState?[modules.Count];
        _buffers = new float[modules.Count][];
        int width = model.Spec.InputFeatures;
        for (int i = 0; i < modules.Count; i++)
        {
            Module m = modules[i];
            if (m is RecurrentLayer r)
            {
                if (r.Bidirectional) throw new ArgumentException("a model with a bidirectional layer cannot stream one step at a time", nameof(model));
                _states[i] = r.CreateStepState();
            }
            width = m.OutputWidth(width);
            _buffers[i] = new float[width];
        }
        _output = _buffers[^1];
    }

    /// <summary>Steps taken since the last <see cref="Reset"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>Forgets the carried state.</summary>
    public void Reset()
    {
        foreach (RecurrentStepState? s in _states) s?.Reset();
        Steps = 0;
    }

    /// <summary>The carried state of the <paramref name="n"/>-th recurrent stack.</summary>
    public RecurrentStepState State(int n) => _states.Where(s => s is not null).ElementAt(n)!;

    /// <summary>Feeds one step of features; returns the output row (valid until the next call).</summary>
    public ReadOnlySpan<float> Step(ReadOnlySpan<float> features)
    {
        if (_model.Spec.TokenInput) throw new InvalidOperationException("the model takes token ids: call Step(int token)");
        if (features.Length != _model.Spec.InputFeatures)
            throw new ArgumentException($"expected {_model.Spec.InputFeatures} features, got {features.Length}", nameof(features));
        return Run(features, 0);
    }

    /// <summary>Feeds one token id; returns the output row (valid until the next call).</summary>
    public ReadOnlySpan<float> Step(int token)
    {
        if (_model.Modules[0] is not Embedding e) throw new InvalidOperationException("the model takes float features: call Step(features)");
        if ((uint)token >= (uint)e.VocabularySize)
            throw new ArgumentOutOfRangeException(nameof(token), token, $"token id must be in [0, {e.VocabularySize})");
        e.Weight.Values.Slice(token * e.Dimension, e.Dimension).CopyTo(_buffers[0]);
        return Run(_buffers[0], 1);
    }

    private ReadOnlySpan<float> Run(ReadOnlySpan<float> x, int first)
    {
        IReadOnlyList<Module> modules = _model.Modules;
        for (int i = first; i < modules.Count; i++)
        {
            Span<float> y = _buffers[i];
            switch (modules[i])
            {
                case RecurrentLayer r:
                    r.StepInference(x, _states[i]!, y);
                    break;
                case Linear l:
                    if (l.Bias is not null) l.Bias.Values.CopyTo(y); else y.Clear();
                    VectorMath.AddMatrixVector(l.Weight.Values, l.InputSize, x, y);
                    break;
                default: // LastStep and Dropout are the identity for one step at inference
                    x.CopyTo(y);
                    break;
            }
            x = y;
        }
        Steps++;
        return _output;
    }
}
