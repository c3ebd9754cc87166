using System.Globalization;
using System.Xml.Linq;

namespace RnnPlayground.App.Testing;

/// <summary>
/// A test suite's results as JUnit XML, the form CI systems read: one <c>testsuite</c> per test file,
/// one <c>testcase</c> per case (with <c>file</c> and <c>line</c>), a <c>failure</c> carrying the
/// one-line message (file:line and both values), and what the case printed as <c>system-out</c>.
/// </summary>
internal static class JUnitReport
{
    public static void Write(string path, IReadOnlyList<TestCaseResult> results)
    {
        static string S(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);
        var root = new XElement("testsuites",
            new XAttribute("name", "rnnplay test"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("errors", 0),
            new XAttribute("time", S(results.Sum(r => r.Seconds))));
        foreach (IGrouping<string, TestCaseResult> file in results.GroupBy(r => r.File))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", file.Key),
                new XAttribute("tests", file.Count()),
                new XAttribute("failures", file.Count(r => !r.Passed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                new XAttribute("time", S(file.Sum(r => r.Seconds))));
            foreach (TestCaseResult r in file)
            {
                var testCase = new XElement("testcase",
                    new XAttribute("classname", file.Key),
                    new XAttribute("name", r.Name),
                    new XAttribute("file", r.File),
                    new XAttribute("time", S(r.Seconds)));
                if (r.Line is { } line) testCase.Add(new XAttribute("line", line));
                if (r.Failure is { } failure) testCase.Add(new XElement("failure", new XAttribute("message", failure), failure));
                if (r.Output.Length > 0) testCase.Add(new XElement("system-out", r.Output));
                suite.Add(testCase);
            }
            root.Add(suite);
        }
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // UTF-8 without a byte-order mark: some CI readers refuse one before the declaration.
        var settings = new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true };
        using var writer = System.Xml.XmlWriter.Create(full, settings);
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
    }
}
