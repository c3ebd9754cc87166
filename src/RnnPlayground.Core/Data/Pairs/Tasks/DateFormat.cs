using System.Globalization;
using System.Text;

namespace RnnPlayground.Core.Data;

/// <summary>
/// One way people write a date, as a template of fields in braces: <c>{d}</c> day (3), <c>{dd}</c>
/// two-digit day (03), <c>{do}</c> ordinal day (3rd), <c>{m}</c> month (3), <c>{mm}</c> two-digit
/// month (03), <c>{mon}</c> month abbreviation (Mar), <c>{month}</c> month name (March),
/// <c>{yy}</c> two-digit year (98), <c>{yyyy}</c> year (1998), <c>{wd}</c> weekday (Tuesday),
/// <c>{wdd}</c> weekday abbreviation (Tue); anything else is written as it is. Slashes write
/// month/day/year (US), dots day.month.year, as people using them do.
/// </summary>
/// <param name="Template">E.g. <c>"{wd}, {d} {month} {yyyy}"</c>.</param>
public sealed record DateFormat(string Template)
{
    private static readonly string[] Fields = ["yyyy", "yy", "month", "mon", "mm", "m", "dd", "do", "d", "wdd", "wd"];

    /// <summary>The date written in this format, with names as written (Title case), in lower case or in upper case.</summary>
    public string Write(DateOnly date, DateCase letters = DateCase.AsWritten)
    {
        var text = new StringBuilder();
        int i = 0;
        while (i < Template.Length)
        {
            if (Template[i] == '{')
            {
                int close = Template.IndexOf('}', i);
                string field = close > i ? Template[(i + 1)..close] : "";
                if (!Fields.Contains(field)) throw new FormatException($"date template '{Template}': unknown field '{{{field}}}'");
                text.Append(Field(field, date));
                i = close + 1;
            }
            else
            {
                text.Append(Template[i++]);
            }
        }
        string s = text.ToString();
        return letters switch
        {
            DateCase.Lower => s.ToLowerInvariant(),
            DateCase.Upper => s.ToUpperInvariant(),
            _ => s,
        };
    }

    /// <summary>Whether the format writes any word (a month or weekday name), so that its case can vary.</summary>
    public bool HasWords => Template.Contains("{mon", StringComparison.Ordinal) || Template.Contains("{wd", StringComparison.Ordinal);

    /// <summary>The format applied to Tuesday 3 March 1998, e.g. "Tuesday, 3 March 1998".</summary>
    public override string ToString() => Write(new DateOnly(1998, 3, 3));

    private static string Field(string field, DateOnly date)
    {
        var en = CultureInfo.InvariantCulture.DateTimeFormat;
        return field switch
        {
            "d" => date.Day.ToString(CultureInfo.InvariantCulture),
            "dd" => date.Day.ToString("00", CultureInfo.InvariantCulture),
            "do" => date.Day.ToString(CultureInfo.InvariantCulture) + OrdinalSuffix(date.Day),
            "m" => date.Month.ToString(CultureInfo.InvariantCulture),
            "mm" => date.Month.ToString("00", CultureInfo.InvariantCulture),
            "mon" => en.GetAbbreviatedMonthName(date.Month),
            "month" => en.GetMonthName(date.Month),
            "yy" => (date.Year % 100).ToString("00", CultureInfo.InvariantCulture),
            "yyyy" => date.Year.ToString("0000", CultureInfo.InvariantCulture),
            "wd" => en.GetDayName(date.DayOfWeek),
            _ => en.GetAbbreviatedDayName(date.DayOfWeek),
        };
    }

    private static string OrdinalSuffix(int day) => day switch
    {
        11 or 12 or 13 => "th",
        _ when day % 10 == 1 => "st",
        _ when day % 10 == 2 => "nd",
        _ when day % 10 == 3 => "rd",
        _ => "th",
    };
}
