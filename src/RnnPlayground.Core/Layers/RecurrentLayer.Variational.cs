using System.Numerics.Tensors;

namespace RnnPlayground.Core.Layers;

// Variational dropout (Gal & Ghahramani 2016): while training, one mask per sample, drawn at the
// start of a forward pass and kept for every time step, on each layer's inputs, on the state
// h_{t−1} entering the recurrent product (Keras' recurrent_dropout), and on the stack's output.
// Off at evaluation. The backward pass multiplies the matching gradients by the same masks.
public abstract partial class RecurrentLayer
{
    private float[][] _inputMasks = [];
    private float[][] _maskedInputs = [];
    private float[][] _recurrentMasks = [];
    private float[] _outputMask = [];
    private float[] _droppedOutput = [];
    private float[] _maskedOutputGradient = [];
    private bool _inputMasked, _recurrentMasked, _outputMasked;

    /// <summary>Probability of dropping each input unit of every layer (one mask per sample for all steps) while training; Keras' <c>dropout</c>.</summary>
    public float InputDropout
    {
        get;
        init => field = CheckRate(value, nameof(InputDropout));
    }

    /// <summary>Probability of dropping each unit of h_{t−1} where it enters the recurrent product (one mask per sample, layer and direction for all steps) while training; Keras' <c>recurrent_dropout</c>.</summary>
    public float RecurrentDropout
    {
        get;
        init => field = CheckRate(value, nameof(RecurrentDropout));
    }

    /// <summary>Probability of dropping each unit of the stack's output (one mask per sample for all steps) while training.</summary>
    public float OutputDropout
    {
        get;
        init => field = CheckRate(value, nameof(OutputDropout));
    }

    /// <summary>Whether the recurrent product of the latest forward pass used masked states.</summary>
    private protected bool RecurrentMasked => _recurrentMasked;

    private static float CheckRate(float value, string name) =>
        value >= 0f && value < 1f ? value : throw new ArgumentOutOfRangeException(name, value, "dropout must be in [0, 1)");

    /// <summary>Draws this pass's masks (none unless training with a rate above 0).</summary>
    private void DrawVariationalMasks(bool training, int steps, int batch)
    {
        _inputMasked = training && InputDropout > 0f;
        _recurrentMasked = training && RecurrentDropout > 0f;
        _outputMasked = training && OutputDropout > 0f;
        if (!(_inputMasked || _recurrentMasked || _outputMasked)) return;
        if (Random is null) throw new InvalidOperationException($"{Kind}: variational dropout needs a random source (set Random) while training");
        if (_inputMasks.Length == 0)
        {
            _inputMasks = new float[NumLayers][];
            _maskedInputs = new float[NumLayers][];
            _recurrentMasks = new float[StateCount][];
            for (int l = 0; l < NumLayers; l++) _inputMasks[l] = _maskedInputs[l] = [];
            for (int i = 0; i < StateCount; i++) _recurrentMasks[i] = [];
        }
        for (int l = 0; l < NumLayers && _inputMasked; l++)
        {
            int width = l == 0 ? InputSize : OutputSize;
            Draw(ref _inputMasks[l], batch * width, InputDropout);
            Ensure(ref _maskedInputs[l], steps * batch * width);
        }
        for (int i = 0; i < StateCount && _recurrentMasked; i++) Draw(ref _recurrentMasks[i], batch * HiddenSize, RecurrentDropout);
        if (_outputMasked)
        {
            Draw(ref _outputMask, batch * OutputSize, OutputDropout);
            Ensure(ref _droppedOutput, steps * batch * OutputSize);
            Ensure(ref _maskedOutputGradient, steps * batch * OutputSize);
        }
    }

    private void Draw(ref float[] mask, int length, float rate)
    {
        Ensure(ref mask, length);
        float keep = 1f - rate, scale = 1f / keep;
        for (int k = 0; k < length; k++) mask[k] = Random!.NextFloat() < keep ? scale : 0f;
    }

