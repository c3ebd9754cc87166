using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// y = x·Wᵀ + b applied to every row: input [rows, in] → output [rows, out].
/// Parameters <c>{prefix}weight</c> [out × in] and <c>{prefix}bias</c> [out], initialised
/// uniform(−1/√in, 1/√in) as in PyTorch.
/// </summary>
public sealed class Linear : Module
{
    private float[] _output = [];
    private float[] _inputGradient = [];
    private Activations _lastInput;

    public Linear(ParameterStore store, string prefix, int inputSize, int outputSize, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        InputSize = inputSize;
        OutputSize = outputSize;
        Weight = store.Declare(prefix + "weight", outputSize, inputSize);
        Bias = bias ? store.Declare(prefix + "bias", outputSize) : null;
    }

    public override string Kind => "linear";

    public int InputSize { get; }

    public int OutputSize { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public override int OutputWidth(int inputWidth) => OutputSize;

    public override void ResetParameters(RandomSource random)
    {
        float bound = 1f / MathF.Sqrt(InputSize);
        random.FillUniform(Weight.Values, -bound, bound);
        if (Bias is not null) random.FillUniform(Bias.Values, -bound, bound);
    }

    public override Activations Forward(in Activations input, bool training)
    {
        CheckWidth(input, InputSize);
        int rows = input.Rows;
        Ensure(ref _output, rows * OutputSize);
        Project(input.Data, rows, _output);
        _lastInput = input;
        return new Activations(_output, input.Steps, input.Batch, OutputSize);
    }

    /// <summary>output [rows, out] = input [rows, in]·Wᵀ + b, without keeping anything for backward.</summary>
    public void Project(ReadOnlySpan<float> input, int rows, Span<float> output)
    {
        Span<float> y = output[..(rows * OutputSize)];
        if (Bias is not null)
        {
            ReadOnlySpan<float> b = Bias.Values;
            for (int r = 0; r < rows; r++) b.CopyTo(y.Slice(r * OutputSize, OutputSize));
        }
        Sgemm.Multiply(false, true, rows, OutputSize, InputSize, input, InputSize, Weight.Values, InputSize, y, OutputSize, accumulate: Bias is not null);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        int rows = _lastInput.Rows;
        if (outputGradient.Rows != rows || outputGradient.Width != OutputSize)
            throw new ArgumentException($"linear: gradient shape {outputGradient} does not match output [{_lastInput.Steps}, {_lastInput.Batch}, {OutputSize}]", nameof(outputGradient));
        ReadOnlySpan<float> dy = outputGradient.Data.AsSpan(0, rows * OutputSize);
        // dW [out × in] += dyᵀ [out × rows] · x [rows × in]
        Sgemm.Multiply(true, false, OutputSize, InputSize, rows, dy, OutputSize, _lastInput.Data, InputSize, Weight.Gradients, InputSize, accumulate: true);
        if (Bias is not null) VectorMath.AddColumnSums(rows, OutputSize, dy, OutputSize, Bias.Gradients);
        if (!needInputGradient) return default;
        Ensure(ref _inputGradient, rows * InputSize);
        // dx [rows × in] = dy [rows × out] · W [out × in]
        Sgemm.Multiply(false, false, rows, InputSize, OutputSize, dy, OutputSize, Weight.Values, InputSize, _inputGradient, InputSize);
        return new Activations(_inputGradient, _lastInput.Steps, _lastInput.Batch, InputSize);
    }
}
