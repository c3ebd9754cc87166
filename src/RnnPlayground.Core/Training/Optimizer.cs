using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Training;

/// <summary>
/// Updates every parameter of a <see cref="ParameterStore"/> from its gradient in one pass over the
/// flat buffers. Per-parameter state (moments) lives in arrays parallel to the store's values.
/// </summary>
public abstract class Optimizer
{
    private float _learningRate;

    protected Optimizer(ParameterStore parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        LearningRate = learningRate;
    }

    public ParameterStore Parameters { get; }

    /// <summary>A short name (<c>sgd</c>, <c>adam</c>…).</summary>
    public abstract string Kind { get; }

    /// <summary>The learning rate used by the next <see cref="Step"/> (&gt; 0).</summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "learning rate must be finite and > 0");
            _learningRate = value;
        }
    }

    /// <summary>Number of updates done so far.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step()
    {
        StepCount++;
        Update(Parameters.Values.AsSpan(0, Parameters.Count), Parameters.Gradients.AsSpan(0, Parameters.Count));
    }

    protected abstract void Update(Span<float> values, ReadOnlySpan<float> gradients);

    /// <summary>The named state buffers (each as long as the store), for checkpoints.</summary>
    public abstract IReadOnlyList<(string Name, float[] Values)> StateBuffers { get; }

    /// <summary>Hyper-parameters as name → value, for checkpoints and display.</summary>
    public abstract IReadOnlyDictionary<string, double> Settings { get; }

    /// <summary>Restores the step count (state buffers are restored in place through <see cref="StateBuffers"/>).</summary>
    public void RestoreStepCount(long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        StepCount = steps;
    }

    protected float[] NewBuffer() => new float[Parameters.Count];

    protected static void CheckRange(float value, string name, float min, float max, bool minInclusive = true, bool maxInclusive = false)
    {
        bool ok = (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be in {(minInclusive ? "[" : "(")}{min}, {max}{(maxInclusive ? "]" : ")")}");
    }
}
