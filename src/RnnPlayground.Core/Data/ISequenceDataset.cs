namespace RnnPlayground.Core.Data;

/// <summary>The three chronological parts of a dataset.</summary>
public enum Split
{
    Train,
    Validation,
    Test,
}

/// <summary>
/// What a dataset's samples look like. Input is either <see cref="InputFeatures"/> floats per step
/// or one token id per step (<see cref="VocabularySize"/> &gt; 0). Targets are a class index
/// (<see cref="NumClasses"/> &gt; 0), a vector of <see cref="NumValues"/> floats, or both; they come
/// after the last step, or at every step when <see cref="TargetEveryStep"/>. With
/// <see cref="VariableLength"/> each sample has its own length of 1 … <see cref="SequenceLength"/>
/// steps (<see cref="ISequenceDataset.LengthOf"/>); batches are then padded to their longest sample,
/// with each sample's length beside them.
/// </summary>
public sealed record TaskShape(
    int SequenceLength,
    int InputFeatures,
    int VocabularySize,
    int NumClasses,
    int NumValues,
    bool TargetEveryStep,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> ValueNames,
    bool VariableLength = false)
{
    /// <summary>True when input is token ids rather than float features.</summary>
    public bool TokenInput => VocabularySize > 0;

    /// <summary>Width of a model output that serves these targets: class logits, then values.</summary>
    public int OutputWidth => NumClasses + NumValues;
}

/// <summary>
/// A dataset the trainer draws mini-batches from. The trainer owns shuffling (with the run's
/// <see cref="RandomSource"/>); the dataset only fills a preallocated <see cref="Batch"/> with the
/// samples it is given, without allocating.
/// </summary>
public interface ISequenceDataset
{
    TaskShape Shape { get; }

    /// <summary>Number of samples in <paramref name="split"/>.</summary>
    int Count(Split split);

    /// <summary>Fills <paramref name="batch"/> with the samples at <paramref name="indices"/> (indices within the split).</summary>
    void Fill(Split split, ReadOnlySpan<int> indices, Batch batch);

    /// <summary>Steps of sample <paramref name="index"/> of <paramref name="split"/> (the shape's length unless it is variable).</summary>
    int LengthOf(Split split, int index) => Shape.SequenceLength;
}

/// <summary>
/// Preallocated, time-major storage for one mini-batch of up to <see cref="Capacity"/> samples.
/// With <c>T</c> = sequence length and <c>B</c> = <see cref="Size"/>: <see cref="Inputs"/> is
/// [T, B, F], <see cref="Tokens"/> [T, B]; <see cref="Classes"/> is [B] (or [T, B] when targets
/// come at every step) and <see cref="Values"/> [B, V] (or [T, B, V]). Only the first
/// T·B·… entries of each array are meaningful. For a variable-length task T is <see cref="Steps"/>,
/// the longest sample of the batch; shorter samples are padded (token 0, zero inputs, class −1 at
/// every step past their <see cref="Lengths"/>).
/// </summary>
public sealed class Batch
{
    public Batch(TaskShape shape, int capacity)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Shape = shape;
        Capacity = capacity;
        int t = shape.SequenceLength;
        int targetSteps = shape.TargetEveryStep ? t : 1;
        Inputs = new float[shape.TokenInput ? 0 : t * capacity * shape.InputFeatures];
        Tokens = new int[shape.TokenInput ? t * capacity : 0];
        Classes = new int[shape.NumClasses > 0 ? targetSteps * capacity : 0];
        Values = new float[targetSteps * capacity * shape.NumValues];
        Lengths = new int[capacity];
        Array.Fill(Lengths, t);
        Size = capacity;
        Steps = t;
    }

    public TaskShape Shape { get; }

    public int Capacity { get; }

    /// <summary>Number of samples currently held (≤ <see cref="Capacity"/>).</summary>
    public int Size { get; set; }

    public int SequenceLength => Shape.SequenceLength;

    /// <summary>Steps of the batch held: the shape's length, or the longest sample of a variable-length batch.</summary>
    public int Steps { get; set; }

    /// <summary>[B] steps of each sample held (meaningful for a variable-length task).</summary>
    public int[] Lengths { get; }

    public float[] Inputs { get; }

    public int[] Tokens { get; }

    public int[] Classes { get; }

    public float[] Values { get; }
}
