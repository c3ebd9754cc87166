namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// How to decode: the decoder starts from <see cref="StartToken"/> and a hypothesis ends at
/// <see cref="EndToken"/> or after <see cref="MaxLength"/> tokens (the end token counted).
/// <see cref="BeamWidth"/> 1 is greedy; a finished hypothesis of n tokens (end included) scores
/// log P / n^<see cref="LengthPenalty"/> (0: the plain log-probability).
/// </summary>
public sealed record DecodingOptions(int StartToken, int EndToken, int MaxLength, int BeamWidth = 1, float LengthPenalty = 0f)
{
    /// <exception cref="ArgumentException">A value is out of range for a model of <paramref name="vocabulary"/> target tokens.</exception>
    public void Validate(int vocabulary)
    {
        if ((uint)StartToken >= (uint)vocabulary) throw new ArgumentException($"start token {StartToken} must be in [0, {vocabulary})");
        if ((uint)EndToken >= (uint)vocabulary) throw new ArgumentException($"end token {EndToken} must be in [0, {vocabulary})");
        if (MaxLength < 1) throw new ArgumentException($"max length must be ≥ 1, got {MaxLength}");
        if (BeamWidth < 1) throw new ArgumentException($"beam width must be ≥ 1, got {BeamWidth}");
        if (!(LengthPenalty >= 0f) || float.IsInfinity(LengthPenalty)) throw new ArgumentException($"length penalty must be finite and ≥ 0, got {LengthPenalty}");
    }

    /// <summary>The score a hypothesis of <paramref name="length"/> tokens with <paramref name="logProbability"/> is ranked by.</summary>
    public double Normalized(double logProbability, int length) =>
        LengthPenalty == 0f ? logProbability : logProbability / Math.Pow(length, LengthPenalty);
}
