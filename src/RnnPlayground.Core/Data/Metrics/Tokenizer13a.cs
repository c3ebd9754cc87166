using System.Text.RegularExpressions;

namespace RnnPlayground.Core.Data;

/// <summary>
/// The "13a" tokenization of mteval-v13a.pl, sacreBLEU's default for BLEU: punctuation and symbols
/// are split off, periods and commas unless next to a digit, a dash after a digit; the apostrophe
/// stays inside its word (<c>wasn't</c>).
/// </summary>
public static partial class Tokenizer13a
{
    /// <summary>The tokens of <paramref name="line"/> (trailing whitespace dropped first, as sacreBLEU does).</summary>
    public static string[] Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string s = line.TrimEnd().Replace("<skipped>", "", StringComparison.Ordinal).Replace("-\n", "", StringComparison.Ordinal)
            .Replace('\n', ' ').Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
        s = $" {s} ";
        s = Symbols().Replace(s, " $1 ");
        s = PeriodOrCommaAfterNonDigit().Replace(s, "$1 $2 ");
        s = PeriodOrCommaBeforeNonDigit().Replace(s, " $1 $2");
        s = DashAfterDigit().Replace(s, "$1 $2 ");
        return s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])")]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([\.,])")]
    private static partial Regex PeriodOrCommaAfterNonDigit();

    [GeneratedRegex(@"([\.,])([^0-9])")]
    private static partial Regex PeriodOrCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)")]
    private static partial Regex DashAfterDigit();
}
