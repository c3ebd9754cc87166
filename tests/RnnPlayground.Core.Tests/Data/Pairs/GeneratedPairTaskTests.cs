using System.Globalization;
using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data.Pairs;

public class GeneratedPairTaskTests
{
    [Test]
    public void ReverseAndCopyStrings()
    {
        var r = StringPairTask.Reverse((50, 5, 5), seed: 3, minLength: 2, maxLength: 6, alphabet: "abc");
        Assert.That(r.Train, Has.Count.EqualTo(50));
        Assert.That(r.Train.All(p => p.Target == new string(p.Source.Reverse().ToArray())));
        Assert.That(r.Train.All(p => p.Source.Length is >= 2 and <= 6 && p.Source.All(c => "abc".Contains(c))));
        Assert.That(r.Train.Select(p => p.Source.Length).Distinct().Count(), Is.EqualTo(5), "every length in range appears");
        var c = StringPairTask.Copy((20, 1, 1), seed: 3);
        Assert.That(c.Train.All(p => p.Target == p.Source));
        Assert.Throws<ArgumentException>(() => StringPairTask.Reverse((1, 1, 1), 1, alphabet: "aa"));
    }

    [Test]
    public void SeededAndEachSplitIndependentOfTheOthersSizes()
    {
        var a = AdditionPairTask.Generate((30, 10, 10), seed: 5);
        var b = AdditionPairTask.Generate((30, 99, 10), seed: 5);
        Assert.That(b.Train, Is.EqualTo(a.Train));
        Assert.That(b.Test, Is.EqualTo(a.Test));
        Assert.That(AdditionPairTask.Generate((30, 10, 10), seed: 6).Train, Is.Not.EqualTo(a.Train));
        Assert.That(a.Train, Is.Not.EqualTo(a.Test.Concat(a.Test).Concat(a.Test)));
    }

    [Test]
    public void AdditionWrittenAsText()
    {
        var a = AdditionPairTask.Generate((400, 1, 1), seed: 1, digits: 3);
        foreach (var p in a.Train)
        {
            string[] operands = p.Source.Split('+');
            Assert.That(operands, Has.Length.EqualTo(2), p.Source);
            Assert.That(operands.All(o => o.Length is >= 1 and <= 3 && (o.Length == 1 || o[0] != '0')), p.Source);
            Assert.That(p.Target, Is.EqualTo((int.Parse(operands[0], CultureInfo.InvariantCulture) + int.Parse(operands[1], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)));
        }
        Assert.That(a.Train.Select(p => p.Source.Split('+')[0].Length).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void DateFormatsWriteTheIssuesExamples()
    {
        var date = new DateOnly(1998, 3, 3);
        Assert.That(new DateFormat("{wd}, {d} {month} {yyyy}").Write(date), Is.EqualTo("Tuesday, 3 March 1998"));
        Assert.That(new DateFormat("{m}/{d}/{yy}").Write(date), Is.EqualTo("3/3/98"));
        Assert.That(new DateFormat("{month} {do} {yy}").Write(date, DateCase.Lower), Is.EqualTo("march 3rd 98"));
        Assert.That(new DateFormat("{wdd} {dd}.{mm}. {do}").Write(new DateOnly(2011, 11, 22), DateCase.Upper), Is.EqualTo("TUE 22.11. 22ND"));
        Assert.That(new DateFormat("{do}").Write(new DateOnly(2000, 1, 11)), Is.EqualTo("11th"));
        Assert.That(new DateFormat("{do}").Write(new DateOnly(2000, 1, 21)), Is.EqualTo("21st"));
        Assert.Throws<FormatException>(() => new DateFormat("{day}").Write(date));
        Assert.That(DatePairTask.Normalized(date), Is.EqualTo("1998-03-03"));
    }

    [Test]
    public void DatesTestOnHeldOutFormatsOnly()
    {
        Assert.That(DatePairTask.HeldOutFormats.Select(f => f.Template).Intersect(DatePairTask.TrainingFormats.Select(f => f.Template)), Is.Empty);
        var d = DatePairTask.Generate((3000, 300, 600), seed: 1);
        Assert.That(d.Train.Concat(d.Test).All(p => p.Target == DatePairTask.Normalized(Parse(p.Target))));
        var training = WrittenWith(d.Train.Concat(d.Validation), DatePairTask.TrainingFormats);
        var test = WrittenWith(d.Test, DatePairTask.HeldOutFormats);
        Assert.That(training, Is.EqualTo(DatePairTask.TrainingFormats.Count), "every training format is used, and only those");
        Assert.That(test, Is.EqualTo(DatePairTask.HeldOutFormats.Count), "every held-out format is used, and only those");
        Assert.That(d.Train.Select(p => p.Source).Any(s => s.Any(char.IsLower) && !s.Any(char.IsUpper) && s.Any(char.IsLetter)), "some lower case");
        Assert.That(d.Train.Select(p => p.Source).Any(s => s.Any(char.IsUpper) && !s.Any(char.IsLower)), "some upper case");
        int years = d.Train.Select(p => Parse(p.Target).Year).Distinct().Count();
        Assert.That(years, Is.EqualTo(100), "1950 … 2049");
        var mixed = DatePairTask.Generate((10, 10, 600), seed: 1, heldOut: false);
        Assert.That(WrittenWith(mixed.Test, [.. DatePairTask.TrainingFormats, .. DatePairTask.HeldOutFormats]), Is.GreaterThan(DatePairTask.HeldOutFormats.Count));
    }

    private static DateOnly Parse(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>How many of <paramref name="formats"/> wrote the pairs; fails when a pair fits none of them.</summary>
    private static int WrittenWith(IEnumerable<TextPair> pairs, IReadOnlyList<DateFormat> formats)
    {
        var used = new HashSet<int>();
        foreach (var p in pairs)
        {
            DateOnly date = Parse(p.Target);
            int f = Enumerable.Range(0, formats.Count).FirstOrDefault(i =>
                Enum.GetValues<DateCase>().Any(c => formats[i].Write(date, c) == p.Source), -1);
            Assert.That(f, Is.Not.EqualTo(-1), $"'{p.Source}' is in none of the formats");
            used.Add(f);
        }
        return used.Count;
    }
}
