using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

public class DataModuleTests : RnnApiFixture
{
    /// <summary>`data:info()` of the data set made by <paramref name="call"/>, as "kind seq features vocab classes values train validation test".</summary>
    private string Info(string call) => (string)Host.Evaluate(
        $"local i = ({call}):info()\n" +
        "return string.format('%s %d %d %d %d %d %d %d %d', i.kind, i.seq, i.features, i.vocab, i.classes, i.values, i.train, i.validation, i.test)")!;

    [Test]
    public void TheAddingProblemIsWhatWasAskedFor()
    {
        Assert.That(Info("rnn.data.adding{ seq = 20, train = 50, validation = 10, test = 12 }"), Is.EqualTo("adding 20 2 0 0 1 50 10 12"));
        Assert.That(Host.Evaluate("return rnn.data.adding{ seq = 20 }:info().seq"), Is.EqualTo(20L));
    }

    [Test]
    public void TheCopyTaskGivesTokensAndASymbolToRecallAtEveryStep()
    {
        // 3 symbols, 5 blanks, the go marker, 3 recall steps; tokens are the 4 symbols, blank and go.
        Assert.That(Info("rnn.data.copy{ symbols = 4, length = 3, delay = 5, train = 40, validation = 8, test = 8 }"), Is.EqualTo("copy 12 0 6 4 0 40 8 8"));
        var data = Make<ScriptDataset>("rnn.data.copy{ symbols = 4, length = 3, delay = 5, train = 40 }");
        Assert.That(data.Shape.TargetEveryStep, Is.True);
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "s0", "s1", "s2", "s3" }));
    }

    [Test]
    public void SineDataHasPersistenceAndZeroBaselinesPerSplit()
    {
        Assert.That(Info("rnn.data.sine{ seq = 16, components = 2, train = 30, validation = 6, test = 9 }"), Is.EqualTo("sine 16 1 0 0 1 30 6 9"));
        Host.Evaluate("data = rnn.data.sine{ seq = 16, train = 30, validation = 6, test = 9, seed = 4 }");
        double persistence = (double)Host.Evaluate("return data:baselines().persistence_rmse")!;
        double zero = (double)Host.Evaluate("return data:baselines('test').zero_rmse")!;
        double train = (double)Host.Evaluate("return data:baselines('train').persistence_rmse")!;
        Assert.That(persistence, Is.GreaterThan(0).And.LessThan(zero), "the next value is closer to the last than to zero");
        Assert.That(train, Is.Not.EqualTo(persistence), "the train split has other samples");
        Assert.That(Host.Evaluate("return data:baselines().persistence_mae"), Is.TypeOf<double>());
    }

    [Test]
    public void EverySineStepCanBeATarget()
    {
        Assert.That(Make<ScriptDataset>("rnn.data.sine{ seq = 8, train = 10 }").Shape.TargetEveryStep, Is.False);
        Assert.That(Make<ScriptDataset>("rnn.data.sine{ seq = 8, train = 10, every_step = true }").Shape.TargetEveryStep, Is.True);
    }

    [Test]
    public void TheSameSeedGivesTheSameSamples()
    {
        string persistence(int seed) => FormattableString.Invariant($"rnn.data.sine{{ seq = 12, train = 20, seed = {seed} }}:baselines().persistence_mae");
        Assert.That(Host.Evaluate("return " + persistence(3)), Is.EqualTo(Host.Evaluate("return " + persistence(3))));
        Assert.That(Host.Evaluate("return " + persistence(3)), Is.Not.EqualTo(Host.Evaluate("return " + persistence(5))));
    }

    [Test]
    public void TheWeatherWorldPredictsTheClassesAndValuesAsked()
    {
        Assert.That(Info("rnn.data.weather{ days = 200, seq = 7, labels = 'sun_cloud_rain', seed = 2 }"), Does.StartWith("weather 7 9 0 3 1 "));
        Assert.That(Info("rnn.data.weather{ days = 200, seq = 5, features = { 'temp_mean', 'humidity' }, values = { 'temp_max', 'wind' }, class = false }"),
            Does.StartWith("weather 5 2 0 0 2 "));
        var data = Make<ScriptDataset>("rnn.data.weather{ days = 200, seq = 7 }");
        Assert.That(data.Weather, Is.Not.Null, "the live loop continues this world");
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "dry", "rain" }));
        Assert.That(data.Data.Count(Split.Train) + data.Data.Count(Split.Validation) + data.Data.Count(Split.Test), Is.EqualTo(200 - 7 - 1 + 1), "one sample per day that has 7 days before it and a tomorrow");
    }

    [Test]
    public void AnUnknownWeatherColumnIsRefusedNamingTheKnownOnes()
    {
        var error = Fails("local d = rnn.data.weather{ days = 100, features = { 'temp_mean', 'sunshine' } }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.data.weather: 'sunshine' is not a weather column; known: temp_mean, temp_min"));
    }

    [Test]
    public void ClimateSettingsAreChecked()
    {
        var error = Fails("local d = rnn.data.weather{ days = 100, climate = { mean_temperature = 99 } }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.data.weather: 'climate.mean_temperature' must be a number between -40 and 40 (got 99)"));
    }

    [Test]
    public void ASplitMustLeaveSomethingForTesting()
    {
        var error = Fails("local d = rnn.data.weather{ days = 100, split = { 0.9, 0.2 } }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.EndWith("rnn.data.weather: 'split' must be {train, validation[, test]} fractions that add up to 1 with some left for test (got {0.9, 0.2})"));
    }

    [Test]
    public void CsvColumnsBecomeFeaturesAndGroupedLabelsBecomeClasses()
    {
        WriteWeatherCsv();
        string call = "rnn.data.csv{ path = 'data/days.csv', date = 'date', features = { 'rain_mm', 'temp' }, target = 'sky', seq = 5, " +
            "classes = { 'dry', 'wet' }, groups = { dry = { 'sun' }, wet = { 'drizzle', 'storm' } } }";
        Assert.That(Info(call), Does.StartWith("csv 5 2 0 2 0 "));
        var data = Make<ScriptDataset>(call);
        Assert.That(data.Shape.ClassNames, Is.EqualTo(new[] { "dry", "wet" }));
        Assert.That(data.Metadata["data.classes"], Is.EqualTo("dry\nwet"));
        Host.Evaluate("csv = " + call);
        Assert.That((double)Host.Evaluate("return csv:baselines().persistence_accuracy")!, Is.InRange(0.0, 1.0));
    }

    [Test]
    public void CsvValuesAreRegressionTargets()
    {
        WriteWeatherCsv();
        Assert.That(Info("rnn.data.csv{ path = 'data/days.csv', features = { 'rain_mm', 'temp' }, values = { 'temp' }, seq = 4 }"), Does.StartWith("csv 4 2 0 0 1 "));
    }

    [Test]
    public void ACsvNeedsSomethingToPredict()
    {
        WriteWeatherCsv();
        var error = Fails("local d = rnn.data.csv{ path = 'data/days.csv', features = { 'temp' } }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.EndWith("rnn.data.csv: nothing to predict: give 'target' (a label column) and/or 'values' (numeric columns)"));
    }

    [Test]
    public void AMissingCsvColumnIsNamedWithTheFile()
    {
        WriteWeatherCsv();
        var error = Fails("local d = rnn.data.csv{ path = 'data/days.csv', features = { 'pressure' }, target = 'sky' }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.data.csv: scripts/data/days.csv:1: column 'pressure': no such column; available: date, rain_mm, temp, sky"));
        Assert.That(error.Message, Does.Not.Contain(Folder.Root), "paths are shown relative to the project");
    }

    [Test]
    public void ACsvOutsideTheReadableFoldersIsRefusedByTheSandbox()
    {
        File.WriteAllText(Path.Combine(Folder.Root, "secret.csv"), "x,y\n1,a\n2,b\n");
        var error = Fails("local d = rnn.data.csv{ path = '../secret.csv', features = { 'x' }, target = 'y' }", ScriptErrorKind.Sandbox);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.data.csv: reading '../secret.csv' is not allowed: scripts may read files only under "));
        error = Fails("local d = rnn.data.csv{ path = '/etc/passwd', features = { 'x' }, target = 'y' }", ScriptErrorKind.Sandbox);
        Assert.That(error.Message, Does.Contain("reading '/etc/passwd' is not allowed"));
    }

    [Test]
    public void TextIsNextCharacterPredictionOverItsCharacters()
    {
        WriteText();
        // "the cat sat on the mat.\n": t h e ' ' c a s o n m . \n → 12 distinct characters.
        Assert.That(Info("rnn.data.text{ path = 'data/poem.txt', seq = 8, stride = 4 }"), Does.StartWith("text 8 0 12 12 0 "));
        var data = Make<ScriptDataset>("rnn.data.text{ path = 'data/poem.txt', seq = 8 }");
        Assert.That(data.Vocabulary!.Size, Is.EqualTo(12));
        Assert.That(data.Metadata["data.vocabulary"], Has.Length.EqualTo(12));
        Assert.That(data.Shape.TargetEveryStep, Is.True);
        var overlapping = Make<ScriptDataset>("rnn.data.text{ path = 'data/poem.txt', seq = 8, stride = 2 }");
        Assert.That(overlapping.Data.Count(Split.Train), Is.GreaterThan(3 * data.Data.Count(Split.Train)));
    }

    [Test]
    public void TextHasNoBaselines()
    {
        WriteText();
        var error = Fails("local d = rnn.data.text{ path = 'data/poem.txt', seq = 8 }\nlocal b = d:baselines()", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:2: Dataset:baselines: text data has no baselines"));
    }

    [Test]
    public void ToyTasksTakeSampleCountsNotFractions()
    {
        var error = Fails("local d = rnn.data.adding{ split = { 0.5, 0.2 } }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Is.EqualTo("scripts/x.lua:1: rnn.data.adding: unknown field 'split' (known fields: seq, train, validation, test, seed)"));
    }

    [Test]
    public void AMistypedOptionIsRefusedWithASuggestion()
    {
        var error = Fails("local d = rnn.data.copy{ symbol = 4 }", ScriptErrorKind.Argument);
        Assert.That(error.Message, Does.StartWith("scripts/x.lua:1: rnn.data.copy: unknown field 'symbol' (did you mean 'symbols'? known fields: "));
    }

    [Test]
    public void ADatasetDescribesItself()
    {
        Assert.That(Host.Evaluate("return tostring(rnn.data.adding{ seq = 20, train = 50, validation = 10, test = 12 })"),
            Is.EqualTo("Dataset(adding: 2 features × 20 steps, 50/10/12 samples)"));
    }
}
