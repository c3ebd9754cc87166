using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Training;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>SGD</c>: d = g + λp; with momentum μ the buffer
/// b = d on the first step, then b = μb + (1 − dampening)d; the step uses d + μb (Nesterov) or b.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[] _momentumBuffer;

    public Sgd(ParameterStore parameters, float learningRate, float momentum = 0f, float dampening = 0f,
        bool nesterov = false, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        CheckRange(momentum, nameof(momentum), 0f, 1f);
        CheckRange(dampening, nameof(dampening), 0f, 1f, maxInclusive: true);
        CheckRange(weightDecay, nameof(weightDecay), 0f, float.MaxValue);
        if (nesterov && (momentum == 0f || dampening != 0f))
            throw new ArgumentException($"Nesterov momentum needs momentum > 0 and dampening 0 (got momentum {momentum}, dampening {dampening})", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        _momentumBuffer = momentum > 0f ? NewBuffer() : [];
    }

    public override string Kind => "sgd";

    public float Momentum { get; }

    public float Dampening { get; }

    public bool Nesterov { get; }

    public float WeightDecay { get; }

    public override IReadOnlyList<(string Name, float[] Values)> StateBuffers =>
        Momentum > 0f ? [("momentum_buffer", _momentumBuffer)] : [];

    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = LearningRate, ["momentum"] = Momentum, ["dampening"] = Dampening,
        ["nesterov"] = Nesterov ? 1 : 0, ["weight_decay"] = WeightDecay,
    };

    protected override void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        float lr = LearningRate, mu = Momentum, wd = WeightDecay, damp = 1f - Dampening;
        bool first = StepCount == 1;
        Span<float> buf = _momentumBuffer;
        for (int i = 0; i < values.Length; i++)
        {
            float d = gradients[i] + wd * values[i];
            if (mu > 0f)
            {
                float b = first ? d : mu * buf[i] + damp * d;
                buf[i] = b;
                d = Nesterov ? d + mu * b : b;
            }
            values[i] -= lr * d;
        }
    }
}
