namespace RnnPlayground.Core.Data;

/// <summary>
/// Sizes of a chronological train/validation/test split of <see cref="Total"/> items: the first
/// <see cref="Train"/> items train, the next <see cref="Validation"/> validate, the rest test.
/// </summary>
public readonly record struct ChronologicalSplit(int Train, int Validation, int Test)
{
    public int Total => Train + Validation + Test;

    /// <summary>
    /// n_train = ⌊<paramref name="trainFraction"/>·n⌋, n_val = ⌊<paramref name="validationFraction"/>·n⌋,
    /// n_test = the rest (the weather-eval protocol's rule; 1447 samples at 0.70/0.15 → 1012/217/218).
    /// A product meant to be whole (0.29·100, 1/3·3) is not rounded down: 1e-9 is added before flooring.
    /// </summary>
    public static ChronologicalSplit FromFractions(int n, double trainFraction, double validationFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(trainFraction > 0 && trainFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "must be in (0, 1]");
        if (!(validationFraction >= 0 && trainFraction + validationFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be ≥ 0 with train + validation ≤ 1");
        int train = (int)Math.Floor(trainFraction * n + 1e-9);
        int validation = Math.Min(n - train, (int)Math.Floor(validationFraction * n + 1e-9));
        return new ChronologicalSplit(train, validation, n - train - validation);
    }

    /// <summary>Number of items in <paramref name="split"/>.</summary>
    public int Count(Split split) => split switch
    {
        Split.Train => Train,
        Split.Validation => Validation,
        Split.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };

    /// <summary>Index of the first item of <paramref name="split"/>.</summary>
    public int Offset(Split split) => split switch
    {
        Split.Train => 0,
        Split.Validation => Train,
        Split.Test => Train + Validation,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };
}
