namespace RnnPlayground.Core.Data;

/// <summary>How <see cref="LabelledTextDataset.Load"/> reads a <c>label&lt;TAB&gt;text</c> file.</summary>
public sealed record LabelledTextOptions
{
    /// <summary>Characters or words.</summary>
    public TextLevel Level { get; init; } = TextLevel.Char;

    /// <summary>Share of the (shuffled) lines that trains.</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Share of the lines that validates (the rest tests).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the shuffle before the split.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Lower-case the texts before cutting them into tokens.</summary>
    public bool Lowercase { get; init; }

    /// <summary>Keep at most this many tokens of each text (0: all).</summary>
    public int MaxLength { get; init; }
}
