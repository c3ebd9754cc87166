using System.Globalization;

namespace RnnPlayground.Rendering.Drawing;

/// <summary>Short, fixed-culture number formats for labels.</summary>
public static class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>About three significant digits: "0.0123", "4.56", "78.9", "1.2e-5", "12.3k"; NaN gives "–".</summary>
    public static string Compact(double value)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        var a = Math.Abs(value);
        var text = a switch
        {
            0 => "0",
            >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + "M",
            >= 1e4 => (value / 1e3).ToString("0.#", Invariant) + "k",
            >= 100 => value.ToString("0", Invariant),
            >= 10 => value.ToString("0.0", Invariant),
            >= 1 => value.ToString("0.00", Invariant),
            >= 0.01 => value.ToString("0.000", Invariant),
            _ => value.ToString("0.0e0", Invariant),
        };
        return text.Replace('-', '−');
    }

    /// <summary>Four significant digits, for a value someone asked to read exactly: "0.4213", "−12.35", "1.523e−05"; NaN gives "–".</summary>
    public static string Exact(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("G4", Invariant).Replace("E", "e", StringComparison.Ordinal).Replace('-', '−');

    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals and a true minus sign ("−0.77").</summary>
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(Invariant), Invariant).Replace('-', '−');

    /// <summary>An integer with thousands separators: "12,345".</summary>
    public static string Integer(long value) => value.ToString("#,0", Invariant);

    /// <summary>A power of ten as a label: "1", "10", "1e-3", "1e4".</summary>
    public static string Decade(int exponent) => exponent switch
    {
        0 => "1",
        1 => "10",
        _ => "1e" + exponent.ToString(Invariant).Replace('-', '−'),
    };
}
