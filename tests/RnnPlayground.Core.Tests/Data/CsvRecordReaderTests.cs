using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CsvRecordReaderTests
{
    [Test]
    public void QuotedFieldsKeepCommasDoubledQuotesAndLineBreaks()
    {
        var records = CsvRecordReader.Parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\n", "t.csv");
        Assert.That(records, Has.Count.EqualTo(3));
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x, y", "say \"hi\"", "two\nlines" }));
        Assert.That(records[1].Line, Is.EqualTo(2));
        Assert.That(records[2].Line, Is.EqualTo(4), "a line break inside quotes moves the line count on");
    }

    [Test]
    public void EmptyLinesAreSkippedAndCrLfAccepted()
    {
        var records = CsvRecordReader.Parse("a,b\r\n\r\n1,2\r\n   \r\n3,4", "t.csv");
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1, 3, 5 }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "3", "4" }));
    }

    [Test]
    public void EmptyFieldsAndAQuotedEmptyLastRecordSurvive()
    {
        var records = CsvRecordReader.Parse("a,b\n,\n\"\"", "t.csv");
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "", "" }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "" }));
    }

    [Test]
    public void UnclosedQuoteIsRefusedWithTheLineItOpenedOn()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvRecordReader.Parse("a\n1\n\"open\n", "t.csv"))!;
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.StartWith("t.csv:3: quoted field is not closed"));
    }

    [Test]
    public void TextAfterAClosingQuoteIsRefused()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvRecordReader.Parse("a,b\n\"x\"y,2\n", "t.csv"))!;
        Assert.That(e.Line, Is.EqualTo(2));
        Assert.That(e.Message, Does.Contain("after a closing quote"));
    }

    [Test]
    public void OtherDelimiters()
    {
        var records = CsvRecordReader.Parse("a;b\n\"1;5\";2\n", "t.csv", ';');
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "1;5", "2" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvRecordReader.Parse("a", "t.csv", '"'));
    }
}
