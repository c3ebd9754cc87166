using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RnnPlayground.App.Tests;

/// <summary>
/// <c>rnnplay test</c> as a user runs it: cases of Lua test files train a small experiment through
/// <c>rnn.run</c> and check it with <c>expect</c>; a failure names the file:line and both values and
/// exits 1; <c>-k</c> selects; <c>-j 2</c> gives what <c>-j 1</c> gives; JUnit XML; bad input is one line.
/// </summary>
public class TestCommandTests
{
    private const string TwoCases = """
        test('learns something', function()
          local r = rnn.run('../tiny.lua')
          expect(r.test_rmse):below(r.baseline_zero_rmse * 10)
          expect(r.steps):equals(12)
        end)

        test('expects too much', function()
          local r = rnn.run('../tiny.lua', { steps = 4 })
          expect(r.test_rmse):below(-1)
        end)
        """;

    [Test]
    public void AFailingExpectationReportsItsFileLineAndBothValuesAndExits1()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("tiny_test.lua", TwoCases);
        RnnplayResult r = suite.Run("test", "scripts/tests", "--out", suite.Project.Output("t"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stdout, Does.Match(@"\[1/2\] pass  scripts/tests/tiny_test\.lua::learns something"), r.ToString());
        Assert.That(r.Stdout, Does.Match(@"\[2/2\] FAIL  scripts/tests/tiny_test\.lua::expects too much"), r.ToString());
        Assert.That(r.Stdout, Does.Match(@"scripts/tests/tiny_test\.lua:9: expected [0-9.e+-]+ to be below -1\n"), r.ToString());
        Assert.That(r.Stdout, Does.Contain("1 passed, 1 failed"), r.ToString());
        Assert.That(r.Stderr, Is.Empty, r.ToString());
    }

