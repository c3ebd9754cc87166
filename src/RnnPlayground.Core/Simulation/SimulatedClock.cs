using System.Globalization;
using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>The simulated date and time of day of a live hour, as the HUD shows it: "year 2 · 7 Mar · 16:00".</summary>
public static class SimulatedClock
{
    /// <summary>
    /// The date and time at the start of live hour <paramref name="hour"/> under <paramref name="climate"/>'s
    /// calendar: the year (counted from 1), the day and month of a 365-day year (else "day N of M"),
    /// and the hour of the day on a 24-hour clock (a shorter or longer simulated day is stretched onto it).
    /// </summary>
    public static string Describe(long hour, WeatherClimate climate)
    {
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        long day = climate.StartDayOfYear + hour / climate.HoursPerDay;
        long year = day / climate.DaysPerYear + 1;
        int dayOfYear = (int)(day % climate.DaysPerYear);
        string date = climate.DaysPerYear == 365
            ? new DateOnly(2001, 1, 1).AddDays(dayOfYear).ToString("d MMM", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"day {dayOfYear + 1} of {climate.DaysPerYear}");
        int minutes = (int)(hour % climate.HoursPerDay * 24 * 60 / climate.HoursPerDay);
        return string.Create(CultureInfo.InvariantCulture, $"year {year} · {date} · {minutes / 60:00}:{minutes % 60:00}");
    }
}
