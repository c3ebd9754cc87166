using System.Globalization;

namespace RnnPlayground.Core.Data;

/// <summary>
/// Addition written as text: <c>"37+485"</c> → <c>"522"</c>. Each operand first draws its number
/// of digits uniformly in 1 … <c>digits</c>, then its value uniformly among numbers of that many
/// digits, so short and long operands are equally common.
/// </summary>
public static class AdditionPairTask
{
    public static PairSplits Generate((int Train, int Validation, int Test) counts, ulong seed, int digits = 3, CancellationToken cancellation = default)
    {
        if (digits is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(digits), digits, "must be in [1, 9]");
        return PairSplits.Generate(counts, seed, (random, _) =>
        {
            long a = Operand(random, digits), b = Operand(random, digits);
            return new TextPair(string.Create(CultureInfo.InvariantCulture, $"{a}+{b}"), (a + b).ToString(CultureInfo.InvariantCulture));
        }, cancellation);
    }

    private static long Operand(RandomSource random, int digits)
    {
        int d = 1 + random.NextInt(digits);
        long low = d == 1 ? 0 : (long)Math.Pow(10, d - 1), high = (long)Math.Pow(10, d);
        return low + (long)(random.NextDouble() * (high - low));
    }
}
