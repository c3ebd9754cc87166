using System.Runtime.CompilerServices;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override unsafe void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        var body = new UpdateBody
        {
            LearningRate = LearningRate, Momentum = Momentum, Damp = 1f - Dampening, WeightDecay = WeightDecay,
            First = StepCount == 1, Nesterov = Nesterov,
        };
        fixed (float* p = values, g = gradients, b = _momentumBuffer)
        {
            body.Values = p;
            body.Gradients = g;
            body.Buffer = b;
            LaneLoop.RunShared(body, values.Length, floatsPerElement: 4);
        }
    }

    /// <summary>The update of one vector of parameters, fused: weight decay, momentum, step.</summary>
    private unsafe struct UpdateBody : ILaneBody
    {
        public float* Values, Gradients, Buffer;
        public float LearningRate, Momentum, Damp, WeightDecay;
        public bool First, Nesterov;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Step<TVector, TLanes>(nint j) where TVector : struct where TLanes : IFloatLanes<TVector>
        {
            TVector p = TLanes.Load(Values + j);
            TVector d = TLanes.MultiplyAdd(TLanes.Splat(WeightDecay), p, TLanes.Load(Gradients + j));
            if (Momentum > 0f)
            {
                TVector mu = TLanes.Splat(Momentum);
                TVector b = First ? d : TLanes.MultiplyAdd(mu, TLanes.Load(Buffer + j), TLanes.Multiply(TLanes.Splat(Damp), d));
                TLanes.Store(b, Buffer + j);
                d = Nesterov ? TLanes.MultiplyAdd(mu, b, d) : b;
            }
            TLanes.Store(TLanes.Subtract(p, TLanes.Multiply(TLanes.Splat(LearningRate), d)), Values + j);
        }
    }
}
