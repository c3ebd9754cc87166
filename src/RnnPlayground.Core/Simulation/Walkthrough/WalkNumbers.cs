using System.Globalization;

namespace RnnPlayground.Core.Simulation.Walkthrough;

/// <summary>How a step-through writes its numbers: fixed decimals with a true minus sign, subscripts for steps.</summary>
internal static class WalkNumbers
{
    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals, "−" for negatives (e.g. "−0.77").</summary>
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>Three significant digits in scientific form when small or large ("2.14e−3"), else fixed.</summary>
    public static string Magnitude(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        double a = Math.Abs(value);
        string text = a is >= 0.001 and < 1000 ? value.ToString("G3", CultureInfo.InvariantCulture) : value.ToString("0.00e0", CultureInfo.InvariantCulture);
        return text.Replace('-', '−');
    }

    /// <summary>A step number as subscript digits (3 → "₃", 14 → "₁₄").</summary>
    public static string Sub(int n) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '₋' : (char)('₀' + (c - '0'))));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
