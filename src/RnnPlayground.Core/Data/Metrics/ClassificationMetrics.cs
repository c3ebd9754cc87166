namespace RnnPlayground.Core.Data;

/// <summary>
/// Accumulates a confusion matrix over <see cref="NumClasses"/> classes, fed sample by sample or
/// batch by batch, without allocating after construction; actual class -1 (the ignore index) is
/// skipped. Gives accuracy and per-class precision and recall; <see cref="Reset"/> starts over.
/// </summary>
public sealed class ClassificationMetrics
{
    private readonly long[] _confusion;   // [actual, predicted]
    private long _correct;

    public ClassificationMetrics(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "must be ≥ 1");
        NumClasses = numClasses;
        _confusion = new long[numClasses * numClasses];
    }

    public int NumClasses { get; }

    /// <summary>Samples counted (ignored ones not included).</summary>
    public long Count { get; private set; }

    public long Correct => _correct;

    /// <summary>Correct / Count; NaN before any sample.</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)_correct / Count;

    /// <summary>Counts one sample; <paramref name="actual"/> = -1 is ignored.</summary>
    public void Add(int actual, int predicted)
    {
        if (actual == -1) return;
        if ((uint)actual >= (uint)NumClasses) throw new ArgumentOutOfRangeException(nameof(actual), actual, $"must be -1 or a class index < {NumClasses}");
        if ((uint)predicted >= (uint)NumClasses) throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"must be a class index < {NumClasses}");
        _confusion[actual * NumClasses + predicted]++;
        if (actual == predicted) _correct++;
        Count++;
    }

    /// <summary>Counts a batch of predicted class indices against actual ones (same length).</summary>
    public void Add(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual classes for {predicted.Length} predictions", nameof(predicted));
        for (int i = 0; i < actual.Length; i++) Add(actual[i], predicted[i]);
    }

    /// <summary>
    /// Counts a batch of model outputs: <paramref name="outputs"/> is [N, <paramref name="rowWidth"/>] with the
    /// class logits in the first <see cref="NumClasses"/> entries of each row (see <see cref="TaskShape.OutputWidth"/>);
    /// the prediction is the arg-max (first on a tie). <paramref name="actual"/> is [N].
    /// </summary>
    public void AddLogits(ReadOnlySpan<int> actual, ReadOnlySpan<float> outputs, int rowWidth)
    {
        if (rowWidth < NumClasses) throw new ArgumentOutOfRangeException(nameof(rowWidth), rowWidth, $"must be ≥ the {NumClasses} classes");
        if (outputs.Length < actual.Length * rowWidth)
            throw new ArgumentException($"{outputs.Length} outputs are fewer than {actual.Length} rows of {rowWidth}", nameof(outputs));
        for (int i = 0; i < actual.Length; i++)
            Add(actual[i], ArgMax(outputs.Slice(i * rowWidth, NumClasses)));
    }

    /// <summary>Index of the largest value (the first one on a tie).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("no values", nameof(values));
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long Confusion(int actual, int predicted) => _confusion[CheckClass(actual, nameof(actual)) * NumClasses + CheckClass(predicted, nameof(predicted))];

    /// <summary>Copies the confusion matrix, row-major [actual, predicted], into <paramref name="destination"/> [C·C].</summary>
    public void CopyConfusion(Span<int> destination)
    {
        if (destination.Length < _confusion.Length)
            throw new ArgumentException($"needs {_confusion.Length} entries, got {destination.Length}", nameof(destination));
        for (int i = 0; i < _confusion.Length; i++) destination[i] = (int)Math.Min(_confusion[i], int.MaxValue);
    }

    /// <summary>Of the samples predicted as <paramref name="cls"/>, the fraction that were; NaN when none was predicted.</summary>
    public double Precision(int cls)
    {
        CheckClass(cls, nameof(cls));
        long predicted = 0;
        for (int a = 0; a < NumClasses; a++) predicted += _confusion[a * NumClasses + cls];
        return predicted == 0 ? double.NaN : (double)_confusion[cls * NumClasses + cls] / predicted;
    }

    /// <summary>Of the samples of class <paramref name="cls"/>, the fraction predicted as such; NaN when there were none.</summary>
    public double Recall(int cls)
    {
        CheckClass(cls, nameof(cls));
        long actual = 0;
        for (int p = 0; p < NumClasses; p++) actual += _confusion[cls * NumClasses + p];
        return actual == 0 ? double.NaN : (double)_confusion[cls * NumClasses + cls] / actual;
    }

    public void Reset()
    {
        Array.Clear(_confusion);
        _correct = 0;
        Count = 0;
    }

    private int CheckClass(int cls, string name) =>
        (uint)cls < (uint)NumClasses ? cls : throw new ArgumentOutOfRangeException(name, cls, $"must be a class index < {NumClasses}");
}
