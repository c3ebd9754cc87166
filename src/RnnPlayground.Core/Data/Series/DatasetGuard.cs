namespace RnnPlayground.Core.Data;

/// <summary>The argument checks every <see cref="ISequenceDataset.Fill"/> starts with (no allocation unless it throws).</summary>
internal static class DatasetGuard
{
    public static void CheckFill(TaskShape shape, int splitCount, Split split, ReadOnlySpan<int> indices, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Shape, shape) && !SameLayout(batch.Shape, shape))
            throw new ArgumentException("the batch was made for another task shape", nameof(batch));
        if (indices.Length == 0) throw new ArgumentException("at least one sample index is needed", nameof(indices));
        if (indices.Length > batch.Capacity)
            throw new ArgumentOutOfRangeException(nameof(indices), indices.Length, $"more samples than the batch capacity {batch.Capacity}");
        foreach (int i in indices)
            if ((uint)i >= (uint)splitCount)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"sample index outside the {split} split of {splitCount} samples");
    }

    private static bool SameLayout(TaskShape a, TaskShape b) =>
        a.SequenceLength == b.SequenceLength && a.InputFeatures == b.InputFeatures && a.VocabularySize == b.VocabularySize
        && a.NumClasses == b.NumClasses && a.NumValues == b.NumValues && a.TargetEveryStep == b.TargetEveryStep;
}
