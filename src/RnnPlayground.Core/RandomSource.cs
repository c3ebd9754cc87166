using System.Globalization;

namespace RnnPlayground.Core;

/// <summary>
/// The one seeded random source of a run (xoshiro256** seeded through SplitMix64). Weights,
/// dropout masks and shuffles all draw from it, so the same seed gives a bit-identical run; its
/// whole state (including a cached normal deviate) can be saved and restored.
/// </summary>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private bool _hasSpareNormal;
    private double _spareNormal;

    public RandomSource(ulong seed) => Reseed(seed);

    /// <summary>Resets the state as if newly created with <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        _hasSpareNormal = false;
        _spareNormal = 0;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float Uniform(float low, float high) => low + (high - low) * NextFloat();

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be > 0");
        ulong range = (ulong)n;
        UInt128 m = (UInt128)(NextUInt64() >> 32) * range;
        ulong low = (ulong)m & 0xFFFFFFFFUL;
        if (low < range)
        {
            ulong threshold = (0x1_0000_0000UL - range) % range;
            while (low < threshold)
            {
                m = (UInt128)(NextUInt64() >> 32) * range;
                low = (ulong)m & 0xFFFFFFFFUL;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>A standard normal deviate (Box–Muller; the second value is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double u1;
        do { u1 = NextDouble(); } while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2.0 * Math.PI * u2);
        _hasSpareNormal = true;
        return r * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="values"/> uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public void FillUniform(Span<float> values, float low, float high)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Uniform(low, high);
    }

    /// <summary>Fills <paramref name="values"/> with normal deviates of the given mean and standard deviation.</summary>
    public void FillNormal(Span<float> values, float mean = 0f, float std = 1f)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(mean + std * NextNormal());
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The whole state as text, for checkpoints.</summary>
    public string SaveState() => string.Join(',',
        _s0.ToString("x16", CultureInfo.InvariantCulture), _s1.ToString("x16", CultureInfo.InvariantCulture),
        _s2.ToString("x16", CultureInfo.InvariantCulture), _s3.ToString("x16", CultureInfo.InvariantCulture),
        _hasSpareNormal ? "1" : "0", BitConverter.DoubleToInt64Bits(_spareNormal).ToString("x16", CultureInfo.InvariantCulture));

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    /// <exception cref="FormatException">The text is not a saved state.</exception>
    public void RestoreState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string[] parts = state.Split(',');
        if (parts.Length != 6) throw new FormatException($"random state must have 6 fields, got {parts.Length}: '{state}'");
        ulong Hex(string s) => ulong.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong v)
            ? v : throw new FormatException($"random state field '{s}' is not hexadecimal");
        ulong s0 = Hex(parts[0]), s1 = Hex(parts[1]), s2 = Hex(parts[2]), s3 = Hex(parts[3]);
        if ((s0 | s1 | s2 | s3) == 0) throw new FormatException("random state is all zero");
        bool spare = parts[4] switch { "0" => false, "1" => true, _ => throw new FormatException($"random state flag '{parts[4]}' is not 0 or 1") };
        double spareValue = BitConverter.Int64BitsToDouble((long)Hex(parts[5]));
        (_s0, _s1, _s2, _s3, _hasSpareNormal, _spareNormal) = (s0, s1, s2, s3, spare, spareValue);
    }
}
