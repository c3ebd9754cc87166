using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

/// <summary>
/// Snapshots name what the network reads and predicts: the weather loop's input features with
/// their units and raw values, its classes as probabilities and its temperature in °C; a text
/// model's characters read and what it writes; the HUD's status is the simulated date and hour.
/// </summary>
public class NetworkReadoutTests
{
    [Test]
    public void TheWeatherLoopsNetworkIsNamedAndItsForecastDecoded()
    {
        SimulatedWeather weather = SimulatedWeather.Create(new WeatherClimate(), 3, 400,
            new WindowOptions { Features = WeatherHistory.ColumnNames, SequenceLength = 7, ClassTarget = true, ValueTargets = ["temp_mean"] });
        var run = new ExperimentRun(new ExperimentDefinition
        {
            Name = "live",
            Data = weather.Windows,
            Model = new ModelSpec(9, 0, [new RecurrentSpec(CellKind.Lstm, 12), new LinearSpec(3)], HeadMode.LastStep),
            Optimizer = new OptimizerSpec("adam", 3e-3f),
            Training = new TrainerOptions { BatchSize = 16 },
            Seed = 1,
        });
        var loop = new LiveWeatherLoop(run, weather, new LiveOptions { TrainEveryTicks = 6, ReplayDays = 300, RecentDays = 20, RecentHours = 48 });
        for (int i = 0; i < (24 * 30) + 16; i++) loop.Advance();
        Snapshot s = loop.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        Assert.That(s.Message, Is.EqualTo("year 1 · 31 Jan · 16:00"));

        NetworkSnapshot n = s.Network!;
        NetworkLabels labels = n.Labels!;
        Assert.That(labels.InputNames, Is.EqualTo(WeatherHistory.ColumnNames));
        Assert.That(labels.InputUnits, Is.EqualTo(new[] { "°C", "°C", "°C", "%", "m/s", "m/s", "hPa", "hPa", "mm" }));
        Assert.That(labels.OutputNames, Is.EqualTo(new[] { "dry", "rain", "temp_mean" }));
        Assert.That(labels.OutputUnits, Is.EqualTo(new[] { "%", "%", "°C" }));
        Assert.That(labels.IsText, Is.False);
        int last = (n.Steps - 1) * 3;
        double e0 = Math.Exp(n.Outputs[last]), e1 = Math.Exp(n.Outputs[last + 1]);
        Assert.That(labels.Decoded[last], Is.EqualTo(e0 / (e0 + e1)).Within(1e-5));
        Assert.That(labels.Decoded[last] + labels.Decoded[last + 1], Is.EqualTo(1f).Within(1e-5));
        Assert.That(labels.Decoded[last + 2], Is.EqualTo(weather.Windows.DenormalizeValue(0, n.Outputs[last + 2])).Within(1e-4));
        Assert.That(labels.Decoded[0], Is.NaN, "no output before the last step");
        Assert.That(labels.PredictedClass(n.Steps - 1, 3), Is.EqualTo(labels.Decoded[last] > labels.Decoded[last + 1] ? 0 : 1));
        for (int i = 0; i < 9; i++)
            Assert.That(labels.RawInputs[i], Is.EqualTo(weather.Windows.FeatureNormalizer.Denormalize(i, n.Inputs[i])).Within(1e-3));
        Assert.That(labels.RawInputs[3], Is.InRange(0f, 100f), "humidity in %");
    }

    [Test]
    public void ATextModelShowsTheCharactersItReadsAndWhatItWrites()
    {
        const string text = "the quick brown fox jumps over the lazy dog.\n";
        var vocab = CharVocabulary.FromText(text);
        LiveTrainingRun Make() => new(new ExperimentRun(new ExperimentDefinition
        {
            Name = "text",
            Data = new CharSequenceDataset(string.Concat(Enumerable.Repeat(text, 6)), vocab, sequenceLength: 12, stride: 1),
            Model = new ModelSpec(0, vocab.Size, [new EmbeddingSpec(8), new RecurrentSpec(CellKind.Gru, 16), new LinearSpec(vocab.Size)], HeadMode.EveryStep),
            Optimizer = new OptimizerSpec("adam", 0.01f),
            Training = new TrainerOptions { BatchSize = 8 },
            Steps = 100,
            Seed = 2,
        }));
        LiveTrainingRun live = Make();
        Assert.That(live.BuildSnapshot(new LiveStatus(0, false, 48, 0)).Sample, Is.Null, "nothing written before the first step");
        for (int i = 0; i < 30; i++) live.Advance();
        Snapshot s = live.BuildSnapshot(new LiveStatus(1, false, 48, 0));
        NetworkLabels labels = s.Network!.Labels!;
        Assert.That(labels.IsText, Is.True);
        Assert.That(labels.InputNames, Is.Empty, "embeddings are not features");
        Assert.That(labels.StepTokens, Has.Count.EqualTo(12));
        Assert.That(string.Concat(labels.StepTokens).Replace("␣", " ", StringComparison.Ordinal).Replace("↵", "\n", StringComparison.Ordinal),
            Is.SubsetOf(text), "the sample's characters, spaces and line breaks shown as ␣ and ↵");
        Assert.That(labels.OutputNames, Has.Count.EqualTo(vocab.Size));
        Assert.That(labels.Decoded.AsSpan(0, vocab.Size).ToArray().Sum(), Is.EqualTo(1f).Within(1e-4), "a probability for every next character");

        TextSample sample = s.Sample!;
        Assert.That(sample.Step, Is.EqualTo(30));
        Assert.That(sample.Text, Has.Length.EqualTo(LiveTrainingRun.SampleLength));
        Assert.That(sample.Text.All(vocab.Contains), Is.True);
        Assert.That(live.BuildSnapshot(new LiveStatus(2, false, 48, 0)).Sample, Is.SameAs(sample), "written afresh only every few steps");

        LiveTrainingRun again = Make();
        for (int i = 0; i < 30; i++) again.Advance();
        Assert.That(again.BuildSnapshot(new LiveStatus(1, false, 48, 0)).Sample!.Text, Is.EqualTo(sample.Text), "the same weights write the same text");
    }

    [TestCase(0, "year 1 · 1 Jan · 00:00")]
    [TestCase((24 * 66) + 16, "year 1 · 8 Mar · 16:00")]
    [TestCase((24 * 365) + 5, "year 2 · 1 Jan · 05:00")]
    [TestCase((24 * 364) + 23, "year 1 · 31 Dec · 23:00")]
    public void TheSimulatedClockShowsTheDateAndTimeOfDay(long hour, string expected) =>
        Assert.That(SimulatedClock.Describe(hour, new WeatherClimate()), Is.EqualTo(expected));

    [Test]
    public void AShortDayIsStretchedOntoTheClockAndAnOddYearCountsDays()
    {
        Assert.That(SimulatedClock.Describe(6, new WeatherClimate { HoursPerDay = 12 }), Is.EqualTo("year 1 · 1 Jan · 12:00"));
        Assert.That(SimulatedClock.Describe(24 * 104, new WeatherClimate { DaysPerYear = 100, StartDayOfYear = 10 }), Is.EqualTo("year 2 · day 15 of 100 · 00:00"));
    }
}
