namespace RnnPlayground.Core.Data;

/// <summary>
/// Fixed samples of the three splits for generated datasets, stored sample-major (each sample's
/// inputs [T, F] or tokens [T], classes [S], values [S, V] with S = T when targets come at every
/// step, else 1) and copied time-major into batches. A variable-length sample fills the first of
/// its T steps and keeps its own length; its batch is padded to the batch's longest sample.
/// </summary>
internal sealed class SampleStore
{
    private readonly int[] _counts = new int[3];
    private readonly float[][] _inputs = new float[3][];
    private readonly int[][] _tokens = new int[3][];
    private readonly int[][] _classes = new int[3][];
    private readonly float[][] _values = new float[3][];
    private readonly int[][] _lengths = new int[3][];
    private readonly int _inputWidth, _tokenWidth, _classWidth, _valueWidth, _targetSteps;

    public SampleStore(TaskShape shape, int train, int validation, int test)
    {
        Shape = shape;
        int t = shape.SequenceLength;
        _targetSteps = shape.TargetEveryStep ? t : 1;
        _inputWidth = shape.TokenInput ? 0 : t * shape.InputFeatures;
        _tokenWidth = shape.TokenInput ? t : 0;
        _classWidth = shape.NumClasses > 0 ? _targetSteps : 0;
        _valueWidth = _targetSteps * shape.NumValues;
        int[] counts = [train, validation, test];
        long widest = Math.Max(Math.Max((long)t * shape.InputFeatures, t), (long)_targetSteps * Math.Max(shape.NumValues, 1));
        for (int s = 0; s < 3; s++)
        {
            if (counts[s] < 0) throw new ArgumentOutOfRangeException(((Split)s).ToString(), counts[s], "sample count must be ≥ 0");
            if (counts[s] * widest > Array.MaxLength)
                throw new ArgumentOutOfRangeException(((Split)s).ToString(), counts[s], $"{counts[s]} samples of {widest} values are more than an array holds");
            _counts[s] = counts[s];
            _inputs[s] = new float[counts[s] * _inputWidth];
            _tokens[s] = new int[counts[s] * _tokenWidth];
            _classes[s] = new int[counts[s] * _classWidth];
            _values[s] = new float[counts[s] * _valueWidth];
            _lengths[s] = new int[counts[s]];
            Array.Fill(_lengths[s], t);
            if (shape.VariableLength) Array.Fill(_classes[s], -1); // no target past a sample's own steps
        }
        if (train < 1) throw new ArgumentOutOfRangeException(nameof(train), train, "at least one training sample is needed");
    }

    public TaskShape Shape { get; }

    public int Count(Split split) => _counts[(int)split];

    /// <summary>Inputs of one sample, [T, F].</summary>
    public Span<float> Inputs(Split split, int sample) => _inputs[(int)split].AsSpan(sample * _inputWidth, _inputWidth);

    /// <summary>Tokens of one sample, [T].</summary>
    public Span<int> Tokens(Split split, int sample) => _tokens[(int)split].AsSpan(sample * _tokenWidth, _tokenWidth);

    /// <summary>Class targets of one sample, [S] (-1 = no target at that step).</summary>
    public Span<int> Classes(Split split, int sample) => _classes[(int)split].AsSpan(sample * _classWidth, _classWidth);

    /// <summary>Value targets of one sample, [S, V].</summary>
    public Span<float> Values(Split split, int sample) => _values[(int)split].AsSpan(sample * _valueWidth, _valueWidth);

    /// <summary>Steps of one sample.</summary>
    public int Length(Split split, int sample) => _lengths[(int)split][sample];

    /// <summary>Sets the steps of a sample of a variable-length shape (its inputs, tokens and per-step classes fill that many steps).</summary>
    public void SetLength(Split split, int sample, int length) => _lengths[(int)split][sample] = length;

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch)
    {
        DatasetGuard.CheckFill(Shape, Count(split), split, indices, batch);
        int b = indices.Length, t = 0, f = Shape.InputFeatures, v = Shape.NumValues;
        foreach (int i in indices) t = Math.Max(t, Length(split, i));
        int targetSteps = Shape.TargetEveryStep ? t : 1;
        batch.Size = b;
        batch.Steps = t;
        for (int s = 0; s < b; s++)
        {
            int i = indices[s], length = Length(split, i);
            batch.Lengths[s] = length;
            if (Shape.TokenInput)
            {
                ReadOnlySpan<int> tokens = Tokens(split, i);
                for (int step = 0; step < t; step++) batch.Tokens[step * b + s] = step < length ? tokens[step] : 0;
            }
            else
            {
                ReadOnlySpan<float> inputs = Inputs(split, i);
                for (int step = 0; step < t; step++)
                {
                    Span<float> row = batch.Inputs.AsSpan((step * b + s) * f, f);
                    if (step < length) inputs.Slice(step * f, f).CopyTo(row);
                    else row.Clear();
                }
            }
            ReadOnlySpan<int> classes = Classes(split, i);
            for (int step = 0; step < targetSteps && classes.Length > 0; step++)
                batch.Classes[step * b + s] = step < classes.Length && (!Shape.TargetEveryStep || step < length) ? classes[step] : -1;
            ReadOnlySpan<float> values = Values(split, i);
            for (int step = 0; step < targetSteps && v > 0; step++)
                values.Slice(step * v, v).CopyTo(batch.Values.AsSpan((step * b + s) * v, v));
        }
    }
}