    [Test]
    public void AllPassingExitsZeroAndEachRunWritesItsOutputsInTheCaseFolder()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("tiny_test.lua", TwoCases);
        string output = suite.Project.Output("t");
        RnnplayResult r = suite.Run("test", "scripts/tests", "-k", "learns", "--reports", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("1 passed, 0 failed"), r.ToString());
        Assert.That(r.Stdout, Does.Not.Contain("expects too much"), r.ToString());
        string run = Path.Combine(output, "tiny_test", "01-learns_something", "01-tiny");
        Assert.That(File.Exists(Path.Combine(run, "metrics.csv")) && File.Exists(Path.Combine(run, "summary.json")), Is.True, r.ToString());
        Assert.That(File.Exists(Path.Combine(run, "report.png")), Is.True, "--reports draws each run's report");
    }

    [Test]
    public void ParallelCasesGiveTheSameResultsAsOneAtATime()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("seeds_test.lua", string.Concat(Enumerable.Range(1, 4).Select(seed => $$"""
            test('seed {{seed}}', function()
              local r = rnn.run('../tiny.lua', { seed = {{seed}} })
              expect(r.final_loss):above(0)
            end)

            """)));
        string one = suite.Project.Output("j1"), two = suite.Project.Output("j2");
        RnnplayResult a = suite.Run("test", "scripts/tests", "-j", "1", "--out", one);
        RnnplayResult b = suite.Run("test", "scripts/tests", "-j", "2", "--out", two);
        Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a + "\n" + b);
        string results = TestSuiteFolder.ResultsWithoutTimes(one);
        Assert.That(results, Does.Contain("\"final_loss\""));
        Assert.That(TestSuiteFolder.ResultsWithoutTimes(two), Is.EqualTo(results));
        // Different seeds train differently: the comparison above is not between four copies of one run.
        Assert.That(Regex.Matches(results, "\"final_loss\":([0-9.eE+-]+)").Select(m => m.Groups[1].Value).Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void JUnitXmlHoldsEveryCaseAndTheFailureWithItsLine()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("tiny_test.lua", TwoCases);
        string xml = Path.Combine(suite.Project.Root, "out", "results.xml");
        RnnplayResult r = suite.Run("test", "scripts/tests", "--junit", xml, "--out", suite.Project.Output("t"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        XElement root = XDocument.Load(xml).Root!;
        Assert.That((root.Name.LocalName, (int)root.Attribute("tests")!, (int)root.Attribute("failures")!), Is.EqualTo(("testsuites", 2, 1)));
        XElement[] cases = [.. root.Descendants("testcase")];
        Assert.That(cases.Select(c => (string)c.Attribute("name")!), Is.EqualTo(new[] { "learns something", "expects too much" }));
        Assert.That((string)cases[1].Element("failure")!.Attribute("message")!, Does.Match(@"^scripts/tests/tiny_test\.lua:9: expected [0-9.e+-]+ to be below -1$"));
        Assert.That(cases[0].Element("failure"), Is.Null);
        Assert.That((int)cases[1].Attribute("line")!, Is.EqualTo(7));
    }

    [Test]
    public void ExpectMatchersSayWhatTheyExpectedAndGot()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("expect_test.lua", """
            test('near', function() expect(0.5):near(0.7, 0.1) end)
            test('equals', function() expect('adam'):equals('sgd') end)
            test('fails_with', function() expect(function() error('boom') end):fails_with('hidden') end)
            test('no failure', function() expect(function() end):fails_with('hidden') end)
            test('above nil', function() local r = {} expect(r.test_acc):above(0.5) end)
            test('assert', function() assert(1 == 2, 'one is not two') end)
            test('passes', function()
              expect(3):above(2):below(4)
              expect(0.1 + 0.2):near(0.3, 1e-12)
              expect(function() error('hidden must be positive') end):fails_with('hidden')
            end)
            """);
        RnnplayResult r = suite.Run("test", "scripts/tests", "--out", suite.Project.Output("t"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        const string F = "scripts/tests/expect_test.lua";
        Assert.That(r.Stdout, Does.Contain($"{F}:1: expected 0.5 to be within 0.1 of 0.7 (off by 0.2)"), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"{F}:2: expected \"adam\" to equal \"sgd\""), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"{F}:3: expected the function to fail with \"hidden\"; it failed with \"{F}:3: boom\""), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"{F}:4: expected the function to fail with \"hidden\"; it succeeded"), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"{F}:5: expect(x):above: x must be a number (got nil)"), r.ToString());
        Assert.That(r.Stdout, Does.Contain($"{F}:6: one is not two"), r.ToString());
        Assert.That(r.Stdout, Does.Contain("1 passed, 6 failed"), r.ToString());
    }

    [Test]
    public void ACaseMayWriteOnlyInItsOutputFolder()
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("sandbox_test.lua", """
            test('escape', function() rnn.write_text('../../../escaped.txt', 'x') end)
            test('io', function() io.open('/tmp/x', 'w') end)
            test('inside', function() rnn.write_text('note.txt', 'kept') end)
            """);
        string output = suite.Project.Output("t");
        RnnplayResult r = suite.Run("test", "scripts/tests", "--out", output);
        Assert.That(r.Stdout, Does.Contain("sandbox_test.lua:1: rnn.write_text: writing '../../../escaped.txt' is not allowed"), r.ToString());
        Assert.That(r.Stdout, Does.Contain("sandbox_test.lua:2: io.open is not available"), r.ToString());
        Assert.That(r.Stdout, Does.Contain("1 passed, 2 failed"), r.ToString());
        Assert.That(File.ReadAllText(Path.Combine(output, "sandbox_test", "03-inside", "note.txt")), Is.EqualTo("kept"));
        Assert.That(Directory.GetFiles(suite.Project.Root, "escaped.txt", SearchOption.AllDirectories), Is.Empty);
    }

    private static IEnumerable<TestCaseData> BadInput()
    {
        yield return new TestCaseData(new[] { "test", "scripts/tests", "--bogus" }, 2, "error: unknown option '--bogus'").SetName("unknown option");
        yield return new TestCaseData(new[] { "test", "scripts/nope" }, 1, "error: scripts/nope: no such file or folder").SetName("missing path");
        yield return new TestCaseData(new[] { "test", "scripts/tests/bad_test.lua" }, 1, "error: scripts/tests/bad_test.lua:2: 'end' expected (to close 'function' at line 1) near <eof>").SetName("syntax error");
        yield return new TestCaseData(new[] { "test", "scripts/tests/empty_test.lua" }, 1, "error: scripts/tests/empty_test.lua: defines no test (test('name', function() … end))").SetName("no cases");
        yield return new TestCaseData(new[] { "test", "scripts/tests/empty_test.lua", "-k", "x", "-j", "0" }, 2, "error: -j must be an integer from 1 to 64 (got '0')").SetName("bad -j");
        yield return new TestCaseData(new[] { "test", "scripts/tests", "--shard", "3/2" }, 2, "error: --shard 3/2: the shard index must be from 1 to 2").SetName("shard out of range");
        yield return new TestCaseData(new[] { "test", "--merge", "out" }, 1, "error: out: no results.json (not the output folder of an rnnplay test run)").SetName("merge of a folder without results");
    }

    [TestCaseSource(nameof(BadInput))]
    public void BadInputIsOneClearLineAndANonZeroExit(string[] arguments, int exitCode, string says)
    {
        using var suite = new TestSuiteFolder();
        suite.WriteTest("bad_test.lua", "test('x', function()\n");
        suite.WriteTest("empty_test.lua", "local x = 1\n");
        Directory.CreateDirectory(suite.Project.Output(""));
        RnnplayResult r = suite.Run(arguments);
        Assert.That(r.ExitCode, Is.EqualTo(exitCode), r.ToString());
        Assert.That(r.Stderr, Does.StartWith(says), r.ToString());
        Assert.That(r.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), r.ToString());
    }
}
