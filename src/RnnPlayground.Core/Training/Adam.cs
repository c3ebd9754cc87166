using System.Runtime.CompilerServices;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override unsafe void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        float lr = LearningRate, wd = WeightDecay;
        double bc1 = 1 - Math.Pow(Beta1, StepCount), bc2 = 1 - Math.Pow(Beta2, StepCount);
        var body = new UpdateBody
        {
            Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon,
            StepSize = (float)(lr / bc1),
            Bc2Sqrt = (float)Math.Sqrt(bc2),
            Decay = Decoupled ? 1f - lr * wd : 1f,
            L2 = Decoupled ? 0f : wd,
        };
        fixed (float* p = values, g = gradients, m = _m, v = _v)
        {
            body.Values = p;
            body.Gradients = g;
            body.M = m;
            body.V = v;
            LaneLoop.RunShared(body, values.Length, floatsPerElement: 6);
        }
    }

    /// <summary>The update of one vector of parameters, fused: decay, moments, step.</summary>
    private unsafe struct UpdateBody : ILaneBody
    {
        public float* Values, Gradients, M, V;
        public float Beta1, Beta2, Epsilon, StepSize, Bc2Sqrt, Decay, L2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector p = TLanes.Multiply(TLanes.Load(Values + j), TLanes.Splat(Decay));
            TVector g = TLanes.MultiplyAdd(TLanes.Splat(L2), p, TLanes.Load(Gradients + j));
            TVector m = TLanes.MultiplyAdd(TLanes.Splat(Beta1), TLanes.Load(M + j), TLanes.Multiply(TLanes.Splat(1f - Beta1), g));
            TVector v = TLanes.MultiplyAdd(TLanes.Splat(Beta2), TLanes.Load(V + j), TLanes.Multiply(TLanes.Multiply(TLanes.Splat(1f - Beta2), g), g));
            TLanes.Store(m, M + j);
            TLanes.Store(v, V + j);
            TVector denominator = TLanes.Add(TLanes.Divide(TLanes.Sqrt(v), TLanes.Splat(Bc2Sqrt)), TLanes.Splat(Epsilon));
            TLanes.Store(TLanes.Subtract(p, TLanes.Divide(TLanes.Multiply(TLanes.Splat(StepSize), m), denominator)), Values + j);
        }
    }
}
