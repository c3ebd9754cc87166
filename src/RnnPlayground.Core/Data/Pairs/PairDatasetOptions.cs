namespace RnnPlayground.Core.Data;

/// <summary>How a <see cref="PairDataset"/> tokenizes and checks its pairs.</summary>
public sealed record PairDatasetOptions
{
    /// <summary>Characters or words.</summary>
    public TokenLevel Level { get; init; } = TokenLevel.Char;

    /// <summary>A training token seen fewer times than this becomes <c>&lt;unk&gt;</c> (1 keeps every token).</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Feed each source backwards (Sutskever et al. 2014); targets stay in order.</summary>
    public bool ReverseSource { get; init; }

    /// <summary>Longest source allowed, in tokens (0: no limit).</summary>
    public int MaxSourceLength { get; init; }

    /// <summary>Longest target allowed, in tokens before EOS (0: no limit).</summary>
    public int MaxTargetLength { get; init; }
}
