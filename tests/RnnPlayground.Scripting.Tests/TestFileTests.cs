using RnnPlayground.Scripting.Experiment.Testing;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A test file in its own Lua state: running it defines its cases (with their lines); a case's
/// failing expectation comes back as an error at the test file's line with both values; <c>rnn.run</c>
/// trains a script and hands back its figures, refusing an unknown option before it trains.
/// </summary>
public class TestFileTests
{
    private const string Tiny = """
        return {
          data = rnn.data.sine{ seq = 6, components = 1, train = 32, validation = 8, test = 8, seed = 4 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 4 }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = 1e-2 },
          batch = 8,
          steps = 3,
        }
        """;

    private static TestFile Load(ScriptFolder folder, string source) =>
        TestFile.Load(folder.WriteScript("scripts/tests/x_test.lua", source), new TestFileOptions
        {
            WorkingDirectory = folder.Root, OutputDirectory = folder.OutputDirectory,
        });

    [Test]
    public void RunningTheFileDefinesItsCasesWithTheirLines()
    {
        using var folder = new ScriptFolder();
        using TestFile file = Load(folder, "test('a', function() end)\n\ntest('b', function()\nend)\n");
        Assert.That(file.Cases, Is.EqualTo(new[] { new TestCase("a", 1), new TestCase("b", 3) }));
        Assert.That(file.ScriptPath, Is.EqualTo("scripts/tests/x_test.lua"));
    }

    [Test]
    public void TwoCasesOfOneNameAreRefused()
    {
        using var folder = new ScriptFolder();
        var e = Assert.Throws<ScriptException>(() => Load(folder, "test('a', function() end)\ntest('a', function() end)\n"));
        Assert.That(e!.Message, Is.EqualTo("scripts/tests/x_test.lua:2: rnn.test: a case named 'a' is already defined (line 1)"));
    }

    [Test]
    public void AFailingExpectationIsAnErrorAtTheTestFilesLineWithBothValues()
    {
        using var folder = new ScriptFolder();
        using TestFile file = Load(folder, "test('a', function()\n  local x = 0.25\n  expect(x):above(0.5)\nend)\n");
        TestOutcome outcome = file.Run("a");
        Assert.That(outcome.Passed, Is.False);
        Assert.That(outcome.Error!.Message, Is.EqualTo("scripts/tests/x_test.lua:3: expected 0.25 to be above 0.5"));
        Assert.That(outcome.Error.Line, Is.EqualTo(3));
    }

    [Test]
    public void RnnRunTrainsTheScriptAndReturnsItsFigures()
    {
        using var folder = new ScriptFolder();
        folder.WriteScript("scripts/tiny.lua", Tiny);
        using TestFile file = Load(folder, """
            test('a', function()
              local r = rnn.run('../tiny.lua', { steps = 2, seed = 9 })
              expect(r.steps):equals(2)
              expect(r.status):equals('completed')
              expect(r.test_rmse):above(0)
              expect(r.max_loss):above(r.final_loss - 1e-12)
            end)
            """);
        TestOutcome outcome = file.Run("a");
        Assert.That(outcome.Error, Is.Null);
        RunFigures run = outcome.Runs.Single();
        Assert.That((run.Script, run.Variant, run.Figures["steps"]), Is.EqualTo(("scripts/tiny.lua", (string?)null, 2.0)));
        Assert.That(File.Exists(Path.Combine(folder.OutputDirectory, "01-tiny", "metrics.csv")), Is.True);
        Assert.That(outcome.RunSeconds, Is.GreaterThan(0));
    }

    [Test]
    public void RnnRunRefusesAnUnknownOptionOrParameterBeforeItTrains()
    {
        using var folder = new ScriptFolder();
        folder.WriteScript("scripts/tiny.lua", "local p = rnn.params{ hidden = 4 }\n" + Tiny.Replace("hidden = 4", "hidden = p.hidden", StringComparison.Ordinal));
        using TestFile file = Load(folder, """
            test('option', function() rnn.run('../tiny.lua', { stepz = 2 }) end)
            test('parameter', function() rnn.run('../tiny.lua', { set = { hiden = 2 } }) end)
            test('set', function() expect(rnn.run('../tiny.lua', { steps = 1, set = { hidden = 3 } }).params.hidden):equals(3) end)
            """);
        Assert.That(file.Run("option").Error!.Message, Does.StartWith("scripts/tests/x_test.lua:1: rnn.run: unknown field 'stepz'"));
        Assert.That(file.Run("option").Runs, Is.Empty);
        Assert.That(file.Run("parameter").Error!.Message, Does.StartWith("scripts/tests/x_test.lua:2: rnn.run: ").And.Contain("hiden"));
        Assert.That(file.Run("set").Error, Is.Null);
    }
}
