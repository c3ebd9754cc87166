using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Training;

/// <summary>
/// RMSProp as PyTorch's <c>RMSprop</c>: v ← αv + (1−α)g²; a = √v + ε (centered: √(v − ḡ²) + ε
/// with ḡ ← αḡ + (1−α)g); with momentum μ: b ← μb + g/a, p ← p − lr·b; else p ← p − lr·g/a.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float[] _squareAverage;
    private readonly float[] _gradientAverage;
    private readonly float[] _momentumBuffer;

    public RmsProp(ParameterStore parameters, float learningRate = 1e-2f, float alpha = 0.99f, float epsilon = 1e-8f,
        float weightDecay = 0f, float momentum = 0f, bool centered = false)
        : base(parameters, learningRate)
    {
        CheckRange(alpha, nameof(alpha), 0f, 1f);
        CheckRange(epsilon, nameof(epsilon), 0f, float.MaxValue, minInclusive: false);
        CheckRange(weightDecay, nameof(weightDecay), 0f, float.MaxValue);
        CheckRange(momentum, nameof(momentum), 0f, 1f);
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
        _squareAverage = NewBuffer();
        _gradientAverage = centered ? NewBuffer() : [];
        _momentumBuffer = momentum > 0f ? NewBuffer() : [];
    }

    public override string Kind => "rmsprop";

    public float Alpha { get; }

    public float Epsilon { get; }

    public float WeightDecay { get; }

    public float Momentum { get; }

    public bool Centered { get; }

    public override IReadOnlyList<(string Name, float[] Values)> StateBuffers
    {
        get
        {
            var list = new List<(string, float[])> { ("square_avg", _squareAverage) };
            if (Centered) list.Add(("grad_avg", _gradientAverage));
            if (Momentum > 0f) list.Add(("momentum_buffer", _momentumBuffer));
            return list;
        }
    }

    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = LearningRate, ["alpha"] = Alpha, ["eps"] = Epsilon, ["weight_decay"] = WeightDecay,
        ["momentum"] = Momentum, ["centered"] = Centered ? 1 : 0,
    };

    protected override void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        float lr = LearningRate, a = Alpha, eps = Epsilon, wd = WeightDecay, mu = Momentum;
        Span<float> sq = _squareAverage, ga = _gradientAverage, buf = _momentumBuffer;
        for (int i = 0; i < values.Length; i++)
        {
            float g = gradients[i] + wd * values[i];
            float s = a * sq[i] + (1f - a) * g * g;
            sq[i] = s;
            float avg;
            if (Centered)
            {
                float m = a * ga[i] + (1f - a) * g;
                ga[i] = m;
                avg = MathF.Sqrt(s - m * m) + eps;
            }
            else
            {
                avg = MathF.Sqrt(s) + eps;
            }
            if (mu > 0f)
            {
                float b = mu * buf[i] + g / avg;
                buf[i] = b;
                values[i] -= lr * b;
            }
            else
            {
                values[i] -= lr * g / avg;
            }
        }
    }
}
