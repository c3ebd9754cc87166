using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// Looks up a row of <c>{prefix}weight</c> [vocabulary × dim] for each token id:
/// tokens [T·B] → output [T·B, dim]. Initialised N(0, 1) as in PyTorch.
/// </summary>
public sealed class Embedding : Module
{
    private float[] _output = [];
    private int[] _tokens = [];
    private int _rows;

    public Embedding(ParameterStore store, string prefix, int vocabularySize, int dimension)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        VocabularySize = vocabularySize;
        Dimension = dimension;
        Weight = store.Declare(prefix + "weight", vocabularySize, dimension);
    }

    public override string Kind => "embedding";

    public int VocabularySize { get; }

    public int Dimension { get; }

    public Parameter Weight { get; }

    public override int OutputWidth(int inputWidth) => Dimension;

    public override void ResetParameters(RandomSource random) => random.FillNormal(Weight.Values);

    public override Activations Forward(in Activations input, bool training)
    {
        if (input.Tokens is not { } tokens)
            throw new ArgumentException($"embedding: expected token ids, got float input {input}", nameof(input));
        int rows = input.Rows;
        Ensure(ref _output, rows * Dimension);
        ReadOnlySpan<float> w = Weight.Values;
        for (int r = 0; r < rows; r++)
        {
            int id = tokens[r];
            if ((uint)id >= (uint)VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(input), id, $"embedding: token id at row {r} must be in [0, {VocabularySize})");
            w.Slice(id * Dimension, Dimension).CopyTo(_output.AsSpan(r * Dimension, Dimension));
        }
        _tokens = tokens;
        _rows = rows;
        return new Activations(_output, input.Steps, input.Batch, Dimension);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        if (outputGradient.Rows != _rows || outputGradient.Width != Dimension)
            throw new ArgumentException($"embedding: gradient shape {outputGradient} does not match output rows {_rows} × {Dimension}", nameof(outputGradient));
        Span<float> dw = Weight.Gradients;
        ReadOnlySpan<float> dy = outputGradient.Data;
        for (int r = 0; r < _rows; r++)
        {
            Span<float> row = dw.Slice(_tokens[r] * Dimension, Dimension);
            ReadOnlySpan<float> g = dy.Slice(r * Dimension, Dimension);
            for (int j = 0; j < Dimension; j++) row[j] += g[j];
        }
        return default;
    }
}
