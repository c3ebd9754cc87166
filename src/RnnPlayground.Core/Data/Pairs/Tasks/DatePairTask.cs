namespace RnnPlayground.Core.Data;

/// <summary>
/// Normalizing dates written by people: <c>"Tuesday, 3 March 1998"</c>, <c>"3/3/98"</c>,
/// <c>"march 3rd 98"</c> → <c>"1998-03-03"</c>. Dates are uniform over 1950-01-01 … 2049-12-31 (a
/// two-digit year yy means 19yy from 50 and 20yy below). Training and validation dates are written
/// in the <see cref="TrainingFormats"/>; with held-out formats (the default) the test split is written
/// only in the <see cref="HeldOutFormats"/>, which recombine the training formats' pieces in orders
/// never seen, so the test score measures generalization to new formats rather than memory. A format
/// with words is written as it is (60 %), in lower case (30 %) or upper case (10 %).
/// </summary>
public static class DatePairTask
{
    private static readonly DateOnly First = new(1950, 1, 1);
    private static readonly int Days = new DateOnly(2049, 12, 31).DayNumber - First.DayNumber + 1;

    /// <summary>The formats of the training and validation splits.</summary>
    public static readonly IReadOnlyList<DateFormat> TrainingFormats =
    [
        new("{wd}, {d} {month} {yyyy}"),   // Tuesday, 3 March 1998
        new("{d} {month} {yyyy}"),         // 3 March 1998
        new("{month} {d}, {yyyy}"),        // March 3, 1998
        new("{mon} {d} {yyyy}"),           // Mar 3 1998
        new("{d} {mon} {yy}"),             // 3 Mar 98
        new("{m}/{d}/{yy}"),               // 3/3/98
        new("{mm}/{dd}/{yyyy}"),           // 03/03/1998
        new("{dd}.{mm}.{yyyy}"),           // 03.03.1998
        new("{d}.{m}.{yy}"),               // 3.3.98
        new("{yyyy}-{mm}-{dd}"),           // 1998-03-03
        new("{month} {do}, {yyyy}"),       // March 3rd, 1998
        new("{do} {month} {yyyy}"),        // 3rd March 1998
        new("{wdd} {mon} {d} {yyyy}"),     // Tue Mar 3 1998
        new("{d} {month} {yy}"),           // 3 March 98
        new("{wd} {month} {do} {yyyy}"),   // Tuesday March 3rd 1998
        new("{mon} {do} {yy}"),            // Mar 3rd 98
        new("{dd} {month} {yyyy}"),        // 03 March 1998
    ];

    /// <summary>The formats of the test split (with held-out formats): none of them is a training format.</summary>
    public static readonly IReadOnlyList<DateFormat> HeldOutFormats =
    [
        new("{month} {do} {yy}"),          // March 3rd 98 (march 3rd 98)
        new("{wd}, {month} {d}, {yyyy}"),  // Tuesday, March 3, 1998
        new("{m}/{d}/{yyyy}"),             // 3/3/1998
        new("{dd} {mon} {yyyy}"),          // 03 Mar 1998
        new("{d}.{m}.{yyyy}"),             // 3.3.1998
        new("{wdd}, {do} {mon} {yy}"),     // Tue, 3rd Mar 98
    ];

    /// <param name="counts">Pairs per split.</param>
    /// <param name="seed">The same seed gives the same pairs.</param>
    /// <param name="heldOut">True: the test split uses only <see cref="HeldOutFormats"/>; false: every split draws from all formats.</param>
    public static PairSplits Generate((int Train, int Validation, int Test) counts, ulong seed, bool heldOut = true,
        CancellationToken cancellation = default)
    {
        DateFormat[] all = [.. TrainingFormats, .. HeldOutFormats];
        return PairSplits.Generate(counts, seed, (random, split) =>
        {
            IReadOnlyList<DateFormat> formats = !heldOut ? all : split == Split.Test ? HeldOutFormats : TrainingFormats;
            DateOnly date = DateOnly.FromDayNumber(First.DayNumber + random.NextInt(Days));
            DateFormat format = formats[random.NextInt(formats.Count)];
            double u = random.NextDouble();
            DateCase letters = !format.HasWords || u < 0.6 ? DateCase.AsWritten : u < 0.9 ? DateCase.Lower : DateCase.Upper;
            return new TextPair(format.Write(date, letters), Normalized(date));
        }, cancellation);
    }

    /// <summary>The normalized form, ISO 8601: "1998-03-03".</summary>
    public static string Normalized(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