    /// <summary>Layer <paramref name="layer"/>'s input [T·B, W] times its mask [B, W] at every step (the input itself when not masked).</summary>
    private ReadOnlySpan<float> MaskInput(int layer, ReadOnlySpan<float> input, int steps, int batch, int width)
    {
        if (!_inputMasked) return input;
        Span<float> masked = _maskedInputs[layer].AsSpan(0, steps * batch * width);
        ReadOnlySpan<float> mask = _inputMasks[layer].AsSpan(0, batch * width);
        for (int t = 0; t < steps; t++) TensorPrimitives.Multiply(input.Slice(t * batch * width, batch * width), mask, masked.Slice(t * batch * width, batch * width));
        return masked;
    }

    /// <summary>In backward: the gradient [T·B, W] with respect to a layer's masked input becomes the one with respect to the input itself.</summary>
    private void UnmaskInputGradient(int layer, Span<float> gradient, int steps, int batch, int width)
    {
        if (!_inputMasked) return;
        ReadOnlySpan<float> mask = _inputMasks[layer].AsSpan(0, batch * width);
        for (int t = 0; t < steps; t++) TensorPrimitives.Multiply(gradient.Slice(t * batch * width, batch * width), mask, gradient.Slice(t * batch * width, batch * width));
    }

    /// <summary>The stack's output times its mask (the output itself when not masked).</summary>
    private Activations MaskOutput(in Activations output) => _outputMasked ? Masked(output, _droppedOutput) : output;

    /// <summary>In backward: the gradient with respect to the masked output becomes the one with respect to the output.</summary>
    private Activations UnmaskOutputGradient(in Activations gradient) => _outputMasked ? Masked(gradient, _maskedOutputGradient) : gradient;

    private Activations Masked(in Activations a, float[] into)
    {
        int n = a.Batch * a.Width;
        ReadOnlySpan<float> mask = _outputMask.AsSpan(0, n);
        for (int t = 0; t < a.Steps; t++) TensorPrimitives.Multiply(a.Data.AsSpan(t * n, n), mask, into.AsSpan(t * n, n));
        return new Activations(into, a.Steps, a.Batch, a.Width);
    }

    /// <summary>
    /// Writes h_{t−1} ⊙ mask [active, H] for step <paramref name="t"/> of a direction into its
    /// <see cref="DirectionBuffers.MaskedPrevious"/> (rows that start take the initial state, or
    /// zeros) and returns it: the recurrent product's input, kept for dW_hh.
    /// </summary>
    private protected ReadOnlySpan<float> MaskedPrevious(in DirectionContext dir, DirectionBuffers buffers, float[] output, int t, int going, int active,
        ReadOnlySpan<float> h0)
    {
        int batch = dir.Batch, h = HiddenSize, dh = OutputSize, prev = dir.PreviousStep(t);
        Span<float> rows = buffers.MaskedPrevious.AsSpan(t * batch * h, batch * h);
        ReadOnlySpan<float> mask = _recurrentMasks[dir.Index];
        for (int b = 0; b < active; b++)
        {
            Span<float> row = rows.Slice(b * h, h);
            ReadOnlySpan<float> m = mask.Slice(b * h, h);
            if (b < going) TensorPrimitives.Multiply(output.AsSpan((prev * batch + b) * dh + dir.ColumnOffset, h), m, row);
            else if (!h0.IsEmpty) TensorPrimitives.Multiply(h0.Slice(b * h, h), m, row);
            else row.Clear();
        }
        rows[(active * h)..].Clear();
        return rows;
    }

    /// <summary>In backward: the carried gradient dLoss/d(h_{t−1} ⊙ mask) [active, H] becomes dLoss/dh_{t−1} (times the mask), added into <paramref name="into"/> or written.</summary>
    private protected void UnmaskRecurrentGradient(int index, ReadOnlySpan<float> gradient, Span<float> into, int active, bool accumulate)
    {
        int n = active * HiddenSize;
        ReadOnlySpan<float> mask = _recurrentMasks[index].AsSpan(0, n);
        if (accumulate) TensorPrimitives.MultiplyAdd(gradient[..n], mask, into[..n], into[..n]);
        else TensorPrimitives.Multiply(gradient[..n], mask, into[..n]);
    }
}
