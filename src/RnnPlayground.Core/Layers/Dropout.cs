namespace RnnPlayground.Core.Layers;

/// <summary>
/// Zeroes each value with probability <see cref="Probability"/> while training and scales the
/// rest by 1/(1−p) (inverted dropout); the identity otherwise. Masks come from <see cref="Random"/>.
/// </summary>
public sealed class Dropout : Module
{
    private float[] _output = [];
    private float[] _mask = [];
    private float[] _inputGradient = [];
    private Activations _shape;
    private bool _applied;

    public Dropout(float probability)
    {
        if (!(probability >= 0f && probability < 1f)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "dropout must be in [0, 1)");
        Probability = probability;
    }

    public float Probability { get; }

    public RandomSource? Random { get; set; }

    public override string Kind => "dropout";

    public override int OutputWidth(int inputWidth) => inputWidth;

    public override void ResetParameters(RandomSource random)
    {
    }

    public override Activations Forward(in Activations input, bool training)
    {
        if (input.IsTokens) throw new ArgumentException($"dropout: expected float input, got {input}", nameof(input));
        _shape = input;
        _applied = training && Probability > 0f;
        if (!_applied) return input;
        if (Random is null) throw new InvalidOperationException("dropout: needs a random source (set Random) while training");
        int n = input.Rows * input.Width;
        Ensure(ref _output, n);
        Ensure(ref _mask, n);
        float keep = 1f - Probability, scale = 1f / keep;
        for (int i = 0; i < n; i++)
        {
            _mask[i] = Random.NextFloat() < keep ? scale : 0f;
            _output[i] = input.Data[i] * _mask[i];
        }
        return new Activations(_output, input.Steps, input.Batch, input.Width);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        if (!needInputGradient) return default;
        if (!_applied) return outputGradient;
        int n = _shape.Rows * _shape.Width;
        Ensure(ref _inputGradient, n);
        for (int i = 0; i < n; i++) _inputGradient[i] = outputGradient.Data[i] * _mask[i];
        return new Activations(_inputGradient, _shape.Steps, _shape.Batch, _shape.Width);
    }
}
