namespace RnnPlayground.Core.Layers;

/// <summary>
/// Keeps only the last step of a sequence: [T, B, W] → [1, B, W]; in a padded batch of sequences
/// of different lengths, each sequence's own last step.
/// </summary>
public sealed class LastStep : Module
{
    private float[] _output = [];
    private float[] _inputGradient = [];
    private int[] _lastSteps = [];
    private int _steps, _batch, _width;
    private bool _masked;

    public override string Kind => "last_step";

    public override int OutputWidth(int inputWidth) => inputWidth;

    public override void ResetParameters(RandomSource random)
    {
    }

    public override Activations Forward(in Activations input, bool training)
    {
        if (input.IsTokens) throw new ArgumentException($"last_step: expected float input, got {input}", nameof(input));
        (_steps, _batch, _width) = (input.Steps, input.Batch, input.Width);
        _masked = false;
        int n = _batch * _width;
        Ensure(ref _output, n);
        input.Data.AsSpan((_steps - 1) * n, n).CopyTo(_output);
        return new Activations(_output, 1, _batch, _width);
    }

    /// <summary>Row b of the output is row b of step <paramref name="lengths"/>[b] − 1 (1 ≤ length ≤ T).</summary>
    public Activations Forward(in Activations input, ReadOnlySpan<int> lengths)
    {
        if (input.IsTokens) throw new ArgumentException($"last_step: expected float input, got {input}", nameof(input));
        if (lengths.Length != input.Batch) throw new ArgumentException($"last_step: {lengths.Length} lengths for a batch of {input.Batch}", nameof(lengths));
        (_steps, _batch, _width) = (input.Steps, input.Batch, input.Width);
        _masked = true;
        if (_lastSteps.Length < _batch) _lastSteps = new int[_batch];
        Ensure(ref _output, _batch * _width);
        for (int b = 0; b < _batch; b++)
        {
            int length = lengths[b];
            if (length < 1 || length > _steps) throw new ArgumentOutOfRangeException(nameof(lengths), length, $"last_step: a length must be in [1, {_steps}]");
            _lastSteps[b] = length - 1;
            input.Data.AsSpan(((length - 1) * _batch + b) * _width, _width).CopyTo(_output.AsSpan(b * _width, _width));
        }
        return new Activations(_output, 1, _batch, _width);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        int n = _batch * _width;
        if (outputGradient.Rows != _batch || outputGradient.Width != _width)
            throw new ArgumentException($"last_step: gradient {outputGradient} does not match output [1, {_batch}, {_width}]", nameof(outputGradient));
        if (!needInputGradient) return default;
        Ensure(ref _inputGradient, _steps * n);
        if (_masked)
        {
            _inputGradient.AsSpan(0, _steps * n).Clear();
            for (int b = 0; b < _batch; b++)
                outputGradient.Data.AsSpan(b * _width, _width).CopyTo(_inputGradient.AsSpan((_lastSteps[b] * _batch + b) * _width, _width));
            return new Activations(_inputGradient, _steps, _batch, _width);
        }
        _inputGradient.AsSpan(0, (_steps - 1) * n).Clear();
        outputGradient.Data.AsSpan(0, n).CopyTo(_inputGradient.AsSpan((_steps - 1) * n, n));
        return new Activations(_inputGradient, _steps, _batch, _width);
    }
}
