namespace RnnPlayground.Core.Data;

/// <summary>
/// How <see cref="WindowedDataset"/> cuts a <see cref="TimeSeries"/> into samples. Sample i has
/// its last input row d_i = <see cref="SequenceLength"/> − 1 + i·<see cref="Stride"/>, inputs rows
/// d_i − L + 1 … d_i, and targets taken at row d_i + <see cref="Horizon"/>.
/// </summary>
public sealed record WindowOptions
{
    /// <summary>Input columns, in the order of the feature axis.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Input rows per sample (L).</summary>
    public required int SequenceLength { get; init; }

    /// <summary>Rows between the last input row and the target row (1 = next row).</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>Rows between the last input rows of consecutive samples.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>Predict the series' label (class index) at the target row.</summary>
    public bool ClassTarget { get; init; }

    /// <summary>Columns whose values at the target row are regression targets.</summary>
    public IReadOnlyList<string> ValueTargets { get; init; } = [];

    /// <summary>Fraction of the samples (in time order) that train: n_train = ⌊f·n⌋.</summary>
    public double TrainFraction { get; init; } = 0.70;

    /// <summary>Fraction that validates (the next ⌊f·n⌋); the rest test.</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>Also z-score the value targets (fitted on the training samples' target rows).</summary>
    public bool NormalizeValueTargets { get; init; } = true;

    /// <summary>Climatology baseline: days of year on either side that are pooled (circularly).</summary>
    public int ClimatologyHalfWindow { get; init; } = 7;
}
