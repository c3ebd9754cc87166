namespace RnnPlayground.Core.Layers;

/// <summary>Keeps only the last step of a sequence: [T, B, W] → [1, B, W].</summary>
public sealed class LastStep : Module
{
    private float[] _output = [];
    private float[] _inputGradient = [];
    private int _steps, _batch, _width;

    public override string Kind => "last_step";

    public override int OutputWidth(int inputWidth) => inputWidth;

    public override void ResetParameters(RandomSource random)
    {
    }

    public override Activations Forward(in Activations input, bool training)
    {
        if (input.IsTokens) throw new ArgumentException($"last_step: expected float input, got {input}", nameof(input));
        (_steps, _batch, _width) = (input.Steps, input.Batch, input.Width);
        int n = _batch * _width;
        Ensure(ref _output, n);
        input.Data.AsSpan((_steps - 1) * n, n).CopyTo(_output);
        return new Activations(_output, 1, _batch, _width);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        int n = _batch * _width;
        if (outputGradient.Rows != _batch || outputGradient.Width != _width)
            throw new ArgumentException($"last_step: gradient {outputGradient} does not match output [1, {_batch}, {_width}]", nameof(outputGradient));
        if (!needInputGradient) return default;
        Ensure(ref _inputGradient, _steps * n);
        _inputGradient.AsSpan(0, (_steps - 1) * n).Clear();
        outputGradient.Data.AsSpan(0, n).CopyTo(_inputGradient.AsSpan((_steps - 1) * n, n));
        return new Activations(_inputGradient, _steps, _batch, _width);
    }
}
