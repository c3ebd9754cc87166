namespace RnnPlayground.Core.Data;

/// <summary>
/// Preallocated, time-major storage for one mini-batch of up to <see cref="Capacity"/> token pairs,
/// filled by <see cref="PairDataset.Fill"/>. With <c>B</c> = <see cref="Size"/>, <c>S</c> =
/// <see cref="SourceSteps"/> (the longest source in the batch) and <c>T</c> = <see cref="TargetSteps"/>
/// (the longest target in the batch, EOS included):
/// <list type="bullet">
/// <item><see cref="Source"/> [S, B]: source ids, <see cref="TokenVocabulary.Pad"/> past each row's <see cref="SourceLengths"/>.</item>
/// <item><see cref="TargetInput"/> [T, B]: the decoder's teacher-forced inputs, BOS y₁ … yₙ, then padding.</item>
/// <item><see cref="TargetOutput"/> [T, B]: what the decoder should emit at each step, y₁ … yₙ EOS, then padding.</item>
/// <item><see cref="SourceLengths"/>, <see cref="TargetLengths"/> [B]: each row's true length (target: n + 1).</item>
/// </list>
/// Entry (t, b) is at <c>t·B + b</c>; only the first S·B (or T·B) entries are meaningful.
/// </summary>
public sealed class PairBatch
{
    /// <param name="capacity">Most rows a batch can hold.</param>
    /// <param name="maxSourceSteps">Longest source it can hold (<see cref="PairDataset.MaxSourceLength"/>).</param>
    /// <param name="maxTargetSteps">Longest target it can hold, EOS included (<see cref="PairDataset.MaxTargetSteps"/>).</param>
    public PairBatch(int capacity, int maxSourceSteps, int maxTargetSteps)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be ≥ 1");
        if (maxSourceSteps < 1) throw new ArgumentOutOfRangeException(nameof(maxSourceSteps), maxSourceSteps, "must be ≥ 1");
        if (maxTargetSteps < 1) throw new ArgumentOutOfRangeException(nameof(maxTargetSteps), maxTargetSteps, "must be ≥ 1");
        Capacity = capacity;
        MaxSourceSteps = maxSourceSteps;
        MaxTargetSteps = maxTargetSteps;
        Source = new int[capacity * maxSourceSteps];
        TargetInput = new int[capacity * maxTargetSteps];
        TargetOutput = new int[capacity * maxTargetSteps];
        SourceLengths = new int[capacity];
        TargetLengths = new int[capacity];
        Indices = new int[capacity];
    }

    public int Capacity { get; }

    public int MaxSourceSteps { get; }

    public int MaxTargetSteps { get; }

    /// <summary>Rows in use (B).</summary>
    public int Size { get; internal set; }

    /// <summary>Longest source among the rows in use (S).</summary>
    public int SourceSteps { get; internal set; }

    /// <summary>Longest target among the rows in use, EOS included (T).</summary>
    public int TargetSteps { get; internal set; }

    /// <summary>[S, B] source ids.</summary>
    public int[] Source { get; }

    /// <summary>[T, B] decoder inputs: BOS then the target.</summary>
    public int[] TargetInput { get; }

    /// <summary>[T, B] decoder targets: the target then EOS.</summary>
    public int[] TargetOutput { get; }

    /// <summary>[B] source tokens per row.</summary>
    public int[] SourceLengths { get; }

    /// <summary>[B] decoder steps per row (target tokens + 1 for EOS).</summary>
    public int[] TargetLengths { get; }

    /// <summary>[B] which sample of the split each row holds.</summary>
    public int[] Indices { get; }
}
