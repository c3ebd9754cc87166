using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Simulation;

/// <summary>The live loop over any <see cref="IStreamWorld"/>: the weather world through it, a world with steps of several ticks, a world that fails.</summary>
public class LiveStreamLoopTests
{
    /// <summary>A sine of period 12 steps sampled <paramref name="ticksPerStep"/> times a step, failing at live tick <paramref name="failAt"/> (after the history's start and the live one).</summary>
    private sealed class SineWorld(int ticksPerStep, long failAt = long.MaxValue) : IStreamWorld
    {
        private readonly RandomSource _random = new(1);
        private int _starts;

        public IReadOnlyList<StreamSeries> Series { get; } = [new("y", "m")];

        public IReadOnlyList<string> Columns { get; } = ["y"];

        public IReadOnlyList<string> ClassNames { get; } = [];

        public int TicksPerStep => ticksPerStep;

        public long Tick { get; private set; }

        public string? Note => Tick == 30 ? "half-way" : null;

        public void Restart(ulong seed)
        {
            _random.Reseed(seed);
            Tick = 0;
            _starts++;
        }

        public bool Advance(Span<float> observed, Span<float> row, out int label)
        {
            if (Tick == failAt && _starts == 2) throw new WorldFailedException("the sine broke (tick " + Tick + ")", Tick);
            label = -1;
            observed[0] = (float)(Math.Sin(2 * Math.PI * Tick / (12.0 * ticksPerStep)) + 0.01 * _random.NextNormal());
            Tick++;
            if (Tick % ticksPerStep != 0) return false;
            row[0] = observed[0];
            return true;
        }
    }

    private static LiveStreamLoop Make(IStreamWorld world, int features, bool classes, string[] values, int history = 200, int seq = 6)
    {
        SimulatedStream stream = SimulatedStream.Create(world, 3, history,
            new WindowOptions { Features = world.Columns.Take(features).ToArray(), SequenceLength = seq, ClassTarget = classes, ValueTargets = values });
        int outputs = (classes ? world.ClassNames.Count : 0) + values.Length;
        var run = new ExperimentRun(new ExperimentDefinition
        {
            Name = "stream",
            Data = stream.Windows,
            Model = new ModelSpec(features, 0, [new RecurrentSpec(CellKind.Gru, 8), new LinearSpec(outputs)], HeadMode.LastStep),
            Optimizer = new OptimizerSpec("adam", 3e-3f),
            Training = new TrainerOptions { BatchSize = 8 },
        });
        return new LiveStreamLoop(run, stream, new LiveOptions { TrainEveryTicks = 2, ReplayDays = 150, RecentDays = 20, RecentHours = 48 }, reportEvery: 10);
    }

    [Test]
    public void TheWeatherWorldStreamsThroughItADayEveryDayOfHours()
    {
        var world = new WeatherStreamWorld(new WeatherClimate(), 5);
        LiveStreamLoop loop = Make(world, 9, classes: true, ["temp_mean"], history: 120, seq: 5);
        for (int i = 0; i < 24 * 5; i++) loop.Advance();
        Assert.That((loop.Ticks, loop.Steps, loop.Scored), Is.EqualTo((120L, 5L, 5L)));
        Assert.That(loop.Series.Select(s => s.Name), Is.EqualTo(WeatherObservation.Names));
        Assert.That(loop.ValueName, Is.EqualTo("temp_mean"));
        Assert.That(loop.HasClasses, Is.True);
        Assert.That(loop.Report(), Does.Contain("next class: model accuracy").And.Contain("next temp_mean: model MAE"));

        // The hours it streams are the simulator's, from the live seed.
        var simulator = new WeatherSimulator(new WeatherClimate(), new LiveOptions().WorldSeed);
        world.Restart(new LiveOptions().WorldSeed);
        var observed = new float[5];
        var expected = new float[5];
        var row = new float[9];
        for (int h = 0; h < 30; h++)
        {
            bool day = world.Advance(observed, row, out int label);
            simulator.Next().CopyTo(expected);
            Assert.That(observed, Is.EqualTo(expected), $"hour {h}");
            Assert.That(day, Is.EqualTo(h == 23), $"hour {h}");
            Assert.That(label, day ? Is.InRange(0, 1) : Is.EqualTo(-1));
        }
    }

    [Test]
    public void AStepOfSeveralTicksIsScoredOnceAndTheNotesAreKept()
    {
        LiveStreamLoop loop = Make(new SineWorld(3), 1, classes: false, ["y"]);
        for (int i = 0; i < 90; i++) loop.Advance();
        Assert.That((loop.Ticks, loop.Steps, loop.Scored), Is.EqualTo((90L, 30L, 30L)));
        Assert.That(loop.Forecasts.Book.Years.Select(y => y.Period), Is.EqualTo(new[] { "period 1", "period 2", "period 3" }));
        Assert.That(loop.Notes.Single(), Is.EqualTo(new WorldChangeRecord(29, 9, "half-way")));
        Assert.That(loop.Forecasts.Book.Total().Persistence.MeanAbsoluteError, Is.GreaterThan(0.1));
    }

    [Test]
    public void AWorldThatFailsStopsTheLoopAndKeepsWhatWasScored()
    {
        LiveStreamLoop loop = Make(new SineWorld(1, failAt: 12), 1, classes: false, ["y"]);
        for (int i = 0; i < 30; i++) loop.Advance();
        Assert.That(loop.Finished, Is.True);
        Assert.That(loop.Failure!.Tick, Is.EqualTo(12));
        Assert.That((loop.Ticks, loop.Scored), Is.EqualTo((12L, 12L)));
        Assert.That(loop.Report(), Does.EndWith("the world stopped at tick 12: the sine broke (tick 12)"));
        Assert.That(loop.ReportJson()["failure"]!.GetValue<string>(), Is.EqualTo("the sine broke (tick 12)"));
        Assert.That(loop.BuildSnapshot(new LiveStatus(1, false, 48, 0)).Message, Is.EqualTo("world stopped at tick 12"));
    }
}
