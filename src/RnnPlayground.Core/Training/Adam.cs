using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Training;

/// <summary>
/// Adam as PyTorch's <c>Adam</c> (L2 weight decay added to the gradient) or, when
/// <see cref="Decoupled"/>, <c>AdamW</c> (p ← p(1 − lr·λ) before the step):
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[] _m;
    private readonly float[] _v;

    public Adam(ParameterStore parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0f, bool decoupled = false)
        : base(parameters, learningRate)
    {
        CheckRange(beta1, nameof(beta1), 0f, 1f);
        CheckRange(beta2, nameof(beta2), 0f, 1f);
        CheckRange(epsilon, nameof(epsilon), 0f, float.MaxValue, minInclusive: false);
        CheckRange(weightDecay, nameof(weightDecay), 0f, float.MaxValue);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
        _m = NewBuffer();
        _v = NewBuffer();
    }

    /// <summary>AdamW: decoupled weight decay (default λ = 0.01 as in PyTorch).</summary>
    public static Adam W(ParameterStore parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0.01f) =>
        new(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);

    public override string Kind => Decoupled ? "adamw" : "adam";

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public float WeightDecay { get; }

    public bool Decoupled { get; }

    public override IReadOnlyList<(string Name, float[] Values)> StateBuffers => [("exp_avg", _m), ("exp_avg_sq", _v)];

    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = LearningRate, ["beta1"] = Beta1, ["beta2"] = Beta2, ["eps"] = Epsilon, ["weight_decay"] = WeightDecay,
    };

    protected override void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        float lr = LearningRate, b1 = Beta1, b2 = Beta2, eps = Epsilon, wd = WeightDecay;
        double bc1 = 1 - Math.Pow(b1, StepCount), bc2 = 1 - Math.Pow(b2, StepCount);
        float stepSize = (float)(lr / bc1);
        float bc2Sqrt = (float)Math.Sqrt(bc2);
        float decay = Decoupled ? 1f - lr * wd : 1f;
        float l2 = Decoupled ? 0f : wd;
        Span<float> m = _m, v = _v;
        for (int i = 0; i < values.Length; i++)
        {
            float p = values[i] * decay;
            float g = gradients[i] + l2 * p;
            float mi = b1 * m[i] + (1f - b1) * g;
            float vi = b2 * v[i] + (1f - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            values[i] = p - stepSize * mi / (MathF.Sqrt(vi) / bc2Sqrt + eps);
        }
    }
}
