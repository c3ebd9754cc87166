using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CsvTimeSeriesTests
{
    private static CsvTimeSeriesOptions Options(MissingValuePolicy missing = MissingValuePolicy.Refuse) => new()
    {
        Columns = ["temp", "rain"],
        DateColumn = "date",
        LabelColumn = "sky",
        Missing = missing,
    };

    private static TimeSeries Load(string csv, CsvTimeSeriesOptions options) => CsvTimeSeries.Load(DataTestFiles.WriteTemp(csv), options);

    private static DataFormatException Refused(string csv, CsvTimeSeriesOptions options)
    {
        string path = DataTestFiles.WriteTemp(csv);
        var e = Assert.Throws<DataFormatException>(() => CsvTimeSeries.Load(path, options))!;
        Assert.That(e.FilePath, Is.EqualTo(path));
        Assert.That(e.Message, Does.StartWith(path));
        return e;
    }

    [Test]
    public void SeattleLoadsAsItIs()
    {
        var series = CsvTimeSeries.Load(DataTestFiles.SeattleCsv, DataTestFiles.SeattleOptions, out var report);
        Assert.That(series.Length, Is.EqualTo(1461));
        Assert.That(report, Is.EqualTo(new CsvLoadReport(1461, 0, 0, 0)));
        Assert.That(series.ColumnNames, Is.EqualTo(DataTestFiles.SeattleFeatures));
        Assert.That(series.LabelEncoding!.ClassNames, Is.EqualTo(new[] { "dry", "wet" }));
        // 2012-01-01,0.0,12.8,5.0,4.7,drizzle and 2015-12-31,0.0,5.6,-2.1,3.5,sun
        Assert.That(series.Column("temp_max")[0], Is.EqualTo(12.8f));
        Assert.That(series.Column("temp_min")[1460], Is.EqualTo(-2.1f));
        Assert.That(series.Labels[0], Is.EqualTo(1));
        Assert.That(series.Labels[1460], Is.EqualTo(0));
        Assert.That(series.Dates![0], Is.EqualTo(new DateOnly(2012, 1, 1)));
        Assert.That(series.DayOfYear(0), Is.EqualTo(0));
        Assert.That(series.DayOfYear(1460), Is.EqualTo(364));
        Assert.That(series.YearLength, Is.EqualTo(366));
        Assert.That(series.Labels.ToArray().Count(l => l == 1), Is.EqualTo(File.ReadAllLines(DataTestFiles.SeattleCsv)
            .Count(l => l.EndsWith(",rain") || l.EndsWith(",drizzle") || l.EndsWith(",snow"))));
    }

    [Test]
    public void QuotedFieldsEmptyLinesAndDefaultClassOrder()
    {
        const string csv = "date,\"temp\",rain,sky\n\n2020-01-01,\"1.5\",0,\"clear, bright\"\n\n\n2020-01-02, -2 ,3.25,\"rain \"\"heavy\"\"\"\n2020-01-03,4e1,0,clear\n";
        var series = Load(csv, Options());
        Assert.That(series.Length, Is.EqualTo(3));
        Assert.That(series.Column("temp").ToArray(), Is.EqualTo(new[] { 1.5f, -2f, 40f }));
        Assert.That(series.Column("rain").ToArray(), Is.EqualTo(new[] { 0f, 3.25f, 0f }));
        Assert.That(series.LabelEncoding!.ClassNames, Is.EqualTo(new[] { "clear", "clear, bright", "rain \"heavy\"" }), "sorted ordinally");
        Assert.That(series.Labels.ToArray(), Is.EqualTo(new[] { 1, 2, 0 }));
    }

    [Test]
    public void MissingCellIsRefusedWithLineAndColumn()
    {
        var e = Refused("date,temp,rain,sky\n\n2020-01-01,1,0,sun\n2020-01-02,,0,sun\n", Options());
        Assert.That(e.Line, Is.EqualTo(4));
        Assert.That(e.Column, Is.EqualTo("temp"));
        Assert.That(e.Message, Does.EndWith(":4: column 'temp': missing value"));
    }

    [Test]
    public void NonNumericCellIsRefused()
    {
        var e = Refused("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,2,1.2.3,sun\n", Options());
        Assert.That((e.Line, e.Column), Is.EqualTo((3, "rain")));
        Assert.That(e.Message, Does.EndWith(":3: column 'rain': not a finite number: '1.2.3'"));
        Assert.That(Refused("date,temp,rain,sky\n2020-01-01,Infinity,0,sun\n", Options()).Detail, Does.Contain("not a finite number"));
    }

    [Test]
    public void UnknownColumnIsRefusedListingTheAvailableOnes()
    {
        var e = Refused("date,temperature,rain,sky\n2020-01-01,1,0,sun\n", Options());
        Assert.That((e.Line, e.Column), Is.EqualTo((1, "temp")));
        Assert.That(e.Message, Does.EndWith("column 'temp': no such column; available: date, temperature, rain, sky"));
    }

    [Test]
    public void WrongFieldCountUnknownLabelBadDateAndDisorderAreRefused()
    {
        Assert.That(Refused("date,temp,rain,sky\n2020-01-01,1,0\n", Options()).Message, Does.EndWith(":2: 3 fields, the header has 4"));
        var fixedClasses = Options() with { ClassNames = ["sun", "rain"] };
        var label = Refused("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,1,0,hail\n", fixedClasses);
        Assert.That(label.Message, Does.EndWith(":3: column 'sky': unknown label 'hail'; known: sun, rain"));
        var date = Refused("date,temp,rain,sky\n2020-13-01,1,0,sun\n", Options());
        Assert.That((date.Line, date.Column), Is.EqualTo((2, "date")));
        var order = Refused("date,temp,rain,sky\n2020-01-02,1,0,sun\n2020-01-01,1,0,sun\n", Options());
        Assert.That(order.Message, Does.Contain(":3: column 'date': date 2020-01-01 is not after the previous row's 2020-01-02"));
        Assert.That(Refused("date,temp,rain,sky\n", Options()).Message, Does.EndWith("no data rows"));
        Assert.That(Refused("date,temp,temp,sky\n", Options()).Message, Does.EndWith(":1: column 'temp': the header names this column twice"));
    }

    [Test]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => CsvTimeSeries.Load("/nonexistent/x.csv", Options()));

    [Test]
    public void DropRowPolicyLeavesRowsOutAndReportsThem()
    {
        var series = CsvTimeSeries.Load(DataTestFiles.WriteTemp("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,NA,0,sun\n2020-01-03,3,,sun\n2020-01-04,4,1,\n2020-01-05,5,2,rain\n"),
            Options(MissingValuePolicy.DropRow), out var report);
        Assert.That(series.Column("temp").ToArray(), Is.EqualTo(new[] { 1f, 5f }));
        Assert.That(report, Is.EqualTo(new CsvLoadReport(2, 3, 0, 1)));
    }

    [Test]
    public void ForwardFillTakesThePreviousRowIncludingLabels()
    {
        var series = CsvTimeSeries.Load(DataTestFiles.WriteTemp("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,,7,\n2020-01-03,3,N/A,rain\n"),
            Options(MissingValuePolicy.ForwardFill), out var report);
        Assert.That(series.Column("temp").ToArray(), Is.EqualTo(new[] { 1f, 1f, 3f }));
        Assert.That(series.Column("rain").ToArray(), Is.EqualTo(new[] { 0f, 7f, 7f }));
        Assert.That(series.Labels.ToArray(), Is.EqualTo(new[] { 1, 1, 0 }), "classes rain=0, sun=1");
        Assert.That(report.FilledCells, Is.EqualTo(3));
        var e = Refused("date,temp,rain,sky\n2020-01-01,,0,sun\n", Options(MissingValuePolicy.ForwardFill));
        Assert.That(e.Message, Does.EndWith(":2: column 'temp': missing value and no earlier row to forward-fill from"));
    }

    [Test]
    public void MeanFillUsesThePresentValuesButRefusesMissingLabels()
    {
        var series = Load("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,null,0,sun\n2020-01-03,4,0,sun\n", Options(MissingValuePolicy.Mean));
        Assert.That(series.Column("temp").ToArray(), Is.EqualTo(new[] { 1f, 2.5f, 4f }));
        var e = Refused("date,temp,rain,sky\n2020-01-01,1,0,\n", Options(MissingValuePolicy.Mean));
        Assert.That(e.Message, Does.EndWith(":2: column 'sky': missing label"));
    }

    [Test]
    public void GroupsMapLabelsToClassesAndRefuseUngroupedOnes()
    {
        var groups = new Dictionary<string, string> { ["rain"] = "wet", ["snow"] = "wet", ["sun"] = "dry" };
        var options = Options() with { LabelGroups = groups };
        var series = Load("date,temp,rain,sky\n2020-01-01,1,0,sun\n2020-01-02,1,0,snow\n2020-01-03,1,0,wet\n", options);
        Assert.That(series.LabelEncoding!.ClassNames, Is.EqualTo(new[] { "dry", "wet" }));
        Assert.That(series.Labels.ToArray(), Is.EqualTo(new[] { 0, 1, 1 }));
        var e = Refused("date,temp,rain,sky\n2020-01-01,1,0,fog\n", options);
        Assert.That(e.Detail, Does.StartWith("unknown label 'fog'"));
    }

    [TestCase("2020-03-01")]
    [TestCase("2020-03-01T06:00:00")]
    [TestCase("2020-03-01 06:00")]
    [TestCase("2020/03/01")]
    [TestCase("20200301")]
    [TestCase("01.03.2020")]
    [TestCase("3/1/2020")]
    public void CommonDateForms(string text)
    {
        Assert.That(CsvTimeSeries.TryParseDate(text, null, out var date), Is.True);
        Assert.That(date, Is.EqualTo(new DateOnly(2020, 3, 1)));
    }

    [Test]
    public void ExplicitDateFormatAndCalendar()
    {
        var series = Load("date,temp,rain,sky\n31/12/2019,1,0,sun\n02/01/2020,1,0,sun\n", Options() with { DateFormat = "dd/MM/yyyy" });
        Assert.That(series.Dates, Is.EqualTo(new[] { new DateOnly(2019, 12, 31), new DateOnly(2020, 1, 2) }));
        Assert.That(series.DayOfYear(0), Is.EqualTo(364));
        Assert.That(series.DayOfYear(1), Is.EqualTo(1));
        Assert.That(CsvTimeSeries.TryParseDate("2020-03-01", "dd/MM/yyyy", out _), Is.False);
    }
}
